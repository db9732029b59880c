package io.keyswitch.user;

/** Whether a user may log in at all. */
public enum UserStatus {
    ACTIVE,
    DISABLED
}
