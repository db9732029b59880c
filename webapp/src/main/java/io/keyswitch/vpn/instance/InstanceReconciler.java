package io.keyswitch.vpn.instance;

import io.keyswitch.vpn.config.Ipv4Network;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
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
 * whose account's pool changed is restarted with the new config (at once when a system administrator changed it; when
 * it grew by itself, at the first round without technician tunnels on it, at the latest after a wait); one whose management socket does not answer and
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

        /**
         * Whether a technician's tunnel is up on it now: a restart would end their connections. When this cannot be
         * found out (no management client), {@code true}: a restart for a grown pool then waits for its deadline.
         */
        boolean techniciansConnected(RunningInstance instance);
    }

    /** Told of each restart for a grown pool (the VPN audits it), after the instance was stopped. */
    @FunctionalInterface
    public interface GrowthRestarts {
        void restarted(RunningInstance instance, List<Ipv4Network> pool, String why);
    }

    private final Instances instances;
    private final InstanceSupervisor supervisor;
    private final Clock clock;
    private final Duration growthWait;
    private final GrowthRestarts growthRestarts;
    /** Instances routing less than their account's grown pool, by account id: since when. */
    private final Map<Long, Instant> grownSince = new HashMap<>();

    /**
     * @param growthWait how long an instance whose account's pool grew may wait for a moment without technician
     *                   tunnels before it is restarted anyway
     */
    public InstanceReconciler(Instances instances, InstanceSupervisor supervisor, Clock clock, Duration growthWait,
                              GrowthRestarts growthRestarts) {
        this.instances = instances;
        this.supervisor = supervisor;
        this.clock = clock;
        this.growthWait = growthWait;
        this.growthRestarts = growthRestarts;
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
            } else if (!r.startFailed() && grew(r.settings().deviceNetworks(), pool)) {
                restartWhenQuiet(r, pool);
            } else if (!r.startFailed() && !r.settings().deviceNetworks().equals(pool)) {
                grownSince.remove(r.accountId());
                instances.stop(r);
                LOG.info(() -> "OpenVPN instance " + r.name() + ": restarted to route the account's new virtual pool " + pool);
            } else if (!r.startFailed() && !r.managementOpen() && !instances.socketAnswers(r)) {
                startAgainIfGone(r);
            }
        }
        grownSince.keySet().retainAll(instances.running().stream().map(RunningInstance::accountId).toList());
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

    /**
     * The account's pool grew (a block added because it was full: what the instance routes is all still in it). OpenVPN
     * learns routes only when it starts, and a restart ends every tunnel of the account, technicians' connections
     * with them: so the instance is restarted at the first round without a technician tunnel on it, or once it has
     * waited {@code growthWait} (devices' tunnels come back by themselves within seconds). Until then the new block's
     * devices connect, but technicians do not reach them.
     */
    private void restartWhenQuiet(RunningInstance r, List<Ipv4Network> pool) {
        Instant now = clock.instant();
        Instant since = grownSince.computeIfAbsent(r.accountId(), id -> {
            LOG.info(() -> "OpenVPN instance " + r.name() + ": the account's virtual pool grew to " + pool + "; restarted to"
                    + " route it once no technician tunnel is up, at the latest after " + growthWait);
            return now;
        });
        String why;
        if (!instances.techniciansConnected(r)) {
            why = "no technician tunnel was up";
        } else if (!now.isBefore(since.plus(growthWait))) {
            why = "technician tunnels were up for the longest wait of " + growthWait;
        } else {
            return;
        }
        grownSince.remove(r.accountId());
        instances.stop(r);
        growthRestarts.restarted(r, pool, why);
        LOG.info(() -> "OpenVPN instance " + r.name() + ": restarted to route the account's grown virtual pool " + pool + " ("
                + why + ")");
    }

    /** Whether {@code wanted} differs from {@code routed} only by more: every routed network lies inside a wanted one. */
    static boolean grew(List<Ipv4Network> routed, List<Ipv4Network> wanted) {
        return !routed.equals(wanted) && routed.stream().allMatch(n -> wanted.stream().anyMatch(w -> w.covers(n)));
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
