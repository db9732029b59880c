package io.keyswitch.vpn.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.account.AccountChanged;
import io.keyswitch.device.DeviceChanged;
import io.keyswitch.device.DeviceDisabled;
import io.keyswitch.device.DeviceRemoved;
import io.keyswitch.device.TunnelMode;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.vpn.VpnCredentialsChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The VPN's view of the devices that may dial in or report, driven by the portal's events as their observers receive
 * them — the one inside the changing transaction and the one after it — over a stand-in for the database's rows (what
 * {@link ClientStore#usableDevices} would read), and the VPN's scheduler running its work at once. That the services
 * fire these events on the real database is {@code UsableDeviceViewIT}'s.
 */
@DisplayName("The VPN's in-memory view of usable devices follows every change at once")
class UsableDeviceViewTest {

    private static final long ACCOUNT = 1;
    private static final long OTHER_ACCOUNT = 2;

    private final Rows rows = new Rows();
    private final List<Runnable> deferred = new ArrayList<>();
    private final UsableDeviceView view = view(rows, deferred);

    @Test
    @DisplayName("at start it holds every usable device with its current secret hash, tunnel host, subnet and tunnel mode")
    void loadsAtStart() {
        // Arrange
        rows.put(device(ACCOUNT, 7, "a1", "hash-a1"));
        rows.put(device(OTHER_ACCOUNT, 8, "b1", "hash-b1"));

        // Act
        view.atStart(new PortalStarted());

        // Assert
        assertThat(view.find("device-7")).contains(device(ACCOUNT, 7, "a1", "hash-a1"));
        assertThat(view.find("device-7").orElseThrow().secretHash("a1")).contains("hash-a1");
        assertThat(view.find("device-8").orElseThrow().accountId()).isEqualTo(OTHER_ACCOUNT);
        assertThat(view.size()).isEqualTo(2);
    }

    @Test
    @DisplayName("a revoked device is refused the moment its transaction fires the event, and stays refused after the reload")
    void revoked() {
        // Arrange
        rows.put(device(ACCOUNT, 7, "a1", "hash-a1"));
        view.atStart(new PortalStarted());

        // Act: inside the revoking transaction (not committed yet)
        view.credentials(new VpnCredentialsChanged(ACCOUNT, "device-7"));

        // Assert: memory no longer answers for it (the database decides: the credential is revoked there)
        assertThat(view.find("device-7")).isEmpty();

        // Act: committed, observed after it, the rows read again
        rows.remove("device-7");
        view.credentialsDone(new VpnCredentialsChanged(ACCOUNT, "device-7"));
        runDeferred();

        // Assert
        assertThat(view.find("device-7")).isEmpty();
    }

    @Test
    @DisplayName("a new profile's secret replaces the old one: the old serial is gone, the new one answered from memory")
    void newSecret() {
        // Arrange
        rows.put(device(ACCOUNT, 7, "a1", "hash-a1"));
        view.atStart(new PortalStarted());

        // Act
        view.credentials(new VpnCredentialsChanged(ACCOUNT, "device-7"));
        rows.put(device(ACCOUNT, 7, "a2", "hash-a2"));
        view.credentialsDone(new VpnCredentialsChanged(ACCOUNT, "device-7"));
        runDeferred();

        // Assert
        UsableDevices.Entry entry = view.find("device-7").orElseThrow();
        assertThat(entry.secretHash("a2")).contains("hash-a2");
        assertThat(entry.secretHash("a1")).isEmpty();
    }

    @Test
    @DisplayName("a disabled device is refused at once and comes back when enabled (DeviceDisabled, DeviceChanged)")
    void disabledAndEnabled() {
        // Arrange
        rows.put(device(ACCOUNT, 7, "a1", "hash-a1"));
        view.atStart(new PortalStarted());

        // Act: disabled
        view.deviceDisabled(new DeviceDisabled(ACCOUNT, 7));
        view.deviceChanged(new DeviceChanged(ACCOUNT, 7));
        UsableDevices.Entry kept = rows.remove("device-7");
        view.deviceDisabledDone(new DeviceDisabled(ACCOUNT, 7));
        view.deviceChangedDone(new DeviceChanged(ACCOUNT, 7));
        runDeferred();

        // Assert
        assertThat(view.find("device-7")).isEmpty();

        // Act: enabled again, now on demand
        rows.put(new UsableDevices.Entry(kept.commonName(), ACCOUNT, 7, kept.tunnelHost(), kept.virtualSubnet(),
                TunnelMode.ON_DEMAND, kept.secretHashes()));
        view.deviceChanged(new DeviceChanged(ACCOUNT, 7));
        view.deviceChangedDone(new DeviceChanged(ACCOUNT, 7));
        runDeferred();

        // Assert
        assertThat(view.find("device-7").map(UsableDevices.Entry::tunnelMode)).contains(TunnelMode.ON_DEMAND);
    }

    @Test
    @DisplayName("a deleted device is refused the moment the deleting transaction fires DeviceRemoved")
    void deleted() {
        // Arrange
        rows.put(device(ACCOUNT, 7, "a1", "hash-a1"));
        rows.put(device(ACCOUNT, 9, "a9", "hash-a9"));
        view.atStart(new PortalStarted());

        // Act
        view.deviceRemoved(new DeviceRemoved(ACCOUNT, 7));

        // Assert
        assertThat(view.find("device-7")).isEmpty();
        assertThat(view.find("device-9")).isPresent();

        // Act
        rows.remove("device-7");
        view.deviceRemovedDone(new DeviceRemoved(ACCOUNT, 7));
        runDeferred();

        // Assert
        assertThat(view.find("device-7")).isEmpty();
        assertThat(view.find("device-9")).isPresent();
    }

    @Test
    @DisplayName("a disabled account's devices are all refused at once, other accounts' untouched; enabled again they return")
    void accountDisabled() {
        // Arrange
        rows.put(device(ACCOUNT, 7, "a1", "hash-a1"));
        rows.put(device(ACCOUNT, 9, "a9", "hash-a9"));
        rows.put(device(OTHER_ACCOUNT, 8, "b1", "hash-b1"));
        view.atStart(new PortalStarted());

        // Act
        view.accountChanged(new AccountChanged(ACCOUNT, AccountChanged.STATUS));

        // Assert
        assertThat(view.find("device-7")).isEmpty();
        assertThat(view.find("device-9")).isEmpty();
        assertThat(view.find("device-8")).isPresent();

        // Act: the commit ends it; the reload finds none of them usable
        Map<String, UsableDevices.Entry> before = rows.removeAccount(ACCOUNT);
        view.accountChangedDone(new AccountChanged(ACCOUNT, AccountChanged.STATUS));
        runDeferred();

        // Assert
        assertThat(view.find("device-7")).isEmpty();

        // Act: enabled again
        before.values().forEach(rows::put);
        view.accountChanged(new AccountChanged(ACCOUNT, AccountChanged.STATUS));
        view.accountChangedDone(new AccountChanged(ACCOUNT, AccountChanged.STATUS));
        runDeferred();

        // Assert
        assertThat(view.find("device-7")).isPresent();
        assertThat(view.find("device-9")).isPresent();
    }

    @Test
    @DisplayName("a reload that read the rows before a change cannot bring the changed device back")
    void loadOverlappingAChange() {
        // Arrange: a full reload has read the rows (device 7 still usable) but not put them yet
        UsableDevices table = new UsableDevices();
        long mark = table.mark();
        List<UsableDevices.Entry> readBefore = List.of(device(ACCOUNT, 7, "a1", "hash-a1"), device(ACCOUNT, 9, "a9", "hash-a9"));

        // Act: device 7 is revoked meanwhile, then the slow reload puts what it read
        table.invalidate("device-7");
        table.loaded(mark, new UsableDevices.Scope.All(), readBefore);

        // Assert
        assertThat(table.find("device-7")).isEmpty();
        assertThat(table.find("device-9")).isPresent();

        // Act: the reload the revocation asked for
        long next = table.mark();
        table.loaded(next, new UsableDevices.Scope.Named("device-7"), List.of());

        // Assert
        assertThat(table.find("device-7")).isEmpty();
    }

    @Test
    @DisplayName("after any series of changes, a full reload finds exactly what the events left (consistent after a reload)")
    void consistentAfterReload() {
        // Arrange
        for (long id = 1; id <= 50; id++) {
            rows.put(device(id % 2 == 0 ? ACCOUNT : OTHER_ACCOUNT, id, "s" + id, "hash-s" + id));
        }
        view.atStart(new PortalStarted());

        // Act: revoke some, rotate some, disable an account, delete one — each with its events
        for (long id = 1; id <= 50; id += 5) {
            long account = id % 2 == 0 ? ACCOUNT : OTHER_ACCOUNT;
            view.credentials(new VpnCredentialsChanged(account, "device-" + id));
            rows.remove("device-" + id);
            view.credentialsDone(new VpnCredentialsChanged(account, "device-" + id));
        }
        for (long id = 2; id <= 50; id += 7) {
            UsableDevices.Entry old = rows.get("device-" + id);
            if (old != null) {
                view.credentials(new VpnCredentialsChanged(old.accountId(), old.commonName()));
                rows.put(device(old.accountId(), id, "new" + id, "hash-new" + id));
                view.credentialsDone(new VpnCredentialsChanged(old.accountId(), old.commonName()));
            }
        }
        view.accountChanged(new AccountChanged(OTHER_ACCOUNT, AccountChanged.STATUS));
        rows.removeAccount(OTHER_ACCOUNT);
        view.accountChangedDone(new AccountChanged(OTHER_ACCOUNT, AccountChanged.STATUS));
        view.deviceRemoved(new DeviceRemoved(ACCOUNT, 4));
        rows.remove("device-4");
        view.deviceRemovedDone(new DeviceRemoved(ACCOUNT, 4));
        runDeferred();
        Map<String, UsableDevices.Entry> afterEvents = snapshot(view);
        view.reload(new UsableDevices.Scope.All());

        // Assert
        assertThat(snapshot(view)).isEqualTo(afterEvents).isEqualTo(new TreeMap<>(rows.byName));
        assertThat(afterEvents).containsKey("device-2").doesNotContainKeys("device-1", "device-3", "device-4", "device-6");
        assertThat(afterEvents.get("device-2").secretHash("s2")).isEmpty();
        assertThat(afterEvents.get("device-2").secretHash("new2")).contains("hash-new2");
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static UsableDevices.Entry device(long account, long id, String serial, String hash) {
        return new UsableDevices.Entry("device-" + id, account, id, (int) id + 1, "100.64." + id + ".0/24",
                TunnelMode.ALWAYS, Map.of(serial, hash));
    }

    private void runDeferred() {
        while (!deferred.isEmpty()) {
            deferred.remove(0).run();
        }
    }

    private static Map<String, UsableDevices.Entry> snapshot(UsableDeviceView view) {
        Map<String, UsableDevices.Entry> out = new TreeMap<>();
        for (long id = 1; id <= 50; id++) {
            view.find("device-" + id).ifPresent(e -> out.put(e.commonName(), e));
        }
        return out;
    }

    /** The rows the database holds: the usable device identities, as {@link ClientStore#usableDevices} reads them. */
    private static final class Rows {
        final Map<String, UsableDevices.Entry> byName = new TreeMap<>();

        void put(UsableDevices.Entry e) {
            byName.put(e.commonName(), e);
        }

        UsableDevices.Entry get(String cn) {
            return byName.get(cn);
        }

        UsableDevices.Entry remove(String cn) {
            return byName.remove(cn);
        }

        Map<String, UsableDevices.Entry> removeAccount(long account) {
            Map<String, UsableDevices.Entry> removed = byName.values().stream().filter(e -> e.accountId() == account)
                    .collect(Collectors.toMap(UsableDevices.Entry::commonName, e -> e));
            removed.keySet().forEach(byName::remove);
            return removed;
        }

        List<UsableDevices.Entry> read(UsableDevices.Scope scope) {
            return byName.values().stream().filter(scope::covers).toList();
        }
    }

    private static UsableDeviceView view(Rows rows, List<Runnable> deferred) {
        UsableDeviceView view = new UsableDeviceView();
        view.store = new ClientStore() {
            @Override
            public List<UsableDevices.Entry> usableDevices(UsableDevices.Scope scope) {
                return rows.read(scope);
            }
        };
        view.scheduler = new VpnScheduler() {
            @Override
            public void later(Runnable task) {
                deferred.add(task);
            }
        };
        return view;
    }
}
