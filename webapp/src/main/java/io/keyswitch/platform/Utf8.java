package io.keyswitch.platform;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes read as UTF-8 strictly: what is not UTF-8 (an invalid byte, an overlong form, an encoded surrogate, a cut
 * sequence) is refused with where it is, never replaced by U+FFFD as Java's and the container's readers do.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** Bytes that are not UTF-8, at {@code offset} (0-based) on line {@code line} (1-based). */
    public static final class Invalid extends Exception {

        private static final long serialVersionUID = 1L;

        private final long offset;
        private final long line;

        Invalid(long offset, long line) {
            super("not UTF-8 at byte " + (offset + 1) + " (line " + line + ")");
            this.offset = offset;
            this.line = line;
        }

        public long offset() {
            return offset;
        }

        public long line() {
            return line;
        }
    }

    /** The text of {@code bytes}, which must be UTF-8 throughout. */
    public static String decode(byte[] bytes) throws Invalid {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            long line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new Invalid(at, line);
        }
        return out.flip().toString();
    }
}
