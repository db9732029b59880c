package io.keyswitch.device;

/**
 * A CDI event: a device's state, virtual subnet or tunnel mode changed (fired inside the changing transaction; its
 * observers usually wait for the commit), e.g. for the VPN's view of the devices that may dial in. Disabling fires
 * {@link DeviceDisabled} as well.
 */
public record DeviceChanged(long accountId, long deviceId) {
}
