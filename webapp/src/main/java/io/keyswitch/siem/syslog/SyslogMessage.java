package io.keyswitch.siem.syslog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One syslog message as RFC 5424 section 6 names its parts. {@code null} (or blank) header fields are the NILVALUE
 * {@code -}; an empty {@code data} list is NILVALUE too; a {@code null} {@code msg} leaves the MSG part out.
 *
 * @param facility  0–23 (13: log audit)
 * @param severity  0–7 (5: notice, 4: warning)
 * @param timestamp when the event happened (written in UTC with milliseconds), or {@code null} for NILVALUE
 * @param hostname  the sender's FQDN or address (at most 255 printable US-ASCII characters)
 * @param appName   at most 48 printable US-ASCII characters
 * @param procId    at most 128 printable US-ASCII characters
 * @param msgId     the type of message, at most 32 printable US-ASCII characters
 * @param data      the SD-ELEMENTs, in order
 * @param msg       free text, sent as UTF-8 with the byte order mark RFC 5424 asks for
 */
public record SyslogMessage(int facility, int severity, Instant timestamp, String hostname, String appName,
                            String procId, String msgId, List<StructuredData> data, String msg) {

    public SyslogMessage {
        if (facility < 0 || facility > 23) {
            throw new IllegalArgumentException("facility must be 0–23: " + facility);
        }
        if (severity < 0 || severity > 7) {
            throw new IllegalArgumentException("severity must be 0–7: " + severity);
        }
        data = List.copyOf(Objects.requireNonNull(data, "data"));
    }

    /** PRI: facility × 8 + severity. */
    public int priority() {
        return facility * 8 + severity;
    }

    /**
     * One SD-ELEMENT: its SD-ID (e.g. {@code audit@32473}) and its parameters in order; a parameter whose value is
     * {@code null} is left out (RFC 5424 has no NILVALUE for a parameter).
     */
    public record StructuredData(String id, List<Param> params) {

        public StructuredData {
            Rfc5424.requireSdName(id, "SD-ID");
            params = List.copyOf(params);
            params.forEach(p -> Rfc5424.requireSdName(p.name(), "PARAM-NAME"));
        }
    }

    /** One SD-PARAM: a name and a value ({@code null}: left out). */
    public record Param(String name, String value) {
    }
}
