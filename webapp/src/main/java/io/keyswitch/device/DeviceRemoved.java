package io.keyswitch.device;

/** A CDI event: a device was deleted (fired inside the deleting transaction), e.g. for the VPN to revoke it. */
public record DeviceRemoved(long accountId, long deviceId) {
}
