package io.keyswitch.account;

/** Whether an account's users may log in and its devices connect. */
public enum AccountStatus {
    ACTIVE,
    DISABLED
}
