package io.keyswitch.audit;

/**
 * Fired when events were appended to the audit trail: observed after the transaction's commit
 * ({@code @Observes(during = AFTER_SUCCESS)}) by whoever forwards the trail, so that it reads them at once instead of
 * waiting for its next poll.
 *
 * @param lastEventId the id of the last event appended
 */
public record AuditRecorded(long lastEventId) {
}
