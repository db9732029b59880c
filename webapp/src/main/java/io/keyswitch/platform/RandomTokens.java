package io.keyswitch.platform;

import java.security.SecureRandom;

/** Random strings for one-time passwords and codes, from an alphabet without look-alike characters. */
public final class RandomTokens {

    private static final char[] ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {
    }

    /** A string of {@code length} characters; 20 characters carry about 116 bits. */
    public static String readable(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
