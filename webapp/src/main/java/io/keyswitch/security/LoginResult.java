package io.keyswitch.security;

/**
 * How a login attempt ended.
 *
 * @param status what happened
 * @param message what to tell the person; the same neutral words for every wrong account, user or password
 */
public record LoginResult(Status status, String message) {

    /** The only answer to a wrong account, user name or password: it never says which was wrong. */
    public static final String NEUTRAL_FAILURE = "Login failed: the account, user name or password is not correct.";

    public enum Status {
        /** Signed in. */
        SIGNED_IN,
        /** Signed in, but the password must be changed before anything else. */
        MUST_CHANGE_PASSWORD,
        /** Not signed in. */
        REFUSED
    }

    public static LoginResult refused(String message) {
        return new LoginResult(Status.REFUSED, message);
    }

    public boolean signedIn() {
        return status != Status.REFUSED;
    }
}
