package io.keyswitch.platform.api;

import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.io.InputStream;

/** Request bodies read into memory only up to a bound: beyond it the request is a 413 problem, and is not read on. */
public final class Bodies {

    private Bodies() {
    }

    /** All of {@code in}, or a 413 problem when it holds more than {@code max} bytes. */
    public static byte[] read(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw new WebApplicationException(Problem.response(413, "Content Too Large",
                    "Nothing was stored: the body has more than " + max + " bytes."));
        }
        return bytes;
    }
}
