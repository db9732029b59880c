package io.keyswitch.platform;

import java.security.SecureRandom;

/** Random strings for one-time passwords and codes, from alphabets without look-alike characters. */
public final class RandomTokens {

    private static final char[] ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    /** Upper-case letters and digits without 0/O, 1/I/L: read aloud or typed in any case, nothing to confuse. */
    private static final char[] UPPER_CASE = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {
    }

    /** A string of {@code length} characters; 20 characters carry about 116 bits. */
    public static String readable(int length) {
        return random(ALPHABET, length);
    }

    /**
     * A string of {@code length} upper-case letters and digits, none of which looks like another (no 0, O, 1,
     * I, L), for codes a person copies from a screen and may type in lower case; 16 characters carry about 79 bits.
     */
    public static String upperCase(int length) {
        return random(UPPER_CASE, length);
    }

    private static String random(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
