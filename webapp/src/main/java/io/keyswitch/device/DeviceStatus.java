package io.keyswitch.device;

/** Whether a device may connect. */
public enum DeviceStatus {
    ACTIVE,
    DISABLED
}
