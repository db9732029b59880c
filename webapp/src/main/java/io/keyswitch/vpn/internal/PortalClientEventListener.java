package io.keyswitch.vpn.internal;

import io.keyswitch.vpn.openvpn.ClientEnvironment;
import io.keyswitch.vpn.openvpn.ClientEventListener;
import io.keyswitch.vpn.openvpn.ConnectedClient;
import io.keyswitch.vpn.openvpn.ManagementEvent;
import io.keyswitch.vpn.LiveStatusBoard;
import io.keyswitch.vpn.TechnicianTunnels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * The portal's {@link ClientEventListener}: the management clients' reader threads only hand events over; one
 * writer thread ({@link VpnWriter}: in order, in batches) keeps the devices' live status and audits connect and disconnect. Byte
 * counts are collected in memory and written in one transaction every few seconds, not one write per report.
 */
@ApplicationScoped
public class PortalClientEventListener {

    private static final Logger LOG = Logger.getLogger(PortalClientEventListener.class.getName());

    @Inject
    LiveStatusStore store;

    @Inject
    Clock clock;

    @Inject
    PortalClientAuthenticator authenticator;

    @Inject
    LiveStatusBoard board;

    @Inject
    VpnWriter writer;

    @Inject
    TechnicianTunnels tunnels;

    /** instance -> cid -> [bytes in, bytes out], the latest counts not written yet. */
    private final Map<String, Map<Long, LiveStatusStore.Traffic>> pendingBytes = new ConcurrentHashMap<>();
    private final Map<String, Long> accountOfInstance = new ConcurrentHashMap<>();

    public void start(ThreadFactory threads, VpnScheduler scheduler, int flushSeconds) {
        writer.start(threads);
        scheduler.every(Duration.ofSeconds(flushSeconds), "VPN byte counts not written", () -> handOff(this::flushBytes));
    }

    public void stop() {
        writer.stop();
    }

    /** The listener one account's management client reports to. */
    public ClientEventListener forAccount(long accountId) {
        return new ClientEventListener() {
            @Override
            public void established(String instance, ManagementEvent.ClientEstablished event) {
                accountOfInstance.put(instance, accountId);
                ClientEnvironment env = event.env();
                LiveStatusStore.Established e = new LiveStatusStore.Established(instance, event.cid(), env.commonName().orElse(""),
                        env.get("trusted_ip").or(env::remoteAddress).orElse(null), env.virtualAddress().orElse(null),
                        clock.instant());
                // at once, not behind the writer's queue: a waiting technician connection opens on this
                tunnels.established(accountId, instance, event.cid(), e.commonName(), e.tunnelAddress(), e.at());
                handOff(() -> {
                    store.established(accountId, e);
                    board.changed(accountId);
                });
            }

            @Override
            public void disconnected(String instance, ManagementEvent.ClientDisconnected event) {
                ClientEnvironment env = event.env();
                Map<Long, LiveStatusStore.Traffic> counts = pendingBytes.get(instance);
                if (counts != null) {
                    counts.remove(event.cid());
                }
                authenticator.forget(instance, event.cid());
                String cn = env.commonName().orElse("");
                tunnels.disconnected(accountId, instance, event.cid(), cn);
                String wan = env.get("trusted_ip").or(env::remoteAddress).orElse(null);
                Long in = env.number("bytes_received").orElse(null);
                Long out = env.number("bytes_sent").orElse(null);
                LiveStatusStore.Disconnected d = new LiveStatusStore.Disconnected(instance, event.cid(), cn, wan, in, out,
                        clock.instant());
                handOff(() -> {
                    store.disconnected(accountId, d);
                    board.changed(accountId);
                });
            }

            @Override
            public void byteCount(String instance, ManagementEvent.ByteCount event) {
                pendingBytes.computeIfAbsent(instance, k -> new ConcurrentHashMap<>())
                        .put(event.cid(), new LiveStatusStore.Traffic(event.bytesIn(), event.bytesOut()));
            }

            @Override
            public void reconciled(String instance, List<ConnectedClient> connected) {
                authenticator.reconciled(instance, connected);
                Instant at = clock.instant();
                tunnels.reconciled(accountId, instance, connected, at);
                handOff(() -> {
                    int changed = store.reconcile(accountId, instance, connected, at);
                    board.changed(accountId);
                    LOG.info(() -> "VPN " + instance + " reconciled: " + connected.size() + " connected, "
                            + changed + " device status(es) corrected");
                });
            }

            @Override
            public void managementAvailable(String instance, boolean available) {
                board.managementAvailable(accountId, available);
            }
        };
    }

    private void flushBytes() {
        if (pendingBytes.isEmpty()) {
            return;
        }
        Map<String, Map<Long, LiveStatusStore.Traffic>> batch = new HashMap<>();
        pendingBytes.forEach((instance, counts) -> {
            Map<Long, LiveStatusStore.Traffic> taken = new HashMap<>();
            counts.keySet().forEach(cid -> {
                LiveStatusStore.Traffic c = counts.remove(cid);
                if (c != null) {
                    taken.put(cid, c);
                }
            });
            if (!taken.isEmpty()) {
                batch.put(instance, taken);
            }
        });
        if (!batch.isEmpty()) {
            store.byteCounts(batch, clock.instant());
            batch.keySet().forEach(instance -> {
                Long account = accountOfInstance.get(instance);
                if (account != null) {
                    board.changed(account);
                }
            });
        }
    }

    private void handOff(Runnable task) {
        writer.submit(task);
    }
}
