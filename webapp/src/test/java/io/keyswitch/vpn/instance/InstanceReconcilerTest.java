package io.keyswitch.vpn.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.vpn.config.InstanceSettings;
import io.keyswitch.vpn.config.Ipv4Network;
import io.keyswitch.vpn.openvpn.ConnectedClient;
import io.keyswitch.vpn.openvpn.InstanceManagement;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reconciler's decisions, with small fakes of the instances it holds, their supervisor and their management
 * clients; that the decisions work on real OpenVPN processes is {@code VpnPortalSystemIT}'s and the appliance test's.
 */
@DisplayName("The instance reconciler brings the instances in line with the accounts")
class InstanceReconcilerTest {

    private static final List<Ipv4Network> POOL_A = List.of(Ipv4Network.parse("10.101.0.0/16"));
    private static final List<Ipv4Network> POOL_B = List.of(Ipv4Network.parse("10.102.0.0/16"));
    /** POOL_A after the account's pool grew by a block. */
    private static final List<Ipv4Network> POOL_A_GROWN = List.of(Ipv4Network.parse("10.101.0.0/16"), Ipv4Network.parse("10.110.0.0/16"));

    private final List<String> done = new ArrayList<>();
    private final FakeInstances instances = new FakeInstances();
    private final FakeSupervisor supervisor = new FakeSupervisor();
    private Instant now = Instant.parse("2026-12-05T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final InstanceReconciler reconciler = new InstanceReconciler(instances, supervisor, clock, Duration.ofHours(1),
            (r, pool, why) -> done.add("audit " + r.name() + " " + pool + ": " + why));

    @Test
    @DisplayName("an active account without an instance gets one started")
    void startsMissing() {
        // Arrange: nothing held

        // Act
        reconciler.reconcile(Map.of(7L, POOL_A));

        // Assert
        assertThat(done).containsExactly("start 7");
    }

    @Test
    @DisplayName("a running instance of an active account with its pool and an open socket is left alone")
    void leavesHealthyAlone() {
        // Arrange
        instances.hold(attached(7, POOL_A, true));

        // Act
        reconciler.reconcile(Map.of(7L, POOL_A));

        // Assert
        assertThat(done).isEmpty();
    }

    @Test
    @DisplayName("a disabled account's instance is retired and not started again")
    void retiresDisabled() {
        // Arrange
        instances.hold(attached(7, POOL_A, true));
        instances.hold(attached(8, POOL_B, true));

        // Act: account 7 is no longer active
        reconciler.reconcile(Map.of(8L, POOL_B));

        // Assert
        assertThat(done).containsExactly("retire acct-7");
        assertThat(instances.accounts()).containsExactly(8L);
    }

    @Test
    @DisplayName("an instance whose start failed is forgotten and started again, when OpenVPN can run here")
    void triesFailedStartAgain() {
        // Arrange
        instances.hold(new RunningInstance(7, "acct-7", settings(7, POOL_A), null));

        // Act
        reconciler.reconcile(Map.of(7L, POOL_A));

        // Assert
        assertThat(done).containsExactly("forget acct-7", "start 7");
    }

    @Test
    @DisplayName("without OpenVPN an instance held without management client is left as it is (nothing to start)")
    void leavesUnavailableAlone() {
        // Arrange
        instances.available = false;
        instances.hold(new RunningInstance(7, "acct-7", settings(7, POOL_A), null));

        // Act
        reconciler.reconcile(Map.of(7L, POOL_A));

        // Assert
        assertThat(done).isEmpty();
    }

    @Test
    @DisplayName("an account whose virtual pool changed has its instance stopped and started with the new config")
    void restartsForNewPool() {
        // Arrange
        instances.hold(attached(7, POOL_A, true));

        // Act
        reconciler.reconcile(Map.of(7L, POOL_B));

        // Assert
        assertThat(done).containsExactly("stop acct-7", "start 7");
    }

    @Test
    @DisplayName("an account whose pool grew by a block, with no technician tunnel up, has its instance restarted at once"
            + " to route it (audited); one that routes all its blocks is left alone")
    void restartsForGrownPool() {
        // Arrange
        instances.hold(attached(7, POOL_A, true));
        instances.hold(attached(8, POOL_A_GROWN, true));

        // Act
        reconciler.reconcile(Map.of(7L, POOL_A_GROWN, 8L, POOL_A_GROWN));

        // Assert
        assertThat(done).containsExactly("stop acct-7",
                "audit acct-7 [10.101.0.0/16, 10.110.0.0/16]: no technician tunnel was up", "start 7");
    }

    @Test
    @DisplayName("a grown pool while a technician's tunnel is up: the instance keeps running (their connections stay) and is"
            + " restarted at the first round after the technician left")
    void grownPoolWaitsForTechnicians() {
        // Arrange
        instances.hold(attached(7, POOL_A, true));
        instances.technicians.add(7L);

        // Act: rounds while the technician works, then one after they left
        reconciler.reconcile(Map.of(7L, POOL_A_GROWN));
        now = now.plus(Duration.ofMinutes(20));
        reconciler.reconcile(Map.of(7L, POOL_A_GROWN));
        List<String> whileWorking = List.copyOf(done);
        instances.technicians.clear();
        now = now.plus(Duration.ofMinutes(1));
        reconciler.reconcile(Map.of(7L, POOL_A_GROWN));

        // Assert
        assertThat(whileWorking).isEmpty();
        assertThat(done).containsExactly("stop acct-7",
                "audit acct-7 [10.101.0.0/16, 10.110.0.0/16]: no technician tunnel was up", "start 7");
    }

    @Test
    @DisplayName("a grown pool while technicians stay connected: restarted once the longest wait (1 h) is over, not before")
    void grownPoolWaitsAtMostTheLongestWait() {
        // Arrange
        instances.hold(attached(7, POOL_A, true));
        instances.technicians.add(7L);

        // Act
        reconciler.reconcile(Map.of(7L, POOL_A_GROWN));
        now = now.plus(Duration.ofMinutes(59));
        reconciler.reconcile(Map.of(7L, POOL_A_GROWN));
        List<String> beforeTheHour = List.copyOf(done);
        now = now.plus(Duration.ofMinutes(1));
        reconciler.reconcile(Map.of(7L, POOL_A_GROWN));

        // Assert
        assertThat(beforeTheHour).isEmpty();
        assertThat(done).containsExactly("stop acct-7", "audit acct-7 [10.101.0.0/16, 10.110.0.0/16]: technician tunnels were"
                + " up for the longest wait of PT1H", "start 7");
    }

    @Test
    @DisplayName("a pool a system administrator changed (not only grown) restarts the instance at once, technicians or not,"
            + " without a growth audit (the change is audited as account.virtual-pool)")
    void changedPoolRestartsAtOnceWithTechnicians() {
        // Arrange
        instances.hold(attached(7, POOL_A, true));
        instances.technicians.add(7L);

        // Act
        reconciler.reconcile(Map.of(7L, POOL_B));

        // Assert
        assertThat(done).containsExactly("stop acct-7", "start 7");
    }

    @Test
    @DisplayName("growth is told apart from other changes: more blocks, or blocks joined into a wider one, grew; fewer or"
            + " other blocks did not")
    void growthIsMoreOfTheSame() {
        Ipv4Network a = Ipv4Network.parse("10.100.0.0/16");
        Ipv4Network b = Ipv4Network.parse("10.101.0.0/16");
        Ipv4Network joined = Ipv4Network.parse("10.100.0.0/15");

        assertThat(InstanceReconciler.grew(List.of(a), List.of(a, b))).isTrue();
        assertThat(InstanceReconciler.grew(List.of(a), List.of(joined))).as("neighbours joined").isTrue();
        assertThat(InstanceReconciler.grew(List.of(a, b), List.of(a))).as("shrunk").isFalse();
        assertThat(InstanceReconciler.grew(List.of(a), List.of(b))).as("moved").isFalse();
        assertThat(InstanceReconciler.grew(List.of(a), List.of(a))).as("the same").isFalse();
    }

    @Test
    @DisplayName("an instance whose socket is silent and whose process is gone gets its CRL written and is started again")
    void startsGoneProcessAgain() {
        // Arrange
        instances.hold(attached(7, POOL_A, false));

        // Act
        reconciler.reconcile(Map.of(7L, POOL_A));

        // Assert: the same instance is kept (its management client reconnects by itself)
        assertThat(done).containsExactly("crl acct-7", "supervisor start acct-7");
        assertThat(instances.accounts()).containsExactly(7L);
    }

    @Test
    @DisplayName("an instance whose socket is silent but whose process runs (still starting) is left alone")
    void waitsForRunningProcess() {
        // Arrange
        instances.hold(attached(7, POOL_A, false));
        supervisor.running.add("acct-7");

        // Act
        reconciler.reconcile(Map.of(7L, POOL_A));

        // Assert
        assertThat(done).isEmpty();
    }

    @Test
    @DisplayName("an instance whose socket answers, though its client is not attached yet, is left alone")
    void leavesAnsweringSocketAlone() {
        // Arrange
        instances.hold(attached(7, POOL_A, false));
        instances.answering.add("acct-7");

        // Act
        reconciler.reconcile(Map.of(7L, POOL_A));

        // Assert
        assertThat(done).isEmpty();
    }

    @Test
    @DisplayName("an account whose instance cannot be made does not keep the others from starting")
    void oneFailedStartDoesNotStopTheOthers() {
        // Arrange
        instances.failing.add(7L);
        Map<Long, List<Ipv4Network>> wanted = new LinkedHashMap<>();
        wanted.put(7L, POOL_A);
        wanted.put(8L, POOL_B);

        // Act
        reconciler.reconcile(wanted);

        // Assert
        assertThat(done).containsExactly("start 7 failed", "start 8");
        assertThat(instances.accounts()).containsExactly(8L);
    }

    @Test
    @DisplayName("a process that cannot be started again is logged, and the round goes on with the other accounts")
    void failedRestartDoesNotStopTheRound() {
        // Arrange
        instances.hold(attached(7, POOL_A, false));
        supervisor.failing.add("acct-7");

        // Act
        reconciler.reconcile(Map.of(7L, POOL_A, 8L, POOL_B));

        // Assert
        assertThat(done).containsExactly("crl acct-7", "supervisor start acct-7 failed", "start 8");
    }

    private RunningInstance attached(long accountId, List<Ipv4Network> pool, boolean connected) {
        return new RunningInstance(accountId, "acct-" + accountId, settings(accountId, pool), new FakeManagement(connected));
    }

    private static InstanceSettings settings(long accountId, List<Ipv4Network> pool) {
        return InstanceSettings.under(Path.of("/nonexistent/acct-" + accountId), "acct-" + accountId,
                1194 + (int) accountId, Ipv4Network.parse("10.8." + accountId + ".0/24"), pool, 100);
    }

    /** The instances the portal holds: what the reconciler does to them is written to {@link #done}. */
    private final class FakeInstances implements InstanceReconciler.Instances {
        final Map<Long, RunningInstance> held = new LinkedHashMap<>();
        final Set<String> answering = new HashSet<>();
        final Set<Long> failing = new HashSet<>();
        final Set<Long> technicians = new HashSet<>();
        boolean available = true;

        void hold(RunningInstance r) {
            held.put(r.accountId(), r);
        }

        List<Long> accounts() {
            return List.copyOf(held.keySet());
        }

        @Override
        public Collection<RunningInstance> running() {
            return held.values();
        }

        @Override
        public boolean available() {
            return available;
        }

        @Override
        public void start(long accountId) {
            if (failing.contains(accountId)) {
                done.add("start " + accountId + " failed");
                throw new IllegalStateException("no free VPN port or tunnel subnet left for another account");
            }
            done.add("start " + accountId);
            hold(attached(accountId, POOL_A, true));
        }

        @Override
        public void retire(RunningInstance instance) {
            done.add("retire " + instance.name());
            held.remove(instance.accountId());
        }

        @Override
        public void stop(RunningInstance instance) {
            done.add("stop " + instance.name());
            held.remove(instance.accountId());
        }

        @Override
        public void forget(RunningInstance instance) {
            done.add("forget " + instance.name());
            held.remove(instance.accountId());
        }

        @Override
        public boolean socketAnswers(RunningInstance instance) {
            return answering.contains(instance.name());
        }

        @Override
        public void writeCrl(RunningInstance instance) {
            done.add("crl " + instance.name());
        }

        @Override
        public boolean techniciansConnected(RunningInstance instance) {
            return technicians.contains(instance.accountId());
        }
    }

    /** Processes by instance name: nothing runs unless a test says so. */
    private final class FakeSupervisor implements InstanceSupervisor {
        final Set<String> running = new HashSet<>();
        final Set<String> failing = new HashSet<>();

        @Override
        public VpnAvailability availability() {
            return VpnAvailability.available("OpenVPN 2.6 (fake)");
        }

        @Override
        public void start(String instance) throws IOException {
            if (failing.contains(instance)) {
                done.add("supervisor start " + instance + " failed");
                throw new IOException("openvpn-server@" + instance + " failed");
            }
            done.add("supervisor start " + instance);
            running.add(instance);
        }

        @Override
        public void stop(String instance) {
            done.add("supervisor stop " + instance);
            running.remove(instance);
        }

        @Override
        public boolean isRunning(String instance) {
            return running.contains(instance);
        }
    }

    /** A management client that is attached ({@code connected}) or not; it has no sessions. */
    private record FakeManagement(boolean connected) implements InstanceManagement {
        @Override
        public String instance() {
            return "fake";
        }

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public CompletableFuture<Void> killClient(long cid, boolean halt) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> disconnectNow(long cid, String commonName, boolean halt) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<List<ConnectedClient>> connectedClients() {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public void close() {
        }
    }
}
