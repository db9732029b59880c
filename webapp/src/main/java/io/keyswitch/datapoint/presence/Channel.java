package io.keyswitch.datapoint.presence;

/** How the portal hears a device: its HTTPS reports, or its OpenVPN tunnel. A device is online while either says so. */
public enum Channel {
    REPORT, TUNNEL
}
