package io.keyswitch.connection;

import io.keyswitch.platform.StartupOrder;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.access.GrantsChanged;
import io.keyswitch.account.AccountChanged;
import io.keyswitch.account.AccountPolicies;
import io.keyswitch.account.AccountPolicy;
import io.keyswitch.connection.internal.ConnectionStore;
import io.keyswitch.connection.internal.HelperSocketFirewall;
import io.keyswitch.connection.internal.UnavailableFirewall;
import io.keyswitch.device.DeviceDisabled;
import io.keyswitch.device.DeviceRemoved;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.user.RightsChanged;
import io.keyswitch.user.UserDisabled;
import io.keyswitch.vpn.LiveStatusBoard;
import io.keyswitch.vpn.TechnicianTunnel;
import io.keyswitch.vpn.TechnicianTunnelChanged;
import io.keyswitch.vpn.TechnicianTunnels;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Connections at run time, on one thread of their own, so that opening, closing and checking never race: a waiting
 * connection opens when its technician's tunnel is up (its rules into the firewall, then the record); an open one
 * closes at once when the tunnel goes down, and — checked every {@code sweep-seconds}, and at once after a grant,
 * user, device or account change — when its technician is disabled, out of their temporary window or without the
 * right, its device or account disabled, its grants gone, or it was idle too long; what an open connection reaches
 * follows its grants. Every {@code count-seconds} the rules' byte counts are read and the firewall compared with the
 * database: rules no live connection holds are taken out, missing ones put back. At start every connection a crash or
 * a restart interrupted is closed ("portal restarted") and the firewall emptied.
 */
@ApplicationScoped
public class ConnectionEngine {

    private static final Logger LOG = Logger.getLogger(ConnectionEngine.class.getName());

    @Inject
    ConnectionStore store;

    @Inject
    TechnicianTunnels tunnels;

    @Inject
    LiveStatusBoard board;

    @Inject
    AccountPolicies policies;

    @Inject
    Clock clock;

    @Inject
    Consents consents;

    @Resource
    ManagedThreadFactory threads;

    private volatile ConnectionSettings settings = ConnectionSettings.from(key -> null);
    private volatile Firewall firewall = new UnavailableFirewall("connections have not started yet");
    private volatile ScheduledExecutorService worker;
    private volatile String problem;

    /** The rules in force per open connection; touched on the worker thread only. */
    private final Map<Long, Opened> open = new HashMap<>();
    /** Rules a close could not take out (the firewall did not answer): taken out when it answers again. */
    private final Set<FirewallRule> leftover = new LinkedHashSet<>();

    /** An open connection as the engine holds it: whose, what it reaches, its rules and their last byte count. */
    private record Opened(long accountId, long userId, String address, List<GrantedComponent> components,
                          List<FirewallRule> rules, Firewall.Counted counted) {
        Opened counted(Firewall.Counted now) {
            return new Opened(accountId, userId, address, components, rules, now);
        }
    }

    void atStart(@Observes @Priority(StartupOrder.CONNECTIONS) PortalStarted started) {
        start(ConnectionSettings.from(SettingsReader.portalLookup()));
    }

    synchronized void start(ConnectionSettings chosen) {
        settings = chosen;
        LOG.info(settings.describe());
        firewall = settings.firewallSocket().<Firewall>map(path -> new HelperSocketFirewall(path, settings.firewallTimeout()))
                .orElseGet(() -> new UnavailableFirewall("no firewall helper is configured (keyswitch.firewall.socket=none):"
                        + " connections are recorded but never opened"));
        worker = Executors.newSingleThreadScheduledExecutor(threads);
        worker.execute(() -> quietly("restart", this::restarted));
        worker.scheduleWithFixedDelay(() -> quietly("sweep", this::sweep), settings.sweepSeconds(), settings.sweepSeconds(),
                TimeUnit.SECONDS);
        worker.scheduleWithFixedDelay(() -> quietly("count", this::count), settings.countSeconds(), settings.countSeconds(),
                TimeUnit.SECONDS);
    }

    /**
     * The portal stops (before any bean is destroyed, so no check can see the VPN's state half gone): every live
     * connection is closed ("the portal was stopped") and the firewall emptied, on the engine's thread, then the thread
     * ends. While no portal runs, nobody could end a connection for its reasons, so none stays open.
     */
    void beforeShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        ScheduledExecutorService w = worker;
        if (w == null || w.isShutdown()) {
            return;
        }
        try {
            w.submit(() -> quietly("stop", this::stopped)).get(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warning("Connections not all closed at shutdown (they are at the next start): " + e);
        }
        stop();
    }

    @PreDestroy
    synchronized void stop() {
        if (worker != null) {
            worker.shutdownNow();
        }
        if (firewall instanceof HelperSocketFirewall helper) {
            helper.close();
        }
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** Why connections cannot open now (the firewall helper's problem), if they cannot. */
    public Optional<String> problem() {
        Firewall.Availability a = firewall.availability();
        if (!a.available()) {
            return Optional.of("Connections cannot open: " + a.detail());
        }
        return Optional.ofNullable(problem);
    }

    // --- what requests ask for ------------------------------------------------------------------------------------

    /** Opens a waiting connection if its technician's tunnel is up; done when the attempt is over. */
    public CompletableFuture<Void> open(long id) {
        return onWorker(() -> {
            tryOpen(id);
            return null;
        });
    }

    /** Closes a live connection: its rules out (flows through them cut), then its record. */
    public CompletableFuture<Optional<Connection>> close(long id, CloseCause cause, String by, Long byUserId, String sourceIp,
                                                         String why) {
        return onWorker(() -> closeNow(id, cause, by, byUserId, sourceIp, why));
    }

    private <T> CompletableFuture<T> onWorker(Supplier<T> task) {
        ScheduledExecutorService w = worker;
        if (w == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("connections have not started"));
        }
        return CompletableFuture.supplyAsync(task, w);
    }

    // --- what the portal observes ------------------------------------------------------------------------------------

    void tunnelChanged(@Observes TechnicianTunnelChanged event) {
        ScheduledExecutorService w = worker;
        if (w != null) {
            w.execute(() -> quietly("tunnel of user " + event.userId(), () -> tunnel(event)));
        }
    }

    void grantsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) GrantsChanged event) {
        sweepSoon();
    }

    void userDisabled(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserDisabled event) {
        sweepSoon();
    }

    void rightsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) RightsChanged event) {
        sweepSoon();
    }

    void deviceRemoved(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeviceRemoved event) {
        sweepSoon();
    }

    void deviceDisabled(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeviceDisabled event) {
        sweepSoon();
    }

    void accountChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged event) {
        sweepSoon();
    }

    /** Checks every live connection now (after a change that may end some), not only at the next sweep. */
    public void sweepSoon() {
        ScheduledExecutorService w = worker;
        if (w != null) {
            w.execute(() -> quietly("sweep", this::sweep));
        }
    }

    // --- on the worker thread ---------------------------------------------------------------------------------------

    private void restarted() {
        long started = System.nanoTime();
        List<Long> accounts = store.closeAll(CloseCause.PORTAL_RESTARTED, clock.instant());
        accounts.stream().distinct().forEach(board::changed);
        String firewallState;
        try {
            firewall.clear();
            problem = null;
            firewallState = "firewall emptied";
        } catch (FirewallException e) {
            problem = "The firewall helper could not be emptied at start: " + e.getMessage();
            firewallState = "firewall not reachable (" + e.getMessage() + "): rules no connection holds are taken out as"
                    + " soon as it answers";
        }
        String state = firewallState;
        LOG.info(() -> "Connections at start: " + accounts.size() + " interrupted by the restart closed; " + state
                + "; in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    private void stopped() {
        List<Long> accounts = store.closeAll(CloseCause.PORTAL_STOPPED, clock.instant());
        open.clear();
        leftover.clear();
        try {
            firewall.clear();
        } catch (FirewallException e) {
            LOG.warning("The firewall helper could not be emptied at shutdown (it is at the next start): " + e.getMessage());
        }
        LOG.info(() -> "Connections at shutdown: " + accounts.size() + " closed, firewall emptied");
    }

    private void tunnel(TechnicianTunnelChanged event) {
        for (Connection c : store.liveOf(event.userId())) {
            if (event.tunnel().isPresent() && c.getState() == ConnectionState.WAITING) {
                tryOpen(c.getId());
            } else if (event.tunnel().isEmpty() && c.getState() == ConnectionState.OPEN) {
                closeNow(c.getId(), CloseCause.VPN_DOWN, ConnectionAudit.SYSTEM, null, null, null);
            }
        }
    }

    private void tryOpen(long id) {
        Optional<Connection> found = store.find(id);
        if (found.isEmpty() || found.get().getState() != ConnectionState.WAITING) {
            return;
        }
        Connection c = found.get();
        Optional<TechnicianTunnel> tunnel = tunnels.of(c.getUserId());
        if (tunnel.isEmpty() || tunnel.get().accountId() != c.getAccountId()) {
            board.changed(c.getAccountId());
            return; // waiting for the technician's VPN
        }
        List<ConnectionStore.Check> check = store.check(List.of(id), clock.instant());
        if (check.isEmpty()) {
            return;
        }
        Optional<CloseCause> refused = check.get(0).refusal().or(() -> withdrawn(c));
        if (refused.isPresent()) {
            closeNow(id, refused.get(), ConnectionAudit.SYSTEM, null, null, null);
            return;
        }
        List<GrantedComponent> components = store.granted(List.of(c)).getOrDefault(c.getUserId() + "/" + c.getDeviceId(), List.of());
        if (components.isEmpty()) {
            closeNow(id, CloseCause.GRANT_REMOVED, ConnectionAudit.SYSTEM, null, null, null);
            return;
        }
        List<FirewallRule> rules = ConnectionRules.of(tunnel.get().device(), tunnel.get().address(), components);
        try {
            firewall.add(rules);
            problem = null;
        } catch (FirewallException e) {
            problem = "Connections cannot open: " + e.getMessage();
            LOG.warning("Connection " + id + " stays waiting: " + e.getMessage());
            board.changed(c.getAccountId());
            return;
        }
        if (!store.opened(id, tunnel.get().address(), components, rules.size(), clock.instant())) {
            takeOut(rules);
            return;
        }
        open.put(id, new Opened(c.getAccountId(), c.getUserId(), tunnel.get().address(), components, rules,
                Firewall.Counted.NONE));
        board.changed(c.getAccountId());
        LOG.info(() -> "Connection " + id + " open: " + c.getUserName() + " (" + tunnel.get().address() + ") to "
                + c.getDeviceName() + ", " + rules.size() + " rule(s)");
    }

    private Optional<Connection> closeNow(long id, CloseCause cause, String by, Long byUserId, String sourceIp, String why) {
        Opened was = open.remove(id);
        Firewall.Counted last = Firewall.Counted.NONE;
        if (was != null) {
            try {
                Firewall.Counted total = firewall.remove(was.rules());
                last = delta(was.counted(), total);
            } catch (FirewallException e) {
                leftover.addAll(was.rules());
                LOG.severe("Connection " + id + ": its rules could not be taken out now (" + e.getMessage()
                        + "); they are taken out as soon as the firewall helper answers");
            }
        }
        Optional<Connection> closed = store.closed(id, cause, by, byUserId, sourceIp, why, last, clock.instant());
        closed.ifPresent(c -> {
            board.changed(c.getAccountId());
            LOG.info(() -> "Connection " + id + " closed: " + cause.words());
        });
        return closed;
    }

    /** Every live connection checked: may it go on, is its tunnel up, do its grants still reach the same, idle? */
    private void sweep() {
        Instant now = clock.instant();
        retryLeftover();
        List<ConnectionStore.Check> checks = store.check(null, now);
        List<Connection> going = new ArrayList<>();
        for (ConnectionStore.Check check : checks) {
            Connection c = check.connection();
            Optional<CloseCause> refused = check.refusal().or(() -> withdrawn(c));
            if (refused.isPresent()) {
                closeNow(c.getId(), refused.get(), ConnectionAudit.SYSTEM, null, null, null);
            } else {
                going.add(c);
            }
        }
        if (going.isEmpty()) {
            forgetClosed(Set.of());
            return;
        }
        Map<String, List<GrantedComponent>> granted = store.granted(going);
        Map<Long, AccountPolicy> rules = new HashMap<>();
        Set<Long> live = new HashSet<>();
        for (Connection c : going) {
            live.add(c.getId());
            List<GrantedComponent> reach = granted.getOrDefault(c.getUserId() + "/" + c.getDeviceId(), List.of());
            if (reach.isEmpty()) {
                closeNow(c.getId(), CloseCause.GRANT_REMOVED, ConnectionAudit.SYSTEM, null, null, null);
            } else if (c.getState() == ConnectionState.WAITING) {
                tryOpen(c.getId());
            } else {
                Optional<TechnicianTunnel> tunnel = tunnels.of(c.getUserId());
                AccountPolicy policy = rules.computeIfAbsent(c.getAccountId(), policies::of);
                if (tunnel.isEmpty() || !tunnel.get().address().equals(c.getTechnicianAddress())) {
                    closeNow(c.getId(), CloseCause.VPN_DOWN, ConnectionAudit.SYSTEM, null, null, null);
                } else if (policy.connectionIdleTooLong(c.getLastActivityAt(), now)) {
                    closeNow(c.getId(), CloseCause.IDLE, ConnectionAudit.SYSTEM, null, null, null);
                } else {
                    follow(c, tunnel.get(), reach);
                }
            }
        }
        forgetClosed(live);
    }

    /** The first consent (key switch, approval, …) that no longer lets {@code c} go on, as the cause it ends with. */
    private Optional<CloseCause> withdrawn(Connection c) {
        if (c.getUserId() == null || c.getDeviceId() == null) {
            return Optional.empty();
        }
        return consents.ending(c.getAccountId(), c.getUserId(), c.getDeviceId());
    }

    /** An open connection whose grants now reach other components (or the same with other services): rules follow. */
    private void follow(Connection c, TechnicianTunnel tunnel, List<GrantedComponent> reach) {
        Opened was = open.computeIfAbsent(c.getId(), id -> { // open in the database, unknown here: rebuilt
            List<GrantedComponent> recorded = store.components(id);
            return new Opened(c.getAccountId(), c.getUserId(), c.getTechnicianAddress(), recorded,
                    ConnectionRules.of(tunnel.device(), c.getTechnicianAddress(), recorded), Firewall.Counted.NONE);
        });
        if (was.components().equals(reach)) {
            return;
        }
        List<FirewallRule> now = ConnectionRules.of(tunnel.device(), c.getTechnicianAddress(), reach);
        List<FirewallRule> added = now.stream().filter(r -> !was.rules().contains(r)).toList();
        List<FirewallRule> gone = was.rules().stream().filter(r -> !now.contains(r)).toList();
        try {
            if (!added.isEmpty()) {
                firewall.add(added);
            }
            if (!gone.isEmpty()) {
                firewall.remove(gone);
            }
        } catch (FirewallException e) {
            LOG.warning("Connection " + c.getId() + ": its rules could not follow its grants yet: " + e.getMessage());
            return;
        }
        open.put(c.getId(), new Opened(was.accountId(), was.userId(), was.address(), reach, now, was.counted()));
        store.reopened(c.getId(), reach, now.size());
        board.changed(c.getAccountId());
    }

    /** Rules of connections that are no longer live (closed by another node or by hand) are taken out. */
    private void forgetClosed(Set<Long> live) {
        for (Long id : List.copyOf(open.keySet())) {
            if (!live.contains(id)) {
                leftover.addAll(open.remove(id).rules());
            }
        }
        retryLeftover();
    }

    private void retryLeftover() {
        if (leftover.isEmpty()) {
            return;
        }
        try {
            firewall.remove(List.copyOf(leftover));
            leftover.clear();
        } catch (FirewallException e) {
            LOG.fine("leftover rules not taken out yet: " + e.getMessage());
        }
    }

    private void takeOut(List<FirewallRule> rules) {
        try {
            firewall.remove(rules);
        } catch (FirewallException e) {
            leftover.addAll(rules);
        }
    }

    /**
     * The firewall read: each open connection's byte counts (what crossed since the last count is added to its record);
     * rules no live connection holds are taken out, and rules an open connection holds but the firewall lost (the
     * ruleset was reloaded) are put back.
     */
    private void count() {
        List<Firewall.CountedRule> listed;
        try {
            listed = firewall.list();
            problem = null;
        } catch (FirewallException e) {
            problem = "Connections cannot open: " + e.getMessage();
            return;
        }
        Map<FirewallRule, Firewall.Counted> byRule = new HashMap<>();
        listed.forEach(r -> byRule.put(r.rule(), r.bytes()));
        Set<FirewallRule> held = new HashSet<>();
        Map<Long, Firewall.Counted> deltas = new HashMap<>();
        List<FirewallRule> missing = new ArrayList<>();
        for (Map.Entry<Long, Opened> e : open.entrySet()) {
            Opened o = e.getValue();
            Firewall.Counted total = Firewall.Counted.NONE;
            for (FirewallRule rule : o.rules()) {
                held.add(rule);
                Firewall.Counted bytes = byRule.get(rule);
                if (bytes == null) {
                    missing.add(rule);
                } else {
                    total = total.plus(bytes);
                }
            }
            Firewall.Counted delta = delta(o.counted(), total);
            if (delta.toDevice() > 0 || delta.fromDevice() > 0) {
                deltas.put(e.getKey(), delta);
            }
            e.setValue(o.counted(total));
        }
        List<FirewallRule> strays = byRule.keySet().stream().filter(r -> !held.contains(r)).toList();
        try {
            if (!strays.isEmpty()) {
                LOG.warning("Firewall: " + strays.size() + " rule(s) no live connection holds, taken out: " + strays);
                firewall.remove(strays);
                leftover.removeAll(strays);
            }
            if (!missing.isEmpty()) {
                LOG.warning("Firewall: " + missing.size() + " rule(s) of open connections were missing (the ruleset was"
                        + " reloaded?), put back: " + missing);
                firewall.add(missing);
            }
        } catch (FirewallException e) {
            problem = "Connections cannot open: " + e.getMessage();
        }
        if (!deltas.isEmpty()) {
            store.counted(deltas, clock.instant());
            open.entrySet().stream().filter(e -> deltas.containsKey(e.getKey()))
                    .map(e -> e.getValue().accountId()).distinct().forEach(board::changed);
        }
    }

    /** What crossed since {@code before}; counters that went down were put in again (from zero). */
    private static Firewall.Counted delta(Firewall.Counted before, Firewall.Counted now) {
        long to = now.toDevice() >= before.toDevice() ? now.toDevice() - before.toDevice() : now.toDevice();
        long from = now.fromDevice() >= before.fromDevice() ? now.fromDevice() - before.fromDevice() : now.fromDevice();
        return new Firewall.Counted(to, from);
    }

    private static void quietly(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Connections: " + what + " failed: " + e.getMessage(), e);
        }
    }
}
