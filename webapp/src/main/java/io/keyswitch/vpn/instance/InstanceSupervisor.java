package io.keyswitch.vpn.instance;

import java.io.IOException;

/** Starts, stops and restarts one account's OpenVPN server instance, by instance name. */
public interface InstanceSupervisor {

    /** Whether instances can be run at all; the portal shows the VPN as unavailable, not broken, when not. */
    VpnAvailability availability();

    void start(String instance) throws IOException;

    void stop(String instance) throws IOException;

    default void restart(String instance) throws IOException {
        stop(instance);
        start(instance);
    }

    boolean isRunning(String instance) throws IOException;
}
