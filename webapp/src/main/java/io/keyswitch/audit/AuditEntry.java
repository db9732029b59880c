package io.keyswitch.audit;

import java.util.Objects;

/**
 * What one audit event says: who (actor), from where, in which account, did what to what, how it ended,
 * what changed (details, never a secret) and why (reason).
 *
 * @param accountId the account the event belongs to, or {@code null} for events outside any account
 *                  (such as a login attempt naming an account that does not exist)
 */
public record AuditEntry(
        Long accountId,
        String actor,
        Long actorUserId,
        String sourceIp,
        String action,
        String target,
        Outcome outcome,
        String details,
        String reason) {

    public AuditEntry {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }
}
