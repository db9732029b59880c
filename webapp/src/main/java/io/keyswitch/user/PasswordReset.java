package io.keyswitch.user;

/** A CDI event: an administrator gave a user a new one-time password (fired inside the changing transaction). */
public record PasswordReset(long accountId, long userId) {
}
