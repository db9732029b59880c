package io.keyswitch.vpn.instance;

import java.io.IOException;

/** Used when OpenVPN cannot run here: nothing is running, and starting says why instead of failing obscurely. */
public final class UnavailableInstanceSupervisor implements InstanceSupervisor {

    private final VpnAvailability availability;

    public UnavailableInstanceSupervisor(String reason) {
        this.availability = VpnAvailability.unavailable(reason);
    }

    @Override
    public VpnAvailability availability() {
        return availability;
    }

    @Override
    public void start(String instance) throws IOException {
        throw new IOException("VPN unavailable: " + availability.detail());
    }

    @Override
    public void stop(String instance) {
        // nothing runs, so nothing to stop
    }

    @Override
    public boolean isRunning(String instance) {
        return false;
    }
}
