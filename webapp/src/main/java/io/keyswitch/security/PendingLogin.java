package io.keyswitch.security;

import io.keyswitch.platform.PortalPrincipal;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.Outcome;
import java.io.Serializable;
import java.time.Instant;

/**
 * A login whose password was right and whose second factor is still to come. Kept in the HTTP
 * session between the two steps; Shiro knows nobody until the second factor is done.
 *
 * @param principal who is logging in
 * @param tried the name tried, {@code account/user}, as the jail and the audit know it
 * @param startedAt when the password was accepted; the second step must follow within
 *     {@link #VALIDITY_SECONDS} seconds
 * @param mustEnrol whether the user has no second factor yet but needs one
 * @param totp whether the user has an authenticator app
 * @param mailLink whether the user can get an e-mail link (an address, and SMTP configured)
 * @param sms whether the user can get an SMS code (a phone number, and an SMS gateway configured)
 */
public record PendingLogin(PortalPrincipal principal, String tried, Instant startedAt, boolean mustEnrol,
        boolean totp, boolean mailLink, boolean sms) implements Serializable {

    /** Five minutes to type the code (or to enrol) after the password. */
    public static final long VALIDITY_SECONDS = 300;

    /** Whether the second step may still follow at {@code now}. */
    public boolean validAt(Instant now) {
        return now.isBefore(startedAt.plusSeconds(VALIDITY_SECONDS));
    }

    /** An audit entry of this login's next step: actor the name tried, target the user, from {@code sourceIp}. */
    public AuditEntry entry(AuditAction action, Outcome outcome, String sourceIp) {
        return LoginAttempt.of(principal, tried, sourceIp).entry(action, outcome);
    }

    public boolean isMustEnrol() {
        return mustEnrol;
    }

    public boolean isTotp() {
        return totp;
    }

    public boolean isMailLink() {
        return mailLink;
    }

    public boolean isSms() {
        return sms;
    }
}
