package io.keyswitch.vpn.auth;

import java.security.SecureRandom;

/**
 * A device's secret: 160 random bits as 32 lowercase base32 characters (no padding, no look-alike confusion in
 * a router's input field). Shown to the admin once; only its keyed hash is stored.
 */
public final class DeviceSecret {

    public static final int BITS = 160;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private DeviceSecret() {
    }

    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[BITS / 8];
        random.nextBytes(bytes);
        StringBuilder text = new StringBuilder(BITS / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = buffer << 8 | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                text.append(ALPHABET[buffer >>> (bits - 5) & 31]);
                bits -= 5;
            }
        }
        return text.toString();
    }
}
