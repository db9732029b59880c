package io.keyswitch.jail;

import java.time.Instant;
import java.util.Objects;

/**
 * An active ban, as the admin page lists it and the audit records it.
 *
 * @param kind whether an address or a user name is banned
 * @param subject the banned address (e.g. {@code 203.0.113.7}, {@code 2001:db8:0:1:0:0:0:0/64})
 *     or the user name (lower case)
 * @param since when the ban began
 * @param until when it ends by itself
 * @param failures failed logins counted for the subject while it was tracked, including any
 *     reported during the ban
 * @param lastUserName the last user name tried (already stripped of control characters), or
 *     {@code null} if none was given
 * @param lastAddress the last source address the failures came from
 */
public record Ban(BanKind kind, String subject, Instant since, Instant until, int failures,
        String lastUserName, String lastAddress) {

    public Ban {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
    }

    /** Whether the ban is still in force at the instant. */
    public boolean activeAt(Instant instant) {
        return instant.isBefore(until);
    }
}
