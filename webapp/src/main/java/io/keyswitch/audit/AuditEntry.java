package io.keyswitch.audit;

import java.util.Objects;

/**
 * What one audit event says: who (actor), from where, in which account, did what to what, how it ended,
 * what changed (details, never a secret) and why (reason). Every text is bounded to its column here, so that
 * no value a client sends can make the audit write fail (and with it the change or the login it records): a
 * longer one is cut and ends in {@code …}.
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

    /** The column sizes of {@code audit_event} (V1), in characters; details is a TEXT of 65,535 bytes. */
    static final int ACTOR = 200;
    static final int SOURCE_IP = 45;
    static final int ACTION = 64;
    static final int TARGET = 300;
    static final int DETAILS = 16_000;
    static final int REASON = 1000;

    public AuditEntry {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        actor = bounded(actor, ACTOR);
        sourceIp = bounded(sourceIp, SOURCE_IP);
        action = bounded(action, ACTION);
        target = bounded(target, TARGET);
        details = bounded(details, DETAILS);
        reason = bounded(reason, REASON);
    }

    /** At most {@code max} UTF-16 units (so at most {@code max} characters), never half a surrogate pair. */
    static String bounded(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
