package io.keyswitch.device.api;

import io.keyswitch.vpn.DeviceVpnStatus;

import io.keyswitch.datapoint.LastReport;
import io.keyswitch.datapoint.Presence;
import io.keyswitch.device.Component;
import io.keyswitch.device.Device;
import io.keyswitch.device.TunnelMode;

/** Devices and components as the API shows and takes them. */
public final class DeviceJson {

    private DeviceJson() {
    }

    /** A device: its real LAN and the virtual subnet it is reached by. */
    public record DeviceOut(long id, String name, String serialNumber, String description, Long projectId,
                            String lanSubnet, String virtualSubnet, String status, String tunnelMode, VpnStatusOut vpn,
                            PresenceOut presence) {
        static DeviceOut of(Device d, DeviceVpnStatus live, PresenceOut presence) {
            return new DeviceOut(d.getId(), d.getName(), d.getSerialNumber(), d.getDescription(),
                    d.getProject() == null ? null : d.getProject().getId(), d.getLanSubnet(), d.getVirtualSubnet(),
                    d.getStatus().name(), d.getTunnelMode().name(), VpnStatusOut.of(live), presence);
        }
    }

    /**
     * Whether the device is online by either channel — its tunnel is up, or it reported within the report interval ×
     * {@code keyswitch.datapoints.offline-after-intervals} — when it was last seen (the later of its last report and its
     * tunnel's last sign of life) and when it last reported (UTC, ISO-8601; null: never).
     */
    public record PresenceOut(boolean online, String lastSeen, String lastReport) {
        /** A device never seen by either channel (a new one). */
        static final PresenceOut NEVER = new PresenceOut(false, null, null);

        static PresenceOut of(Presence p, LastReport report) {
            return new PresenceOut(p.online(), p.lastSeen() == null ? null : p.lastSeen().toString(),
                    report == null ? null : report.getAt().toString());
        }
    }

    /**
     * A device's live VPN status: online or offline since when (UTC, ISO-8601), WAN and tunnel address, bytes in and
     * out of the current (or last) session, last seen. Never connected: online false, the rest null or 0.
     */
    public record VpnStatusOut(boolean online, String since, String wanAddress, String tunnelAddress, long bytesIn,
                               long bytesOut, String lastSeen) {
        static VpnStatusOut of(DeviceVpnStatus s) {
            if (s == null) {
                return new VpnStatusOut(false, null, null, null, 0, 0, null);
            }
            return new VpnStatusOut(s.isOnline(), String.valueOf(s.getSince()), s.getWanAddress(), s.getTunnelAddress(),
                    s.getBytesIn(), s.getBytesOut(), s.getLastSeen() == null ? null : s.getLastSeen().toString());
        }
    }

    /** A device's new VPN profile: the .ovpn text and the secret, shown this once (the router's user name is the identity). */
    public record DeviceProfileOut(String fileName, String identity, String secret, String profile) {
    }

    /** Only a reason: for changes that need nothing else (make a profile, revoke). */
    public record ReasonIn(String reason) {
    }

    /**
     * What creates or changes a device; the reason is required and goes to the audit trail. {@code active}: false
     * disables the device (refused by the VPN, its session and connections end); absent keeps it as it is (a new
     * device is active). {@code tunnelMode}: {@code ALWAYS} (the router holds its tunnel) or {@code ON_DEMAND} (it dials
     * when a device report's answer says {@code "tunnel": "wanted"}); absent keeps it (a new device: {@code ALWAYS}).
     */
    public record DeviceIn(String name, String serialNumber, String description, Long projectId, String lanSubnet,
                           Boolean active, TunnelMode tunnelMode, String reason) {
    }

    /** A component behind a device. */
    public record ComponentOut(long id, long deviceId, String name, String ip, String services, boolean web2go) {
        static ComponentOut of(Component c) {
            return new ComponentOut(c.getId(), c.getDevice().getId(), c.getName(), c.getIp(), c.getServices(), c.isWeb2go());
        }
    }

    /** What creates or changes a component; the reason is required. */
    public record ComponentIn(String name, String ip, String services, Boolean web2go, String reason) {
    }
}
