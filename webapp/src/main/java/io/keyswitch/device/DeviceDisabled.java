package io.keyswitch.device;

/** A CDI event: a device was disabled (fired inside the changing transaction), e.g. for the VPN to end its session. */
public record DeviceDisabled(long accountId, long deviceId) {
}
