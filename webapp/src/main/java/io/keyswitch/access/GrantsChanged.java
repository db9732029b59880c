package io.keyswitch.access;

/** A CDI event: grants of the account were made or withdrawn (fired inside the changing transaction). */
public record GrantsChanged(long accountId) {
}
