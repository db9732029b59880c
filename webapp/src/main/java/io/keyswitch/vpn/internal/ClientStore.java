package io.keyswitch.vpn.internal;

import io.keyswitch.account.Account;
import io.keyswitch.account.AccountStatus;
import io.keyswitch.device.DeviceStatus;
import io.keyswitch.device.TunnelMode;
import io.keyswitch.device.Device;
import io.keyswitch.user.User;
import io.keyswitch.vpn.VpnClient;
import io.keyswitch.vpn.VpnCredential;
import io.keyswitch.vpn.VpnInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The VPN's identities ({@code vpn_client}: a device or a technician, with its stable tunnel host) and their
 * credentials ({@code vpn_credential}: certificate serial and secret hash, revoked or not), and the portal rows behind
 * an identity (device, user, account). Every method is one transaction.
 */
@ApplicationScoped
@Transactional
public class ClientStore {

    /** A technician whose profile is still valid although the user no longer holds device:connect (or was deleted). */
    public record TechnicianWithoutRight(long accountId, long userId) {
    }

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * The usable device identities in {@code scope} ({@link UsableDevices}): an enabled device of an enabled account,
     * with each unrevoked credential's serial and secret hash; one query.
     */
    public List<UsableDevices.Entry> usableDevices(UsableDevices.Scope scope) {
        String where = scope instanceof UsableDevices.Scope.OfAccount ? " AND c.accountId = :account"
                : scope instanceof UsableDevices.Scope.Named ? " AND c.commonName = :cn" : "";
        var query = em.createQuery("SELECT c.commonName, c.accountId, c.deviceId, c.tunnelHost, d.virtualSubnet,"
                        + " d.tunnelMode, cr.serialHex, cr.secretHash FROM VpnClient c, VpnCredential cr, Device d, Account a"
                        + " WHERE c.kind = :kind AND cr.clientId = c.id AND cr.revokedAt IS NULL AND cr.secretHash IS NOT NULL"
                        + " AND d.id = c.deviceId AND d.status = :deviceActive AND a.id = c.accountId"
                        + " AND a.status = :accountActive" + where, Object[].class)
                .setParameter("kind", VpnClient.Kind.DEVICE).setParameter("deviceActive", DeviceStatus.ACTIVE)
                .setParameter("accountActive", AccountStatus.ACTIVE);
        if (scope instanceof UsableDevices.Scope.OfAccount a) {
            query.setParameter("account", a.accountId());
        } else if (scope instanceof UsableDevices.Scope.Named n) {
            query.setParameter("cn", n.commonName());
        }
        Map<String, Object[]> first = new LinkedHashMap<>();
        Map<String, Map<String, String>> hashes = new HashMap<>();
        for (Object[] r : query.getResultList()) {
            String cn = (String) r[0];
            first.putIfAbsent(cn, r);
            hashes.computeIfAbsent(cn, k -> new HashMap<>()).put((String) r[6], (String) r[7]);
        }
        List<UsableDevices.Entry> out = new ArrayList<>(first.size());
        first.forEach((cn, r) -> out.add(new UsableDevices.Entry(cn, (Long) r[1], (Long) r[2], (Integer) r[3],
                (String) r[4], (TunnelMode) r[5], hashes.get(cn))));
        return out;
    }

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
     * The technicians whose profile is still valid although they no longer hold the right device:connect (or were
     * deleted): one query.
     */
    public List<TechnicianWithoutRight> techniciansWithoutRight() {
        List<TechnicianWithoutRight> out = new ArrayList<>();
        for (Object row : em.createNativeQuery("""
                SELECT DISTINCT c.account_id, c.user_id FROM vpn_client c
                  JOIN vpn_credential cr ON cr.client_id = c.id AND cr.revoked_at IS NULL
                 WHERE c.kind = 'TECHNICIAN' AND c.user_id IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM group_membership m JOIN group_right r ON r.group_id = m.group_id
                                    WHERE m.user_id = c.user_id AND r.permission = 'device:connect')""").getResultList()) {
            Object[] r = (Object[]) row;
            out.add(new TechnicianWithoutRight(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
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
        return Optional.ofNullable(em.find(User.class, userId)).map(User::getUsername);
    }

    public Optional<Account> account(long accountId) {
        return Optional.ofNullable(em.find(Account.class, accountId));
    }
}
