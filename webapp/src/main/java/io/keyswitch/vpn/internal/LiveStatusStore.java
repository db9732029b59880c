package io.keyswitch.vpn.internal;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.datapoint.presence.PresenceChanges;
import io.keyswitch.device.Device;
import io.keyswitch.vpn.DeviceVpnStatus;
import io.keyswitch.vpn.VpnClient;
import io.keyswitch.vpn.openvpn.ConnectedClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The devices' live VPN status ({@code device_vpn_status}) and the connect and disconnect audit events, each in the
 * same transaction as the status it changes. Every method is one transaction.
 */
@ApplicationScoped
@Transactional
public class LiveStatusStore {

    /** A live session as the listener saw it established. */
    public record Established(String instance, long cid, String commonName, String wanAddress, String tunnelAddress,
                              Instant at) {
    }

    /** A session as the listener saw it end, with its final byte counts (null when OpenVPN did not report them). */
    public record Disconnected(String instance, long cid, String commonName, String wanAddress, Long bytesIn,
                               Long bytesOut, Instant at) {
    }

    /** The latest byte counts of one session. */
    public record Traffic(long bytesIn, long bytesOut) {
    }

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    ClientStore clients;

    @Inject
    UsableDeviceView view;

    @Inject
    PresenceChanges presence;

    /** The audit events of the writes running in {@link #inOneTransaction}, recorded together at its end. */
    private final ThreadLocal<List<AuditEntry>> batchEvents = new ThreadLocal<>();

    /**
     * Runs many of the listener's writes (status changes with their audit events) in one transaction: one commit for
     * a burst of connects or disconnects instead of one each. The persistence context is emptied after each write so
     * that a long batch does not make every later flush look through all the earlier rows.
     */
    public void inOneTransaction(List<Runnable> writes) {
        List<AuditEntry> events = new ArrayList<>();
        batchEvents.set(events);
        try {
            for (Runnable write : writes) {
                write.run();
                em.flush();
                em.clear();
            }
        } finally {
            batchEvents.remove();
        }
        // each account's chain head locked once for the batch, the accounts always in the same order
        Map<Long, List<AuditEntry>> byChain = new TreeMap<>();
        events.forEach(e -> byChain.computeIfAbsent(e.accountId() == null ? 0L : e.accountId(), k -> new ArrayList<>()).add(e));
        byChain.values().forEach(audit::recordAll);
    }

    /** An audit event on its own (the refused logins' events, written on the VPN's writer thread). */
    public void record(AuditEntry entry) {
        List<AuditEntry> batch = batchEvents.get();
        if (batch != null) {
            batch.add(entry);
        } else {
            audit.record(entry);
        }
    }

    public Map<Long, DeviceVpnStatus> statusOf(long accountId, List<Long> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, DeviceVpnStatus> out = new HashMap<>();
        em.createQuery("SELECT s FROM DeviceVpnStatus s WHERE s.accountId = :a AND s.deviceId IN :ids", DeviceVpnStatus.class)
                .setParameter("a", accountId).setParameter("ids", deviceIds).getResultList()
                .forEach(s -> out.put(s.getDeviceId(), s));
        return out;
    }

    /**
     * A device's session is established: online since now (one statement: the status row inserted or updated, only
     * while the device exists), audited as {@code vpn.connect}.
     */
    public void established(long accountId, Established e) {
        Identity identity = identity(accountId, e.commonName()).orElse(null);
        if (identity == null) {
            return;
        }
        if (identity.deviceId() != null) {
            LocalDateTime at = utc(e.at());
            em.createNativeQuery("INSERT INTO device_vpn_status (device_id, account_id, online, since, wan_address,"
                            + " tunnel_address, bytes_in, bytes_out, last_seen, instance_name, cid)"
                            + " SELECT id, account_id, TRUE, ?, ?, ?, 0, 0, ?, ?, ? FROM device WHERE id = ? AND account_id = ?"
                            + " ON DUPLICATE KEY UPDATE online = TRUE, since = VALUES(since), wan_address = VALUES(wan_address),"
                            + " tunnel_address = VALUES(tunnel_address), bytes_in = 0, bytes_out = 0,"
                            + " last_seen = VALUES(last_seen), instance_name = VALUES(instance_name), cid = VALUES(cid)")
                    .setParameter(1, at).setParameter(2, e.wanAddress()).setParameter(3, e.tunnelAddress())
                    .setParameter(4, at).setParameter(5, e.instance()).setParameter(6, e.cid())
                    .setParameter(7, identity.deviceId()).setParameter(8, accountId).executeUpdate();
            presence.tunnel(accountId, identity.deviceId(), true, e.at(), null, null);
        }
        record(AuditEntry.of(AuditAction.VPN_CONNECT, Outcome.SUCCESS).in(accountId)
                .by("vpn:" + e.commonName(), identity.userId()).from(e.wanAddress()).on(identity.target())
                .withDetails("{\"instance\":\"" + e.instance() + "\",\"tunnelAddress\":\"" + e.tunnelAddress() + "\"}"));
    }

    /**
     * A session ended: the device is offline since now with its final byte counts (one statement, only when the
     * status still names this session), audited as {@code vpn.disconnect}.
     */
    public void disconnected(long accountId, Disconnected d) {
        Identity identity = identity(accountId, d.commonName()).orElse(null);
        if (identity == null) {
            return;
        }
        if (identity.deviceId() != null) {
            List<Object> values = new ArrayList<>(List.of(utc(d.at()), utc(d.at())));
            StringBuilder sql = new StringBuilder("UPDATE device_vpn_status SET online = FALSE, since = ?, last_seen = ?, cid = NULL");
            if (d.bytesIn() != null) {
                sql.append(", bytes_in = ?");
                values.add(d.bytesIn());
            }
            if (d.bytesOut() != null) {
                sql.append(", bytes_out = ?");
                values.add(d.bytesOut());
            }
            sql.append(" WHERE device_id = ? AND online = TRUE AND instance_name = ? AND cid = ?");
            values.addAll(List.of(identity.deviceId(), d.instance(), d.cid()));
            var update = em.createNativeQuery(sql.toString());
            for (int i = 0; i < values.size(); i++) {
                update.setParameter(i + 1, values.get(i));
            }
            if (update.executeUpdate() > 0) {
                presence.tunnel(accountId, identity.deviceId(), false, d.at(), d.bytesIn(), d.bytesOut());
            }
        }
        record(AuditEntry.of(AuditAction.VPN_DISCONNECT, Outcome.SUCCESS).in(accountId)
                .by("vpn:" + d.commonName(), identity.userId()).from(d.wanAddress()).on(identity.target())
                .withDetails("{\"instance\":\"" + d.instance() + "\",\"bytesIn\":" + d.bytesIn()
                        + ",\"bytesOut\":" + d.bytesOut() + "}"));
    }

    /** Who a CN is for the status writes: a device (its id) or a technician (their user id), of this account. */
    private record Identity(Long deviceId, Long userId, String target) {
    }

    /** From memory for a usable device ({@link UsableDeviceView}), else from the database; empty: no identity of the account. */
    private Optional<Identity> identity(long accountId, String commonName) {
        Optional<UsableDevices.Entry> usable = view.find(commonName).filter(u -> u.accountId() == accountId);
        if (usable.isPresent()) {
            return Optional.of(new Identity(usable.get().deviceId(), null, "device:" + usable.get().deviceId()));
        }
        return clients.clientByCommonName(commonName).filter(c -> c.getAccountId() == accountId)
                .map(c -> new Identity(c.getKind() == VpnClient.Kind.DEVICE ? c.getDeviceId() : null, c.getUserId(),
                        target(c)));
    }

    private static LocalDateTime utc(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** Byte counts of many sessions in one transaction: {@code instance -> cid -> traffic}. */
    public void byteCounts(Map<String, Map<Long, Traffic>> counts, Instant at) {
        counts.forEach((instance, byCid) -> byCid.forEach((cid, c) -> em.createQuery(
                        "UPDATE DeviceVpnStatus s SET s.bytesIn = :i, s.bytesOut = :o, s.lastSeen = :t"
                                + " WHERE s.instanceName = :n AND s.cid = :c AND s.online = TRUE")
                .setParameter("i", c.bytesIn()).setParameter("o", c.bytesOut()).setParameter("t", at)
                .setParameter("n", instance).setParameter("c", cid).executeUpdate()));
    }

    /**
     * After the management socket (re)opened: devices in {@code connected} are online (with the server's own
     * since/addresses/bytes), every other device that was online on this instance is offline now. Returns how many
     * changed; a change found only here is audited with "reconciled".
     */
    public int reconcile(long accountId, String instance, List<ConnectedClient> connected, Instant at) {
        int changed = 0;
        Set<Long> onlineNow = new HashSet<>();
        for (ConnectedClient c : connected) {
            VpnClient client = clients.clientByCommonName(c.commonName()).orElse(null);
            if (client == null || client.getAccountId() != accountId || client.getKind() != VpnClient.Kind.DEVICE
                    || client.getDeviceId() == null || em.find(Device.class, client.getDeviceId()) == null) {
                continue;
            }
            onlineNow.add(client.getDeviceId());
            DeviceVpnStatus status = statusRow(client.getDeviceId(), accountId, at);
            boolean wasOnline = status.isOnline();
            boolean same = status.isOnline() && instance.equals(status.getInstanceName())
                    && Long.valueOf(c.cid()).equals(status.getCid());
            String wan = host(c.realAddress());
            Instant since = c.connectedSince() == null ? at : c.connectedSince();
            status.online(instance, c.cid(), same ? status.getSince() : since, wan, c.virtualAddress(),
                    c.bytesReceived(), c.bytesSent(), at);
            if (!same) {
                changed++;
                if (!wasOnline) { // a session the listener missed (online before, it is a reconnect: still online)
                    presence.tunnel(accountId, client.getDeviceId(), true, since, null, null);
                }
                record(AuditEntry.of(AuditAction.VPN_CONNECT, Outcome.SUCCESS).in(accountId)
                        .by("vpn:" + c.commonName(), null).from(wan).on(target(client))
                        .withDetails("{\"instance\":\"" + instance + "\",\"reconciled\":true}"));
            }
        }
        for (DeviceVpnStatus status : em.createQuery("SELECT s FROM DeviceVpnStatus s WHERE s.instanceName = :n"
                + " AND s.online = TRUE", DeviceVpnStatus.class).setParameter("n", instance).getResultList()) {
            if (!onlineNow.contains(status.getDeviceId())) {
                status.offline(at, null, null);
                presence.tunnel(accountId, status.getDeviceId(), false, at, status.getBytesIn(), status.getBytesOut());
                changed++;
                record(AuditEntry.of(AuditAction.VPN_DISCONNECT, Outcome.SUCCESS).in(accountId)
                        .by("vpn:" + VpnClient.deviceCommonName(status.getDeviceId()), null).from(status.getWanAddress())
                        .on("device:" + status.getDeviceId())
                        .withDetails("{\"instance\":\"" + instance + "\",\"reconciled\":true}"));
            }
        }
        return changed;
    }

    private DeviceVpnStatus statusRow(long deviceId, long accountId, Instant at) {
        DeviceVpnStatus status = em.find(DeviceVpnStatus.class, deviceId, LockModeType.PESSIMISTIC_WRITE);
        if (status == null) {
            status = new DeviceVpnStatus(deviceId, accountId, at);
            em.persist(status);
        }
        return status;
    }

    private static String target(VpnClient client) {
        return client.getKind() == VpnClient.Kind.DEVICE ? "device:" + client.getDeviceId() : "user:" + client.getUserId();
    }

    /** {@code 10.0.0.2:1194} or {@code udp4:10.0.0.2:1194} (status 3) → {@code 10.0.0.2}. */
    static String host(String realAddress) {
        if (realAddress == null) {
            return null;
        }
        String a = realAddress.startsWith("udp4:") || realAddress.startsWith("tcp4:") ? realAddress.substring(5) : realAddress;
        int colon = a.lastIndexOf(':');
        return colon > 0 && a.indexOf(':') == colon ? a.substring(0, colon) : a;
    }
}
