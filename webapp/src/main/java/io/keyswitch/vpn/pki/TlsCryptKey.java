package io.keyswitch.vpn.pki;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * An OpenVPN static key (2048 bits) for {@code tls-crypt}, in the format {@code openvpn --genkey} writes.
 * The text is a secret shared by an instance and its clients' profiles: never log it.
 */
public final class TlsCryptKey {

    public static final int BYTES = 256;
    private static final String BEGIN = "-----BEGIN OpenVPN Static key V1-----";
    private static final String END = "-----END OpenVPN Static key V1-----";

    private TlsCryptKey() {
    }

    public static String generate(SecureRandom random) {
        byte[] key = new byte[BYTES];
        random.nextBytes(key);
        HexFormat hex = HexFormat.of();
        StringBuilder text = new StringBuilder("#\n# 2048 bit OpenVPN static key\n#\n").append(BEGIN).append('\n');
        for (int line = 0; line < BYTES / 16; line++) {
            text.append(hex.formatHex(key, line * 16, line * 16 + 16)).append('\n');
        }
        return text.append(END).append('\n').toString();
    }

    /** The key bytes of a static key text; throws {@link IllegalArgumentException} when it is not one. */
    public static byte[] parse(String text) {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("not an OpenVPN static key");
        }
        String hex = text.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
        byte[] key = HexFormat.of().parseHex(hex);
        if (key.length != BYTES) {
            throw new IllegalArgumentException("static key must have " + BYTES + " bytes");
        }
        return key;
    }
}
