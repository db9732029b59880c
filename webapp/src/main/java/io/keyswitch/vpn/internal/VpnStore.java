package io.keyswitch.vpn.internal;

import io.keyswitch.account.Account;
import io.keyswitch.account.AccountStatus;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.vpn.config.Ipv4Network;
import io.keyswitch.vpn.openvpn.ConnectedClient;
import io.keyswitch.vpn.pki.RevokedCertificate;
import io.keyswitch.vpn.DeviceVpnStatus;
import io.keyswitch.vpn.VpnClient;
import io.keyswitch.vpn.VpnCredential;
import io.keyswitch.vpn.VpnInstance;
import io.keyswitch.device.Device;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The VPN's rows: the CA, the account instances, identities and credentials, and the devices' live status.
 * Every method is one transaction; connect and disconnect are audited in the same one as the status they change.
 */
@ApplicationScoped
@Transactional
public class VpnStore {

    /** What a new instance gets: its name, port and tunnel subnet, chosen under the CA row's lock. */
    public record Allocation(long accountId, String name, int port, Ipv4Network tunnel) {
    }

    /** The revoked certificates of one account, and the next CRL's number. */
    public record CrlInput(long number, List<RevokedCertificate> revoked) {
    }

    /** A live session as the listener saw it established. */
    public record Established(String instance, long cid, String commonName, String wanAddress, String tunnelAddress,
                              Instant at) {
    }

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    // --- CA and instances -------------------------------------------------------------------------------------

    /** The stored CA: certificate PEM and encrypted key, if it was made. */
    public Optional<String[]> ca() {
        List<?> rows = em.createNativeQuery("SELECT cert_pem, key_enc FROM vpn_ca WHERE id = 1").getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(new String[] {
                (String) ((Object[]) rows.get(0))[0], (String) ((Object[]) rows.get(0))[1]});
    }

    /** Stores the CA unless another start stored one first; returns whichever is stored. */
    public String[] storeCa(String certPem, String keyEncrypted) {
        em.createNativeQuery("INSERT IGNORE INTO vpn_ca (id, cert_pem, key_enc, created_at) VALUES (1, ?1, ?2, UTC_TIMESTAMP(3))")
                .setParameter(1, certPem).setParameter(2, keyEncrypted).executeUpdate();
        return ca().orElseThrow();
    }

    public List<Long> activeAccounts() {
        return em.createQuery("SELECT a.id FROM Account a WHERE a.status = :s ORDER BY a.id", Long.class)
                .setParameter("s", AccountStatus.ACTIVE).getResultList();
    }

    /** The active accounts' virtual pools by account id, in one query (what the supervision compares each round). */
    public Map<Long, String> activePools() {
        Map<Long, String> pools = new java.util.LinkedHashMap<>();
        em.createQuery("SELECT a.id, a.virtualPool FROM Account a WHERE a.status = :s ORDER BY a.id", Object[].class)
                .setParameter("s", AccountStatus.ACTIVE).getResultList()
                .forEach(row -> pools.put((Long) row[0], (String) row[1]));
        return pools;
    }

    public Optional<VpnInstance> instance(long accountId) {
        return em.createQuery("SELECT i FROM VpnInstance i WHERE i.accountId = :a", VpnInstance.class)
                .setParameter("a", accountId).getResultStream().findFirst();
    }

    public String virtualPool(long accountId) {
        Account account = em.find(Account.class, accountId);
        return account == null ? Account.DEFAULT_VIRTUAL_POOL : account.getVirtualPool();
    }

    /**
     * The account's instance, made now if it has none: the lowest free port from {@code portBase} and the lowest free
     * tunnel subnet of the pool, chosen under the CA row's lock so two starts never pick the same.
     */
    public VpnInstance ensureInstance(long accountId, int portBase, Ipv4Network pool, int prefix,
                                      Function<Allocation, VpnInstance> maker) {
        em.createNativeQuery("SELECT id FROM vpn_ca WHERE id = 1 FOR UPDATE").getResultList();
        Optional<VpnInstance> existing = instance(accountId);
        if (existing.isPresent()) {
            return existing.get();
        }
        Set<Integer> ports = new HashSet<>(em.createQuery("SELECT i.port FROM VpnInstance i", Integer.class).getResultList());
        Set<String> subnets = new HashSet<>(em.createQuery("SELECT i.tunnelSubnet FROM VpnInstance i", String.class)
                .getResultList());
        int port = portBase;
        while (ports.contains(port)) {
            port++;
        }
        Ipv4Network tunnel = null;
        long count = 1L << (prefix - pool.prefixLength());
        long base = toLong(pool.address());
        for (long i = 0; i < count && tunnel == null; i++) {
            Ipv4Network candidate = new Ipv4Network(toText(base + (i << (32 - prefix))), prefix);
            if (!subnets.contains(candidate.toString())) {
                tunnel = candidate;
            }
        }
        if (tunnel == null || port > 65535) {
            throw new IllegalStateException("no free VPN port or tunnel subnet left for another account");
        }
        VpnInstance made = maker.apply(new Allocation(accountId, "acct-" + accountId, port, tunnel));
        em.persist(made);
        return made;
    }

    /** Counts the instance's CRL number up and lists the account's revoked certificates. */
    public CrlInput nextCrl(long accountId) {
        VpnInstance instance = em.createQuery("SELECT i FROM VpnInstance i WHERE i.accountId = :a", VpnInstance.class)
                .setParameter("a", accountId).setLockMode(LockModeType.PESSIMISTIC_WRITE).getSingleResult();
        long number = instance.nextCrlNumber();
        List<RevokedCertificate> revoked = em.createQuery("SELECT c FROM VpnCredential c WHERE c.accountId = :a"
                        + " AND c.revokedAt IS NOT NULL ORDER BY c.id", VpnCredential.class)
                .setParameter("a", accountId).getResultStream()
                .map(c -> new RevokedCertificate(c.serial(), c.getRevokedAt())).toList();
        return new CrlInput(number, revoked);
    }

    // --- identities and credentials ----------------------------------------------------------------------------

    public Optional<VpnClient> clientByCommonName(String commonName) {
        return em.createQuery("SELECT c FROM VpnClient c WHERE c.commonName = :cn", VpnClient.class)
                .setParameter("cn", commonName).getResultStream().findFirst();
    }

    /**
     * The identity of a device or user, made with the next free tunnel host of the account when it has none yet;
     * under the instance row's lock, so two at once never get the same address.
     */
    public VpnClient ensureClient(long accountId, VpnClient.Kind kind, Long deviceId, Long userId, int maxHost) {
        String cn = kind == VpnClient.Kind.DEVICE ? VpnClient.deviceCommonName(deviceId) : VpnClient.technicianCommonName(userId);
        Optional<VpnClient> existing = clientByCommonName(cn);
        if (existing.isPresent()) {
            return existing.get();
        }
        em.createQuery("SELECT i FROM VpnInstance i WHERE i.accountId = :a", VpnInstance.class).setParameter("a", accountId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getSingleResult();
        Integer highest = em.createQuery("SELECT MAX(c.tunnelHost) FROM VpnClient c WHERE c.accountId = :a", Integer.class)
                .setParameter("a", accountId).getSingleResult();
        int host = highest == null ? 2 : highest + 1;
        if (host > maxHost) {
            throw new IllegalStateException("the account's tunnel subnet is full");
        }
        VpnClient client = new VpnClient(accountId, kind, deviceId, userId, cn, host, clock.instant());
        em.persist(client);
        em.flush();
        return client;
    }

    /**
     * The technicians (account id, user id) whose profile is still valid although they no longer hold the right
     * device:connect (or were deleted): one query.
     */
    public List<long[]> techniciansWithoutRight() {
        List<long[]> out = new java.util.ArrayList<>();
        for (Object row : em.createNativeQuery("""
                SELECT DISTINCT c.account_id, c.user_id FROM vpn_client c
                  JOIN vpn_credential cr ON cr.client_id = c.id AND cr.revoked_at IS NULL
                 WHERE c.kind = 'TECHNICIAN' AND c.user_id IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM group_membership m JOIN group_right r ON r.group_id = m.group_id
                                    WHERE m.user_id = c.user_id AND r.permission = 'device:connect')""").getResultList()) {
            Object[] r = (Object[]) row;
            out.add(new long[] {((Number) r[0]).longValue(), ((Number) r[1]).longValue()});
        }
        return out;
    }

    /** Revokes every credential of the client that is not revoked yet; returns how many. */
    public int revokeAll(long clientId, String reason) {
        List<VpnCredential> active = activeCredentials(clientId);
        Instant now = clock.instant();
        active.forEach(c -> c.revoke(now, reason));
        return active.size();
    }

    public List<VpnCredential> activeCredentials(long clientId) {
        return em.createQuery("SELECT c FROM VpnCredential c WHERE c.clientId = :c AND c.revokedAt IS NULL",
                VpnCredential.class).setParameter("c", clientId).getResultList();
    }

    public VpnCredential addCredential(VpnClient client, BigInteger serial, String secretHash) {
        VpnCredential credential = new VpnCredential(client.getId(), client.getAccountId(), serial, secretHash, clock.instant());
        em.persist(credential);
        return credential;
    }

    public Optional<VpnCredential> credential(long clientId, BigInteger serial) {
        return em.createQuery("SELECT c FROM VpnCredential c WHERE c.clientId = :c AND c.serialHex = :s", VpnCredential.class)
                .setParameter("c", clientId).setParameter("s", serial.toString(16)).getResultStream().findFirst();
    }

    public Optional<Device> device(long deviceId) {
        return Optional.ofNullable(em.find(Device.class, deviceId));
    }

    public Optional<String> username(long userId) {
        return Optional.ofNullable(em.find(io.keyswitch.user.User.class, userId)).map(io.keyswitch.user.User::getUsername);
    }

    public Optional<Account> account(long accountId) {
        return Optional.ofNullable(em.find(Account.class, accountId));
    }

    public void record(AuditEntry entry) {
        audit.record(entry);
    }

    // --- live status ----------------------------------------------------------------------------------------------

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

    public Map<Long, DeviceVpnStatus> statusOf(long accountId, List<Long> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, DeviceVpnStatus> out = new java.util.HashMap<>();
        em.createQuery("SELECT s FROM DeviceVpnStatus s WHERE s.accountId = :a AND s.deviceId IN :ids", DeviceVpnStatus.class)
                .setParameter("a", accountId).setParameter("ids", deviceIds).getResultList()
                .forEach(s -> out.put(s.getDeviceId(), s));
        return out;
    }

    /** A device's session is established: online since now, audited as {@code vpn.connect}. */
    public void established(long accountId, Established e) {
        VpnClient client = clientByCommonName(e.commonName()).orElse(null);
        if (client == null || client.getAccountId() != accountId) {
            return;
        }
        if (client.getKind() == VpnClient.Kind.DEVICE && client.getDeviceId() != null && em.find(Device.class, client.getDeviceId()) != null) {
            DeviceVpnStatus status = statusRow(client.getDeviceId(), accountId, e.at());
            status.online(e.instance(), e.cid(), e.at(), e.wanAddress(), e.tunnelAddress(), 0, 0, e.at());
        }
        audit.record(new AuditEntry(accountId, "vpn:" + e.commonName(), client.getUserId(), e.wanAddress(), "vpn.connect",
                target(client), Outcome.SUCCESS, "{\"instance\":\"" + e.instance() + "\",\"tunnelAddress\":\""
                + e.tunnelAddress() + "\"}", null));
    }

    /** A session ended: the device is offline since now with its final byte counts, audited as {@code vpn.disconnect}. */
    public void disconnected(long accountId, String instance, long cid, String commonName, String wanAddress,
                             Long bytesIn, Long bytesOut, Instant at) {
        VpnClient client = clientByCommonName(commonName).orElse(null);
        if (client == null || client.getAccountId() != accountId) {
            return;
        }
        if (client.getKind() == VpnClient.Kind.DEVICE && client.getDeviceId() != null) {
            DeviceVpnStatus status = em.find(DeviceVpnStatus.class, client.getDeviceId());
            if (status != null && status.isOnline() && instance.equals(status.getInstanceName())
                    && Long.valueOf(cid).equals(status.getCid())) {
                status.offline(at, bytesIn, bytesOut);
            }
        }
        audit.record(new AuditEntry(accountId, "vpn:" + commonName, client.getUserId(), wanAddress, "vpn.disconnect",
                target(client), Outcome.SUCCESS, "{\"instance\":\"" + instance + "\",\"bytesIn\":" + bytesIn
                + ",\"bytesOut\":" + bytesOut + "}", null));
    }

    /** Byte counts of many sessions in one transaction: {@code instance -> cid -> [in, out]}. */
    public void byteCounts(Map<String, Map<Long, long[]>> counts, Instant at) {
        counts.forEach((instance, byCid) -> byCid.forEach((cid, c) -> em.createQuery(
                        "UPDATE DeviceVpnStatus s SET s.bytesIn = :i, s.bytesOut = :o, s.lastSeen = :t"
                                + " WHERE s.instanceName = :n AND s.cid = :c AND s.online = TRUE")
                .setParameter("i", c[0]).setParameter("o", c[1]).setParameter("t", at)
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
            VpnClient client = clientByCommonName(c.commonName()).orElse(null);
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
                audit.record(new AuditEntry(accountId, "vpn:" + c.commonName(), null, wan, "vpn.connect",
                        target(client), Outcome.SUCCESS, "{\"instance\":\"" + instance + "\",\"reconciled\":true}", null));
            }
        }
        for (DeviceVpnStatus status : em.createQuery("SELECT s FROM DeviceVpnStatus s WHERE s.instanceName = :n"
                + " AND s.online = TRUE", DeviceVpnStatus.class).setParameter("n", instance).getResultList()) {
            if (!onlineNow.contains(status.getDeviceId())) {
                status.offline(at, null, null);
                changed++;
                audit.record(new AuditEntry(accountId, "vpn:" + VpnClient.deviceCommonName(status.getDeviceId()), null,
                        status.getWanAddress(), "vpn.disconnect", "device:" + status.getDeviceId(), Outcome.SUCCESS,
                        "{\"instance\":\"" + instance + "\",\"reconciled\":true}", null));
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

    private static long toLong(String address) {
        long value = 0;
        for (String part : address.split("\\.")) {
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }

    private static String toText(long value) {
        return (value >>> 24 & 0xff) + "." + (value >>> 16 & 0xff) + "." + (value >>> 8 & 0xff) + "." + (value & 0xff);
    }
}
