package io.keyswitch.vpn.internal;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * Runs many of the listener's writes (status changes with their audit events) in one transaction: one commit for
     * a burst of connects or disconnects instead of one each. The persistence context is emptied after each write so
     * that a long batch does not make every later flush look through all the earlier rows.
     */
    public void inOneTransaction(List<Runnable> writes) {
        for (Runnable write : writes) {
            write.run();
            em.flush();
            em.clear();
        }
    }

    /** An audit event on its own (the refused logins' events, written on the VPN's writer thread). */
    public void record(AuditEntry entry) {
        audit.record(entry);
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

    /** A device's session is established: online since now, audited as {@code vpn.connect}. */
    public void established(long accountId, Established e) {
        VpnClient client = clients.clientByCommonName(e.commonName()).orElse(null);
        if (client == null || client.getAccountId() != accountId) {
            return;
        }
        if (client.getKind() == VpnClient.Kind.DEVICE && client.getDeviceId() != null && em.find(Device.class, client.getDeviceId()) != null) {
            DeviceVpnStatus status = statusRow(client.getDeviceId(), accountId, e.at());
            status.online(e.instance(), e.cid(), e.at(), e.wanAddress(), e.tunnelAddress(), 0, 0, e.at());
        }
        audit.record(AuditEntry.of(AuditAction.VPN_CONNECT, Outcome.SUCCESS).in(accountId)
                .by("vpn:" + e.commonName(), client.getUserId()).from(e.wanAddress()).on(target(client))
                .withDetails("{\"instance\":\"" + e.instance() + "\",\"tunnelAddress\":\"" + e.tunnelAddress() + "\"}"));
    }

    /** A session ended: the device is offline since now with its final byte counts, audited as {@code vpn.disconnect}. */
    public void disconnected(long accountId, Disconnected d) {
        VpnClient client = clients.clientByCommonName(d.commonName()).orElse(null);
        if (client == null || client.getAccountId() != accountId) {
            return;
        }
        if (client.getKind() == VpnClient.Kind.DEVICE && client.getDeviceId() != null) {
            DeviceVpnStatus status = em.find(DeviceVpnStatus.class, client.getDeviceId());
            if (status != null && status.isOnline() && d.instance().equals(status.getInstanceName())
                    && Long.valueOf(d.cid()).equals(status.getCid())) {
                status.offline(d.at(), d.bytesIn(), d.bytesOut());
            }
        }
        audit.record(AuditEntry.of(AuditAction.VPN_DISCONNECT, Outcome.SUCCESS).in(accountId)
                .by("vpn:" + d.commonName(), client.getUserId()).from(d.wanAddress()).on(target(client))
                .withDetails("{\"instance\":\"" + d.instance() + "\",\"bytesIn\":" + d.bytesIn()
                        + ",\"bytesOut\":" + d.bytesOut() + "}"));
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
            boolean same = status.isOnline() && instance.equals(status.getInstanceName())
                    && Long.valueOf(c.cid()).equals(status.getCid());
            String wan = host(c.realAddress());
            Instant since = c.connectedSince() == null ? at : c.connectedSince();
            status.online(instance, c.cid(), same ? status.getSince() : since, wan, c.virtualAddress(),
                    c.bytesReceived(), c.bytesSent(), at);
            if (!same) {
                changed++;
                audit.record(AuditEntry.of(AuditAction.VPN_CONNECT, Outcome.SUCCESS).in(accountId)
                        .by("vpn:" + c.commonName(), null).from(wan).on(target(client))
                        .withDetails("{\"instance\":\"" + instance + "\",\"reconciled\":true}"));
            }
        }
        for (DeviceVpnStatus status : em.createQuery("SELECT s FROM DeviceVpnStatus s WHERE s.instanceName = :n"
                + " AND s.online = TRUE", DeviceVpnStatus.class).setParameter("n", instance).getResultList()) {
            if (!onlineNow.contains(status.getDeviceId())) {
                status.offline(at, null, null);
                changed++;
                audit.record(AuditEntry.of(AuditAction.VPN_DISCONNECT, Outcome.SUCCESS).in(accountId)
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
