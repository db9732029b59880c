package io.keyswitch.jail;

/**
 * Told when the jail bans a subject or an administrator lifts a ban, so the portal can write an
 * audit event. Called on the thread that caused the event (the failing login, or the admin's
 * request, so the admin's identity is at hand), after the jail's locks are released; an
 * exception thrown here is logged and does not disturb the login.
 */
public interface JailListener {

    /** A listener that does nothing. */
    JailListener NONE = new JailListener() {
    };

    /** A failure completed the count and the subject is now banned. */
    default void banned(Ban ban) {
    }

    /** A ban was lifted by {@link LoginJail#lift} before its end (expiry is not reported). */
    default void lifted(Ban ban) {
    }
}
