package io.keyswitch.siem.syslog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Writes a {@link SyslogMessage} as RFC 5424 bytes: {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [SP BOM MSG]}.
 * Header fields keep only printable US-ASCII (any other character, space included, becomes {@code _}) and are cut to
 * their RFC length; SD-PARAM values escape {@code "}, {@code \} and {@code ]} with a backslash (section 6.3.3); the MSG
 * is UTF-8 after the byte order mark (section 6.4) and is the only part cut when the message would exceed its
 * largest size (at a character's boundary, ending in {@code …}), so the header and the structured data always arrive
 * whole.
 */
public final class Rfc5424 {

    /** The byte order mark that says the MSG is UTF-8. */
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] ELLIPSIS = "…".getBytes(StandardCharsets.UTF_8);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Rfc5424() {
    }

    /** The message as bytes of at most {@code maxBytes} (only the MSG is cut to fit; header and SD are never cut). */
    public static byte[] format(SyslogMessage m, int maxBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        ascii(out, "<" + m.priority() + ">1 ");
        ascii(out, m.timestamp() == null ? "-" : TIMESTAMP.format(m.timestamp().truncatedTo(ChronoUnit.MILLIS)));
        ascii(out, " " + header(m.hostname(), 255) + " " + header(m.appName(), 48) + " " + header(m.procId(), 128) + " "
                + header(m.msgId(), 32) + " ");
        if (m.data().isEmpty()) {
            ascii(out, "-");
        }
        for (SyslogMessage.StructuredData sd : m.data()) {
            ascii(out, "[" + sd.id());
            for (SyslogMessage.Param p : sd.params()) {
                if (p.value() != null) {
                    ascii(out, " " + p.name() + "=\"");
                    out.writeBytes(escape(p.value()).getBytes(StandardCharsets.UTF_8));
                    ascii(out, "\"");
                }
            }
            ascii(out, "]");
        }
        if (m.msg() != null) {
            out.write(' ');
            out.writeBytes(BOM);
            byte[] text = m.msg().getBytes(StandardCharsets.UTF_8);
            int room = maxBytes - out.size();
            if (text.length <= room) {
                out.writeBytes(text);
            } else if (room > ELLIPSIS.length) {
                out.write(text, 0, boundary(text, room - ELLIPSIS.length));
                out.writeBytes(ELLIPSIS);
            }
        }
        return out.toByteArray();
    }

    /** An SD-PARAM value with {@code "}, {@code \} and {@code ]} escaped (RFC 5424 section 6.3.3). */
    static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** A header field: NILVALUE when empty, else printable US-ASCII only (others become {@code _}), at most {@code max}. */
    static String header(String value, int max) {
        if (value == null || value.isBlank()) {
            return "-";
        }
        StringBuilder b = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && b.length() < max; i++) {
            char c = value.charAt(i);
            b.append(c >= 33 && c <= 126 ? c : '_');
        }
        return b.toString();
    }

    /** Checks an SD-ID or PARAM-NAME: 1–32 printable US-ASCII characters except {@code = ] "} and space. */
    static void requireSdName(String name, String what) {
        if (name == null || name.isEmpty() || name.length() > 32) {
            throw new IllegalArgumentException(what + " must have 1–32 characters: " + name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == '=' || c == ']' || c == '"') {
                throw new IllegalArgumentException(what + " may hold only printable US-ASCII except = ] \" and space: " + name);
            }
        }
    }

    /** The longest prefix of {@code utf8} of at most {@code max} bytes that ends at a character's boundary. */
    private static int boundary(byte[] utf8, int max) {
        int end = Math.min(max, utf8.length);
        while (end > 0 && end < utf8.length && (utf8[end] & 0xC0) == 0x80) {
            end--;
        }
        return end;
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** When the event happened, as the TIMESTAMP field writes it (for tests and examples). */
    static String timestamp(Instant at) {
        return TIMESTAMP.format(at);
    }
}
