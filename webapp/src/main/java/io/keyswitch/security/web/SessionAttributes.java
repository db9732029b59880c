package io.keyswitch.security.web;

/** Names of the attributes the login keeps in the HTTP session. */
public final class SessionAttributes {

    /** Present (Boolean.TRUE) while the signed-in user must choose a new password before anything else. */
    public static final String MUST_CHANGE_PASSWORD = "keyswitch.mustChangePassword";

    /** The {@code PendingLogin} between the password and the second factor; nobody is signed in meanwhile. */
    public static final String PENDING_LOGIN = "keyswitch.pendingLogin";

    private SessionAttributes() {
    }
}
