package io.keyswitch.approval;

/**
 * A request was made, answered, expired or ended, fired in the transaction that stored it; its observers act after
 * the commit (mails, the technician's connections closed when an approver ended the window).
 *
 * @param by       who did it (the portal itself for an expiry)
 * @param byUserId that user, or null
 * @param comment  the approver's comment, or null
 */
public record ApprovalChanged(long requestId, long accountId, Kind kind, String by, Long byUserId, String sourceIp,
                             String comment) {

    /** What happened to the request. */
    public enum Kind { REQUESTED, APPROVED, REFUSED, EXPIRED, ENDED }
}
