package io.keyswitch.user;

/**
 * A CDI event: who holds which right may have changed in the account (a group's rights or members, a user's groups;
 * fired inside the changing transaction), e.g. for the VPN to revoke a profile whose user lost device:connect.
 */
public record RightsChanged(long accountId) {
}
