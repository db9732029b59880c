package io.keyswitch.vpn.instance;

/** Whether the VPN can run here; when not, why (shown in the portal as "VPN unavailable: ..."). */
public record VpnAvailability(boolean available, String detail) {

    public static VpnAvailability available(String version) {
        return new VpnAvailability(true, version);
    }

    public static VpnAvailability unavailable(String reason) {
        return new VpnAvailability(false, reason);
    }
}
