package io.keyswitch.audit;

/** Appends events to the audit trail and checks that nothing in it was changed. */
public interface AuditTrail {

    /** Appends an event, linked to the previous event of its account; joins the caller's transaction. */
    AuditEvent record(AuditEntry entry);

    /** Walks one account's chain (or the chain outside accounts, for {@code null}) and reports the first broken link. */
    ChainVerification verify(Long accountId);
}
