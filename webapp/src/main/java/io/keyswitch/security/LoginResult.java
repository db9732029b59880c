package io.keyswitch.security;

import java.time.Instant;

/**
 * How a login attempt (or one of its steps) ended.
 *
 * @param status what happened
 * @param message what to tell the person; the same neutral words for every wrong account, user or password
 * @param retryAt when a {@link Status#BANNED} attempt may be tried again, otherwise {@code null}
 * @param pending the login waiting for its second factor ({@link Status#SECOND_FACTOR},
 *     {@link Status#ENROL}), otherwise {@code null}
 */
public record LoginResult(Status status, String message, Instant retryAt, PendingLogin pending) {

    /** The only answer to a wrong account, user name or password: it never says which was wrong. */
    public static final String NEUTRAL_FAILURE = "Login failed: the account, user name or password is not correct.";

    /** The only answer while the jail refuses the address or user name. */
    public static final String BANNED = "Too many failed logins. Please wait a few minutes and try again.";

    public enum Status {
        /** Signed in. */
        SIGNED_IN,
        /** Signed in, but the password must be changed before anything else. */
        MUST_CHANGE_PASSWORD,
        /** The password was right; the second factor is asked next. */
        SECOND_FACTOR,
        /** The password was right; a second factor is required but none is enrolled: enrol now. */
        ENROL,
        /** Not signed in. */
        REFUSED,
        /** Refused by the login jail without checking anything (HTTP 429). */
        BANNED
    }

    public LoginResult(Status status, String message) {
        this(status, message, null, null);
    }

    public static LoginResult refused(String message) {
        return new LoginResult(Status.REFUSED, message);
    }

    public static LoginResult banned(Instant until) {
        return new LoginResult(Status.BANNED, BANNED, until, null);
    }

    /** Whether the person is now signed in (possibly with a password still to change). */
    public boolean signedIn() {
        return status == Status.SIGNED_IN || status == Status.MUST_CHANGE_PASSWORD;
    }
}
