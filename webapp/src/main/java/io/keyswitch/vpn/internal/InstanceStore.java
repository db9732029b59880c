package io.keyswitch.vpn.internal;

import io.keyswitch.account.AccountStatus;
import io.keyswitch.vpn.VpnCredential;
import io.keyswitch.vpn.VpnInstance;
import io.keyswitch.vpn.config.Ipv4Network;
import io.keyswitch.vpn.pki.RevokedCertificate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The account instances' rows ({@code vpn_instance}): made once per account (port and tunnel subnet chosen under the CA
 * row's lock), their CRL numbers, and which accounts want one. Every method is one transaction.
 */
@ApplicationScoped
@Transactional
public class InstanceStore {

    /** What a new instance gets: its name, port and tunnel subnet, chosen under the CA row's lock. */
    public record Allocation(long accountId, String name, int port, Ipv4Network tunnel) {
    }

    /** The revoked certificates of one account, and the next CRL's number. */
    public record CrlInput(long number, List<RevokedCertificate> revoked) {
    }

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @jakarta.inject.Inject
    io.keyswitch.account.VirtualPools pools;

    public List<Long> activeAccounts() {
        return em.createQuery("SELECT a.id FROM Account a WHERE a.status = :s ORDER BY a.id", Long.class)
                .setParameter("s", AccountStatus.ACTIVE).getResultList();
    }

    /**
     * The networks each active account's instance routes (its pool's blocks, neighbours joined) by account id, in two
     * queries (what the supervision compares each round).
     */
    public Map<Long, List<Ipv4Network>> activePools() {
        Map<Long, List<io.keyswitch.platform.Ipv4Subnet>> blocks = pools.blocksByAccount();
        Map<Long, List<Ipv4Network>> wanted = new LinkedHashMap<>();
        for (Long id : activeAccounts()) {
            List<io.keyswitch.platform.Ipv4Subnet> own = blocks.getOrDefault(id, List.of());
            if (!own.isEmpty()) {
                wanted.put(id, networks(io.keyswitch.platform.Ipv4Subnet.aggregate(own)));
            }
        }
        return wanted;
    }

    public Optional<VpnInstance> instance(long accountId) {
        return em.createQuery("SELECT i FROM VpnInstance i WHERE i.accountId = :a", VpnInstance.class)
                .setParameter("a", accountId).getResultStream().findFirst();
    }

    /** The networks the account's instance routes: its pool's blocks, neighbours joined. */
    public List<Ipv4Network> virtualPool(long accountId) {
        return networks(pools.routes(accountId));
    }

    private static List<Ipv4Network> networks(List<io.keyswitch.platform.Ipv4Subnet> subnets) {
        return subnets.stream().map(s -> Ipv4Network.parse(s.toString())).toList();
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
        for (long i = 0; i < pool.subnetCount(prefix) && tunnel == null; i++) {
            Ipv4Network candidate = pool.subnet(prefix, i);
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
}
