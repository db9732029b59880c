package io.keyswitch.security.totp;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Base32 as RFC 4648 section 6 defines it (alphabet {@code A-Z2-7}), the encoding authenticator
 * apps expect for TOTP secrets. {@link #encode} writes no padding; {@link #decode} accepts
 * upper or lower case, optional trailing padding and spaces (people copy secrets in groups).
 */
public final class Base32 {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Base32() {
    }

    /** Encodes the bytes without padding ({@code "foobar"} becomes {@code "MZXW6YTBOI"}). */
    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 0x1f]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 0x1f]);
        }
        return out.toString();
    }

    /**
     * Decodes Base32 text.
     *
     * @throws IllegalArgumentException if the text holds a character outside the alphabet, padding
     *     in the middle, or a length no encoder produces
     */
    public static byte[] decode(String text) {
        String s = text.replace(" ", "").toUpperCase(Locale.ROOT);
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        int remainder = end % 8;
        if (remainder == 1 || remainder == 3 || remainder == 6) {
            throw new IllegalArgumentException("Not Base32: impossible length " + end);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < end; i++) {
            int value = valueOf(s.charAt(i), i);
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    private static int valueOf(char c, int position) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        // The character itself is left out: the text may be a secret.
        throw new IllegalArgumentException("Not Base32: unexpected character at position " + position);
    }
}
