package io.keyswitch.vpn.instance;

import io.keyswitch.vpn.config.InstanceSettings;
import io.keyswitch.vpn.openvpn.InstanceManagement;

/**
 * One account's instance as the portal holds it: its name, files and settings, and its management client ({@code null}
 * when it could not be started, or OpenVPN cannot run here).
 */
public record RunningInstance(long accountId, String name, InstanceSettings settings, InstanceManagement management) {

    /** Whether the portal tried to start it and could not (its files or the supervisor failed). */
    public boolean startFailed() {
        return management == null;
    }

    /** Whether its management socket is open now. */
    public boolean managementOpen() {
        return management != null && management.isConnected();
    }
}
