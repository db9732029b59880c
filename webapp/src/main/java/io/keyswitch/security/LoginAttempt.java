package io.keyswitch.security;

import io.keyswitch.platform.PortalPrincipal;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.Outcome;

/**
 * One try to log in, as the audit knows it: the account it named (if it exists), the name tried ({@code account/user}),
 * the user (once known), the source address and the target ({@code user:<name>}).
 */
record LoginAttempt(Long accountId, String tried, Long userId, String sourceIp, String target) {

    /** The attempt of a user whose password was right. */
    static LoginAttempt of(PortalPrincipal user, String tried, String sourceIp) {
        return new LoginAttempt(user.accountId(), tried, user.userId(), sourceIp, "user:" + user.username());
    }

    /** The audit entry of this attempt's {@code action}; details and reason follow. */
    AuditEntry entry(AuditAction action, Outcome outcome) {
        return AuditEntry.of(action, outcome).in(accountId).by(tried, userId).from(sourceIp).on(target);
    }

    /** This attempt with {@code user} as the user ({@code null}: none). */
    LoginAttempt by(Long user) {
        return new LoginAttempt(accountId, tried, user, sourceIp, target);
    }
}
