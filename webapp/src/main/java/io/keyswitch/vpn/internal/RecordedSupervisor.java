package io.keyswitch.vpn.internal;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.vpn.instance.InstanceSupervisor;
import io.keyswitch.vpn.instance.VpnAvailability;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * An {@link InstanceSupervisor} whose every start of an account's OpenVPN server — the first, again after its process
 * was gone, or after a stop to route a new virtual pool — is a {@code vpn.server-start} event in the appliance's audit
 * trail (the system protocol), with its outcome; a failed start's error is the event's reason. A failure to write the
 * event is logged and never stops the VPN.
 */
public final class RecordedSupervisor implements InstanceSupervisor {

    private static final Logger LOG = Logger.getLogger(RecordedSupervisor.class.getName());

    private final InstanceSupervisor supervisor;
    private final AuditTrail trail;

    public RecordedSupervisor(InstanceSupervisor supervisor, AuditTrail trail) {
        this.supervisor = supervisor;
        this.trail = trail;
    }

    @Override
    public VpnAvailability availability() {
        return supervisor.availability();
    }

    @Override
    public void start(String instance) throws IOException {
        try {
            supervisor.start(instance);
            record(instance, Outcome.SUCCESS, null);
        } catch (IOException | RuntimeException e) {
            record(instance, Outcome.FAILURE, e.getMessage());
            throw e;
        }
    }

    @Override
    public void stop(String instance) throws IOException {
        supervisor.stop(instance);
    }

    @Override
    public boolean isRunning(String instance) throws IOException {
        return supervisor.isRunning(instance);
    }

    private void record(String instance, Outcome outcome, String error) {
        try {
            trail.record(AuditEntry.of(AuditAction.VPN_SERVER_START, outcome).bySystem().on("openvpn-server@" + instance)
                    .because(error));
        } catch (RuntimeException e) {
            LOG.warning("The start of OpenVPN server " + instance + " could not be recorded: " + e);
        }
    }
}
