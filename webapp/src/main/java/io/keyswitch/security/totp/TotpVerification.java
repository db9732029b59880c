package io.keyswitch.security.totp;

/** The outcome of checking a TOTP code; the portal audits each one differently. */
public enum TotpVerification {
    /** The code is right for a step inside the drift window and was not used before. */
    ACCEPTED,
    /** The code is right, but its step (or a later one) was already accepted: a replay. */
    REPLAYED,
    /** The code is malformed, wrong, or for a step outside the drift window. */
    REJECTED;

    /** Whether the user may pass. */
    public boolean accepted() {
        return this == ACCEPTED;
    }
}
