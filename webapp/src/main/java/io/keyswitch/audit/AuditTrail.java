package io.keyswitch.audit;

/** Appends events to the audit trail and checks that nothing in it was changed. */
public interface AuditTrail {

    /** Appends an event, linked to the previous event of its account; joins the caller's transaction. */
    AuditEvent record(AuditEntry entry);

    /**
     * Appends several events of ONE account at once, in order, with the chain head locked once (an
     * import of thousands of devices); joins the caller's transaction.
     */
    void recordAll(java.util.List<AuditEntry> entries);

    /** Walks one account's chain (or the chain outside accounts, for {@code null}) and reports the first broken link. */
    ChainVerification verify(Long accountId);
}
