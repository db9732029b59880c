package io.keyswitch.vpn.instance;

import io.keyswitch.vpn.config.Ipv4Network;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Brings the instances in line with the accounts: from what is wanted (the active accounts and their virtual pools) and
 * what runs, it decides per account whether its instance is stopped, started, started again or restarted. A disabled
 * account's instance is retired (its sessions ended, stopped); an instance whose start failed is tried again; one
 * whose account's pool changed is restarted with the new config; one whose management socket does not answer and
 * whose process is gone (crashed, killed) is started again (its management client reconnects by itself); an active
 * account without an instance gets one. A plain class: its collaborators are roles.
 */
public final class InstanceReconciler {

    private static final Logger LOG = Logger.getLogger(InstanceReconciler.class.getName());

    /** The instances the portal holds, and what it does to one besides what its supervisor does. */
    public interface Instances {

        /** What runs now (or was tried), one per account. */
        Collection<RunningInstance> running();

        /** Whether OpenVPN can run here at all. */
        boolean available();

        /** Makes the account's instance when it has none, writes its files, starts it and attaches to it. */
        void start(long accountId);

        /** A disabled account's instance: every session ended, detached, stopped, what remains marked offline. */
        void retire(RunningInstance instance);

        /** Detached (forgotten, management socket closed) and stopped; the next {@link #start} writes its files again. */
        void stop(RunningInstance instance);

        /** Forgotten only (its start failed): the next {@link #start} tries again. */
        void forget(RunningInstance instance);

        /** Whether its management socket answers (someone may be attached to it still). */
        boolean socketAnswers(RunningInstance instance);

        /** Its CRL signed and written again, before its process is started again. */
        void writeCrl(RunningInstance instance) throws IOException;
    }

    private final Instances instances;
    private final InstanceSupervisor supervisor;

    public InstanceReconciler(Instances instances, InstanceSupervisor supervisor) {
        this.instances = instances;
        this.supervisor = supervisor;
    }

    /** One round: {@code wanted} is the active accounts' virtual pools (the networks their servers route) by account id. */
    public void reconcile(Map<Long, List<Ipv4Network>> wanted) {
        for (RunningInstance r : List.copyOf(instances.running())) {
            List<Ipv4Network> pool = wanted.get(r.accountId());
            if (pool == null) {
                instances.retire(r);
                LOG.info(() -> "OpenVPN instance " + r.name() + " stopped: account " + r.accountId() + " is disabled");
            } else if (instances.available() && r.startFailed()) {
                LOG.info(() -> "OpenVPN instance " + r.name() + ": trying its start again");
                instances.forget(r);
            } else if (!r.startFailed() && !r.settings().deviceNetworks().equals(pool)) {
                instances.stop(r);
                LOG.info(() -> "OpenVPN instance " + r.name() + ": restarted to route the account's new virtual pool " + pool);
            } else if (!r.startFailed() && !r.managementOpen() && !instances.socketAnswers(r)) {
                startAgainIfGone(r);
            }
        }
        Set<Long> held = instances.running().stream().map(RunningInstance::accountId).collect(Collectors.toSet());
        for (long accountId : wanted.keySet()) {
            if (!held.contains(accountId)) {
                try {
                    instances.start(accountId);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "VPN instance of account " + accountId + " not started: " + e.getMessage());
                }
            }
        }
    }

    /** The instance's process is gone (crashed, killed): started again; its management client reconnects by itself. */
    private void startAgainIfGone(RunningInstance r) {
        try {
            if (!supervisor.isRunning(r.name())) {
                LOG.warning(() -> "OpenVPN instance " + r.name() + " is not running: starting it again");
                instances.writeCrl(r);
                supervisor.start(r.name());
            }
        } catch (IOException e) {
            LOG.severe("OpenVPN instance " + r.name() + " could not be started again: " + e.getMessage());
        }
    }
}
