package io.keyswitch.siem.syslog;

import java.nio.charset.StandardCharsets;

/**
 * RFC 6587 section 3.4.1 octet-counting framing, which RFC 5425 (TLS) requires and TCP receivers understand:
 * {@code MSG-LEN SP SYSLOG-MSG}, the length in bytes as decimal digits. Unlike a line break as delimiter it lets a
 * message hold any byte, line breaks in a reason included.
 */
public final class OctetCounting {

    private OctetCounting() {
    }

    /** The frame of one message. */
    public static byte[] frame(byte[] message) {
        byte[] prefix = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, frame, 0, prefix.length);
        System.arraycopy(message, 0, frame, prefix.length, message.length);
        return frame;
    }
}
