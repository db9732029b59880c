package io.keyswitch.platform.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/**
 * Files a page hands out: once (a VPN profile with its private key: after the download the page holds it no more), or
 * streamed as they are written (exports of any size, written page by page into the response).
 */
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

    /** What writes a streamed download into the response. */
    @FunctionalInterface
    public interface Writer extends Serializable {
        void write(OutputStream out) throws IOException;
    }

    /** A download named {@code fileName} that {@code writer} writes straight into the response while it is sent. */
    public static StreamedContent streamed(String fileName, String contentType, Writer writer) {
        return DefaultStreamedContent.builder().name(fileName).contentType(contentType).writer(out -> {
            try {
                writer.write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).build();
    }
}
