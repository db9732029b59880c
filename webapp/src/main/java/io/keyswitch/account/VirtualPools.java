package io.keyswitch.account;

import io.keyswitch.platform.Ipv4Subnet;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.platform.ValidationFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gives every account a virtual pool of its own ({@link PoolAllocator}'s rules against the accounts in the database),
 * read from {@code keyswitch.accounts.virtual-space} (default {@code 100.64.0.0/10}),
 * {@code keyswitch.accounts.pool-prefix} (default 16) and {@code keyswitch.vpn.tunnel-pool} (default
 * {@code 10.128.0.0/9}). Callers hold the lock that makes their choice safe (see {@link #lock()}).
 */
@ApplicationScoped
public class VirtualPools {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    /** The allocator with the appliance's settings; a setting that cannot be read is named in the exception. */
    public PoolAllocator allocator() {
        SettingsReader settings = SettingsReader.portal();
        Ipv4Subnet space;
        Ipv4Subnet tunnel;
        int prefix;
        try {
            space = settings.value("keyswitch.accounts.virtual-space", "100.64.0.0/10", VirtualPools::subnet);
            tunnel = settings.value("keyswitch.vpn.tunnel-pool", "10.128.0.0/9", VirtualPools::subnet);
            prefix = settings.integer("keyswitch.accounts.pool-prefix", 16, 0, 32);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        try {
            return new PoolAllocator(space, prefix, tunnel);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("keyswitch.accounts.pool-prefix: " + e.getMessage(), e);
        }
    }

    /**
     * Serializes pool choices: a lock on the oldest account's row (every account creation and pool change takes it
     * first), so two administrators cannot be given the same pool at once.
     */
    public void lock() {
        em.createNativeQuery("SELECT id FROM account ORDER BY id LIMIT 1 FOR UPDATE").getResultList();
    }

    /** The first free pool of the default size. */
    public Ipv4Subnet suggest() {
        return suggest(null);
    }

    /** The first free pool of the default size, ignoring {@code exceptAccountId}'s own pool. */
    public Ipv4Subnet suggest(Long exceptAccountId) {
        PoolAllocator allocator = allocator();
        return allocator.suggest(others(exceptAccountId).values()).orElseThrow(() -> ValidationFailed.of("virtualPool",
                "No free /" + allocator.prefix() + " is left in " + allocator.space() + ": type a pool of your own."));
    }

    /**
     * The pool typed for an account, checked: a subnet, from /8 to /24, overlapping no other account's pool and not
     * the VPN's tunnel addresses. Blank means the suggestion.
     */
    public Ipv4Subnet choose(String typed, Long accountId) {
        if (typed == null || typed.isBlank()) {
            return suggest(accountId);
        }
        Ipv4Subnet.Parsed parsed = Ipv4Subnet.parse(typed);
        if (!parsed.ok()) {
            throw ValidationFailed.of("virtualPool", parsed.error());
        }
        allocator().problem(parsed.subnet(), others(accountId)).ifPresent(message -> {
            throw ValidationFailed.of("virtualPool", message);
        });
        return parsed.subnet();
    }

    /** The pools of every account but {@code exceptAccountId}, by account name. */
    public Map<String, Ipv4Subnet> others(Long exceptAccountId) {
        List<Object[]> rows = em.createQuery("SELECT a.name, a.virtualPool, a.id FROM Account a ORDER BY a.id", Object[].class)
                .getResultList();
        Map<String, Ipv4Subnet> pools = new LinkedHashMap<>();
        for (Object[] row : rows) {
            Ipv4Subnet.Parsed p = Ipv4Subnet.parse((String) row[1]);
            if (p.ok() && !((Long) row[2]).equals(exceptAccountId)) {
                pools.put((String) row[0], p.subnet());
            }
        }
        return pools;
    }

    /**
     * For every account whose pool overlaps another's, the names of those others (by account id; an account with a
     * pool of its own is not in the map) — one query for all accounts.
     */
    public Map<Long, List<String>> overlaps() {
        List<Object[]> rows = em.createQuery("SELECT a.id, a.name, a.virtualPool FROM Account a ORDER BY a.id", Object[].class)
                .getResultList();
        Map<Long, List<String>> overlaps = new java.util.HashMap<>();
        for (Object[] a : rows) {
            Ipv4Subnet.Parsed own = Ipv4Subnet.parse((String) a[2]);
            for (Object[] b : rows) {
                Ipv4Subnet.Parsed other = Ipv4Subnet.parse((String) b[2]);
                if (own.ok() && other.ok() && !a[0].equals(b[0]) && own.subnet().overlaps(other.subnet())) {
                    overlaps.computeIfAbsent((Long) a[0], id -> new java.util.ArrayList<>()).add((String) b[1]);
                }
            }
        }
        return overlaps;
    }

    /**
     * Gives every account without devices whose pool overlaps another's a pool of its own (accounts made before pools
     * were chosen per account all had {@code 100.64.0.0/10}); audited as the system's change. Accounts with devices
     * keep theirs (their devices' addresses are in use): the accounts page shows the overlap until a system
     * administrator narrows one. Answers how many accounts got a new pool.
     */
    @jakarta.transaction.Transactional
    public int separateOverlapping(io.keyswitch.audit.AuditTrail audit) {
        lock();
        List<Account> accounts = em.createQuery("SELECT a FROM Account a ORDER BY a.id", Account.class).getResultList();
        java.util.Set<Long> withDevices = new java.util.HashSet<>(em.createQuery(
                "SELECT DISTINCT d.accountId FROM Device d", Long.class).getResultList());
        Map<Long, List<String>> overlaps = overlaps();
        List<Account> toMove = accounts.stream().filter(a -> !withDevices.contains(a.getId()) && overlaps.containsKey(a.getId()))
                .toList();
        List<Ipv4Subnet> taken = new java.util.ArrayList<>();
        for (Account a : accounts) {
            Ipv4Subnet.Parsed p = Ipv4Subnet.parse(a.getVirtualPool());
            if (p.ok() && !toMove.contains(a)) {
                taken.add(p.subnet());
            }
        }
        PoolAllocator allocator = allocator();
        int moved = 0;
        for (Account a : toMove) {
            Optional<Ipv4Subnet> pool = allocator.suggest(taken);
            if (pool.isEmpty()) {
                java.util.logging.Logger.getLogger(VirtualPools.class.getName()).warning(() -> "Account " + a.getName()
                        + ": its virtual pool " + a.getVirtualPool() + " overlaps another account's and no free /"
                        + allocator.prefix() + " is left in " + allocator.space());
                continue;
            }
            taken.add(pool.get());
            String json = io.keyswitch.audit.Changes.of().field("virtualPool", a.getVirtualPool(), pool.get().toString()).toJson();
            a.setVirtualPool(pool.get().toString());
            audit.record(io.keyswitch.audit.AuditEntry.of(io.keyswitch.audit.AuditAction.ACCOUNT_VIRTUAL_POOL,
                    io.keyswitch.audit.Outcome.SUCCESS).in(a.getId()).bySystem().on("account:" + a.getName()).withDetails(json)
                    .because("its virtual pool overlapped another account's (one pool per account)"));
            moved++;
        }
        return moved;
    }

    private static Ipv4Subnet subnet(String text) {
        Ipv4Subnet.Parsed parsed = Ipv4Subnet.parse(text);
        if (!parsed.ok()) {
            throw new IllegalArgumentException(parsed.error());
        }
        return parsed.subnet();
    }
}
