package io.keyswitch.platform.web;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/** Files a page hands out once (a VPN profile with its private key): after the download the page holds it no more. */
public final class Downloads {

    private Downloads() {
    }

    /** The text as a download named {@code fileName}; "expired.txt" saying so when it was downloaded already (null). */
    public static StreamedContent once(String fileName, String text, String contentType) {
        byte[] bytes = (text == null ? "This file was downloaded already. Make a new one.\n" : text)
                .getBytes(StandardCharsets.UTF_8);
        return DefaultStreamedContent.builder().name(text == null ? "expired.txt" : fileName)
                .contentType(text == null ? "text/plain" : contentType)
                .contentLength((long) bytes.length).stream(() -> new ByteArrayInputStream(bytes)).build();
    }
}
