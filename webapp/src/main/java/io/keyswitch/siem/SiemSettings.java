package io.keyswitch.siem;

import io.keyswitch.platform.SettingsReader;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The appliance-wide settings of SIEM forwarding ({@code keyswitch.siem.*}), read once at start and logged by
 * {@link #describe()}.
 *
 * @param interval         how often the sender looks for events without being woken (it is woken after each commit
 *                         that recorded one), and retries a server that failed
 * @param batch            events read and sent at once
 * @param settle           how long an event must have been on an open connection before its position is kept: a
 *                         server that stops loses what it had received and not yet read, so everything sent in this
 *                         time before a broken connection is sent again (duplicates, never a loss)
 * @param connectTimeout   connecting and the TLS handshake
 * @param retryFirst       the first pause after a server failed, doubled after each failure up to {@code retryLongest}
 * @param retryLongest     the longest pause
 * @param maxMessage       the largest message in bytes (RFC 5425 receivers take 8192 at least); the MSG part is cut
 * @param facility         the syslog facility of every message (13: log audit)
 * @param enterpriseNumber the IANA private enterprise number of the structured data's SD-ID {@code audit@<number>}
 * @param gapWait          how long an appliance-wide target waits for an id skipped because its transaction had not
 *                         committed yet (ids of transactions that rolled back never appear)
 */
public record SiemSettings(Duration interval, int batch, Duration settle, Duration connectTimeout, Duration retryFirst,
                           Duration retryLongest, int maxMessage, int facility, long enterpriseNumber, Duration gapWait) {

    public static SiemSettings from(UnaryOperator<String> lookup) {
        SettingsReader siem = SettingsReader.of(lookup, "keyswitch.siem.");
        return new SiemSettings(
                siem.duration("interval", Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofHours(1)),
                siem.integer("batch", 500, 1, 10_000),
                siem.duration("settle", Duration.ofSeconds(2), Duration.ZERO, Duration.ofMinutes(10)),
                siem.duration("connect-timeout", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(1)),
                siem.duration("retry-first", Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofHours(1)),
                siem.duration("retry-longest", Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofHours(1)),
                siem.integer("max-message", 8192, 480, 65_536),
                siem.integer("facility", 13, 0, 23),
                siem.integer("enterprise-number", 32473, 1, Integer.MAX_VALUE),
                siem.duration("gap-wait", Duration.ofMinutes(30), Duration.ofSeconds(1), Duration.ofDays(1)));
    }

    /** One line for the start-up log: every setting in force. */
    public String describe() {
        return "SIEM forwarding settings: siem.interval=" + interval + ", batch=" + batch + ", settle=" + settle
                + ", connect-timeout=" + connectTimeout + ", retry-first=" + retryFirst + ", retry-longest=" + retryLongest
                + ", max-message=" + maxMessage + ", facility=" + facility + ", enterprise-number=" + enterpriseNumber
                + ", gap-wait=" + gapWait;
    }

    /** The SD-ID of the audit event's structured data. */
    public String sdId() {
        return "audit@" + enterpriseNumber;
    }
}
