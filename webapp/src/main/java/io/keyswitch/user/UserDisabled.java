package io.keyswitch.user;

/** A CDI event: a user was disabled (fired inside the changing transaction), e.g. for the VPN to end their session. */
public record UserDisabled(long accountId, long userId) {
}
