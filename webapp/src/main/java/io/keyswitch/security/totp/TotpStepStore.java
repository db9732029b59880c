package io.keyswitch.security.totp;

/**
 * Remembers, per user, the last time step whose code was accepted, so that a code is accepted at
 * most once (RFC 6238 section 5.2) even when several portal nodes share the database.
 *
 * <p>The portal implements it on the user's TOTP enrolment row, e.g.
 * {@code UPDATE user_totp SET last_step = ? WHERE user_id = ? AND (last_step IS NULL OR last_step < ?)}
 * and "advanced" when one row changed: one statement, so two simultaneous logins with the same
 * code cannot both win.
 */
public interface TotpStepStore {

    /**
     * Records {@code step} as the user's last accepted step if, and only if, it is later than the
     * step recorded so far (or none is recorded). Must be atomic.
     *
     * @param userId the user's immutable id (not the user name, which can be renamed)
     * @return {@code true} if the step was recorded, {@code false} if an equal or later step was
     *     already accepted (a replay)
     */
    boolean advanceTo(String userId, long step);

    /** Forgets the user's steps, e.g. when an administrator resets the enrolment. */
    void forget(String userId);
}
