package io.keyswitch.vpn;

import io.keyswitch.vpn.config.InstanceSettings;
import io.keyswitch.vpn.openvpn.ConnectedClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which technicians have their VPN tunnel up now, kept in memory from the management events (established,
 * disconnected, and every reconciliation after the portal or its management socket came back): the connection
 * feature asks it for a technician's tunnel address and observes {@link TechnicianTunnelChanged}.
 */
@ApplicationScoped
public class TechnicianTunnels {

    private final Map<Long, TechnicianTunnel> up = new ConcurrentHashMap<>();

    @Inject
    Event<TechnicianTunnelChanged> changes;

    /** The technician's tunnel, if it is up. */
    public Optional<TechnicianTunnel> of(long userId) {
        return Optional.ofNullable(up.get(userId));
    }

    /** Every tunnel that is up now. */
    public List<TechnicianTunnel> all() {
        return List.copyOf(up.values());
    }

    public void established(long accountId, String instance, long cid, String commonName, String address, Instant at) {
        VpnClient.technicianOf(commonName).ifPresent(userId -> {
            if (address == null || address.isEmpty()) {
                return;
            }
            TechnicianTunnel tunnel = new TechnicianTunnel(accountId, userId, instance, deviceOf(accountId), cid, address, at);
            up.put(userId, tunnel);
            changes.fire(new TechnicianTunnelChanged(accountId, userId, Optional.of(tunnel)));
        });
    }

    public void disconnected(long accountId, String instance, long cid, String commonName) {
        VpnClient.technicianOf(commonName).ifPresent(userId -> {
            // a quick reconnect is established (new cid) before the old session's disconnect: keep the new one
            TechnicianTunnel t = up.get(userId);
            if (t != null && t.instance().equals(instance) && t.cid() == cid && up.remove(userId, t)) {
                changes.fire(new TechnicianTunnelChanged(accountId, userId, Optional.empty()));
            }
        });
    }

    /** After a reconciliation of {@code instance}: exactly the technicians in {@code connected} are up on it. */
    public void reconciled(long accountId, String instance, List<ConnectedClient> connected, Instant at) {
        Map<Long, ConnectedClient> now = new java.util.HashMap<>();
        for (ConnectedClient c : connected) {
            if (c.isEstablished()) {
                VpnClient.technicianOf(c.commonName()).ifPresent(userId -> now.put(userId, c));
            }
        }
        for (TechnicianTunnel t : List.copyOf(up.values())) {
            if (t.instance().equals(instance) && !now.containsKey(t.userId()) && up.remove(t.userId(), t)) {
                changes.fire(new TechnicianTunnelChanged(accountId, t.userId(), Optional.empty()));
            }
        }
        now.forEach((userId, c) -> {
            TechnicianTunnel known = up.get(userId);
            if (known == null || known.cid() != c.cid() || !known.instance().equals(instance)) {
                TechnicianTunnel tunnel = new TechnicianTunnel(accountId, userId, instance, deviceOf(accountId), c.cid(),
                        c.virtualAddress(), c.connectedSince() == null ? at : c.connectedSince());
                up.put(userId, tunnel);
                changes.fire(new TechnicianTunnelChanged(accountId, userId, Optional.of(tunnel)));
            }
        });
    }

    private static String deviceOf(long accountId) {
        return InstanceSettings.accountDevice(accountId);
    }
}
