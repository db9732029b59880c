package io.keyswitch.account;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.audit.Outcome;
import io.keyswitch.platform.Ipv4Subnet;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.platform.ValidationFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Accounts' virtual pools: each account has one or more blocks ({@link PoolBlock}) of the appliance's virtual space,
 * never overlapping another account's ({@link PoolAllocator}'s rules against the blocks in the database). Read from
 * {@code keyswitch.accounts.virtual-space} (default {@code 100.64.0.0/10, 10.0.0.0/9}),
 * {@code keyswitch.accounts.pool-prefix} (default 16) and {@code keyswitch.vpn.tunnel-pool} (default
 * {@code 10.128.0.0/9}). A pool grows by itself ({@link #grow}); every choice is made under {@link #lock()}.
 */
@ApplicationScoped
public class VirtualPools {

    /** The default virtual space: the shared address space (RFC 6598), then the half of 10/8 the tunnel pool leaves. */
    public static final String DEFAULT_SPACE = "100.64.0.0/10, 10.0.0.0/9";

    /** The reason a grown block is audited with. */
    public static final String POOL_FULL = "pool full";

    private static final Logger LOG = Logger.getLogger(VirtualPools.class.getName());

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    Event<AccountChanged> changed;

    /** The allocator with the appliance's settings; a setting that cannot be used is named in the exception. */
    public PoolAllocator allocator() {
        return allocator(SettingsReader.portal());
    }

    /** The allocator {@code settings} (full keys) describe; an {@link IllegalStateException} names the setting that cannot be used. */
    public static PoolAllocator allocator(SettingsReader settings) {
        try {
            List<Ipv4Subnet> space = settings.value(PoolAllocator.SPACE_KEY, DEFAULT_SPACE, VirtualPools::subnets);
            Ipv4Subnet tunnel = settings.value("keyswitch.vpn.tunnel-pool", "10.128.0.0/9", VirtualPools::subnet);
            int prefix = settings.integer("keyswitch.accounts.pool-prefix", 16, 0, 32);
            return new PoolAllocator(space, prefix, tunnel);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Serializes pool choices: a lock on the pool lock's row (every account creation, pool change and growth takes it,
     * after the account's own row where it locks that), so two accounts are never given the same block. What the
     * caller reads of the blocks after it is read as committed now ({@link #rows(boolean)}), not from the
     * transaction's older snapshot.
     */
    public void lock() {
        em.createNativeQuery("SELECT id FROM account_pool_lock WHERE id = 1 FOR UPDATE").getResultList();
    }

    /** The first free block of the default size. */
    public Ipv4Subnet suggest() {
        return suggest(null);
    }

    /**
     * The first free block of the default size, ignoring {@code exceptAccountId}'s own blocks; in a transaction (under
     * {@link #lock()}) from the blocks as committed now.
     */
    public Ipv4Subnet suggest(Long exceptAccountId) {
        PoolAllocator allocator = allocator();
        List<Ipv4Subnet> taken = new ArrayList<>();
        blocksByAccount(em.isJoinedToTransaction()).forEach((id, blocks) -> {
            if (!id.equals(exceptAccountId)) {
                taken.addAll(blocks);
            }
        });
        return allocator.suggest(taken).orElseThrow(() -> ValidationFailed.of("virtualPool", "No free /"
                + allocator.prefix() + " is left in " + PoolAllocator.describe(allocator.space()) + ": type a pool of your own."));
    }

    /**
     * The pool typed for an account (one block or several separated by commas), checked: subnets from /8 to /24,
     * overlapping each other, no other account's blocks and not the VPN's tunnel addresses. Blank means the suggestion.
     */
    public List<Ipv4Subnet> choose(String typed, Long accountId) {
        if (typed == null || typed.isBlank()) {
            return List.of(suggest(accountId));
        }
        List<Ipv4Subnet> blocks = new ArrayList<>();
        for (String part : typed.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Ipv4Subnet.Parsed parsed = Ipv4Subnet.parse(part);
            if (!parsed.ok()) {
                throw ValidationFailed.of("virtualPool", parsed.error());
            }
            blocks.add(parsed.subnet());
        }
        allocator().problem(blocks, others(accountId)).ifPresent(message -> {
            throw ValidationFailed.of("virtualPool", message);
        });
        return PoolAllocator.sorted(blocks);
    }

    /** The account's blocks, by address. */
    public List<Ipv4Subnet> blocks(long accountId) {
        return blockRows(accountId).stream().map(PoolBlock::subnet).toList();
    }

    /** The account's blocks as rows (when each came, whether the portal added it because the pool was full). */
    public List<PoolBlock> blockRows(long accountId) {
        return em.createQuery("SELECT b FROM PoolBlock b WHERE b.accountId = :a ORDER BY b.firstAddress", PoolBlock.class)
                .setParameter("a", accountId).getResultList();
    }

    /** What the account's OpenVPN server routes: its blocks, neighbours joined ({@link Ipv4Subnet#aggregate}). */
    public List<Ipv4Subnet> routes(long accountId) {
        return Ipv4Subnet.aggregate(blocks(accountId));
    }

    /** Every account's blocks by account id, in one query. */
    public Map<Long, List<Ipv4Subnet>> blocksByAccount() {
        return blocksByAccount(false);
    }

    /** {@link #blocksByAccount()}; {@code latest}: for a choice under {@link #lock()} ({@link #rows(boolean)}). */
    private Map<Long, List<Ipv4Subnet>> blocksByAccount(boolean latest) {
        Map<Long, List<Ipv4Subnet>> byAccount = new LinkedHashMap<>();
        rows(latest).forEach((id, rows) -> byAccount.put(id, rows.stream().map(PoolBlock::subnet).toList()));
        return byAccount;
    }

    /** Every account's blocks as rows by account id, in one query (the accounts page and API show them). */
    public Map<Long, List<PoolBlock>> rowsByAccount() {
        return rows(false);
    }

    /**
     * Every account's blocks as rows by account id; {@code latest}: with a locking read, which sees what was committed
     * before the pool lock was taken (a plain read in MariaDB's repeatable read sees the transaction's first snapshot,
     * which may be older). Every writer of blocks holds the pool lock, so under it this read waits for nobody.
     */
    private Map<Long, List<PoolBlock>> rows(boolean latest) {
        Map<Long, List<PoolBlock>> byAccount = new LinkedHashMap<>();
        jakarta.persistence.TypedQuery<PoolBlock> query = em.createQuery(
                "SELECT b FROM PoolBlock b ORDER BY b.accountId, b.firstAddress", PoolBlock.class);
        if (latest) {
            query.setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_READ);
        }
        query.getResultStream().forEach(b -> byAccount.computeIfAbsent(b.getAccountId(), id -> new ArrayList<>()).add(b));
        return byAccount;
    }

    /** The blocks of every account but {@code exceptAccountId}, by account name. */
    public Map<String, List<Ipv4Subnet>> others(Long exceptAccountId) {
        Map<Long, String> names = new HashMap<>();
        em.createQuery("SELECT a.id, a.name FROM Account a", Object[].class).getResultList()
                .forEach(r -> names.put((Long) r[0], (String) r[1]));
        Map<String, List<Ipv4Subnet>> pools = new LinkedHashMap<>();
        blocksByAccount(em.isJoinedToTransaction()).forEach((id, blocks) -> {
            if (!id.equals(exceptAccountId)) {
                pools.put(names.get(id), blocks);
            }
        });
        return pools;
    }

    /**
     * For every account whose blocks overlap another's, the names of those others (by account id; an account with a
     * pool of its own is not in the map) — two queries for all accounts.
     */
    public Map<Long, List<String>> overlaps() {
        Map<Long, String> names = new HashMap<>();
        em.createQuery("SELECT a.id, a.name FROM Account a", Object[].class).getResultList()
                .forEach(r -> names.put((Long) r[0], (String) r[1]));
        Map<Long, List<Ipv4Subnet>> blocks = blocksByAccount();
        Map<Long, List<String>> overlaps = new HashMap<>();
        blocks.forEach((a, own) -> blocks.forEach((b, other) -> {
            if (!a.equals(b) && own.stream().anyMatch(x -> other.stream().anyMatch(x::overlaps))) {
                overlaps.computeIfAbsent(a, id -> new ArrayList<>()).add(names.get(b));
            }
        }));
        return overlaps;
    }

    /**
     * The account's blocks become {@code blocks} (checked by the caller under {@link #lock()}): the ones it keeps keep
     * their rows, the others go, the new ones come.
     */
    public void replace(long accountId, List<Ipv4Subnet> blocks) {
        List<PoolBlock> rows = blockRows(accountId);
        Set<Ipv4Subnet> wanted = new HashSet<>(blocks);
        Set<Ipv4Subnet> kept = new HashSet<>();
        for (PoolBlock row : rows) {
            if (wanted.contains(row.subnet())) {
                kept.add(row.subnet());
            } else {
                em.remove(row);
            }
        }
        em.flush(); // a block removed before one in its place is added (one account, one first address)
        java.time.Instant now = clock.instant();
        blocks.stream().filter(b -> !kept.contains(b)).forEach(b -> em.persist(new PoolBlock(accountId, b, false, now)));
    }

    /**
     * Another block for the account, because a new device's virtual subnet of {@code lanPrefix} fits in none of its
     * blocks: under {@link #lock()}, the first free block of the space (of the configured size, or as wide as the
     * device's LAN if that is wider), stored as grown, audited as the system's change with the reason
     * {@value #POOL_FULL} in the account's trail, and the VPN told to route it (after the commit).
     * Empty when the space has no such block left. In the caller's transaction (which holds the account's row: a
     * transaction of its own would wait for that row to insert the block): the block comes and goes with the device or
     * import that needed it; the pool lock is held until the caller commits (an import of 20,000 devices: seconds).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Ipv4Subnet> grow(long accountId, int lanPrefix) {
        lock();
        Optional<Ipv4Subnet> block = planGrowth(lanPrefix, List.of(), true);
        block.ifPresent(b -> {
            Account account = em.find(Account.class, accountId);
            int before = blocks(accountId).size();
            em.persist(new PoolBlock(accountId, b, true, clock.instant()));
            // the new block and the count, not the whole pool: an account of 20,000 devices has 79 blocks
            String json = Changes.of().field("block", null, b.toString()).field("blocks", before, before + 1).toJson();
            // in the account's trail (its chain is the one the device's change writes to anyway); the accounts page shows
            // the grown blocks to system administrators
            audit.record(AuditEntry.of(AuditAction.ACCOUNT_POOL_GROWN, Outcome.SUCCESS).bySystem()
                    .on("account:" + account.getName()).withDetails(json).because(POOL_FULL).in(accountId));
            changed.fire(new AccountChanged(accountId, AccountChanged.VIRTUAL_POOL));
            LOG.info(() -> "Account " + account.getName() + ": virtual pool full, added " + b);
        });
        return block;
    }

    /**
     * The block {@link #grow} would give now, with {@code planned} taken as well; stores nothing (an import's check
     * says so whether 20,000 devices fit before anything is stored).
     */
    public Optional<Ipv4Subnet> planGrowth(int lanPrefix, Collection<Ipv4Subnet> planned) {
        return planGrowth(lanPrefix, planned, false);
    }

    private Optional<Ipv4Subnet> planGrowth(int lanPrefix, Collection<Ipv4Subnet> planned, boolean latest) {
        PoolAllocator allocator = allocator();
        List<Ipv4Subnet> taken = new ArrayList<>(planned);
        rows(latest).values().forEach(rows -> rows.forEach(b -> taken.add(b.subnet())));
        return allocator.suggest(taken, Math.min(allocator.prefix(), lanPrefix));
    }

    /** "100.64.0.0/10, 10.0.0.0/9 (49,152 /24s)": the space in force, for messages. */
    public String describeSpace() {
        PoolAllocator allocator = allocator();
        return PoolAllocator.describe(allocator.space()) + String.format(java.util.Locale.ROOT, " (%,d device /24s)",
                allocator.capacity(24));
    }

    /**
     * Gives every account without devices whose blocks overlap another's one block of its own (accounts made before
     * pools were chosen per account all had {@code 100.64.0.0/10}); audited as the system's change. Accounts with
     * devices keep theirs (their devices' addresses are in use): the accounts page shows the overlap until a system
     * administrator narrows one. Answers how many accounts got a new pool.
     */
    @Transactional
    public int separateOverlapping(AuditTrail trail) {
        lock();
        List<Account> accounts = em.createQuery("SELECT a FROM Account a ORDER BY a.id", Account.class).getResultList();
        Set<Long> withDevices = new HashSet<>(em.createQuery("SELECT DISTINCT d.accountId FROM Device d", Long.class)
                .getResultList());
        Map<Long, List<String>> overlaps = overlaps();
        List<Account> toMove = accounts.stream().filter(a -> !withDevices.contains(a.getId()) && overlaps.containsKey(a.getId()))
                .toList();
        Map<Long, List<Ipv4Subnet>> blocks = blocksByAccount(true);
        List<Ipv4Subnet> taken = new ArrayList<>();
        blocks.forEach((id, own) -> {
            if (toMove.stream().noneMatch(a -> a.getId().equals(id))) {
                taken.addAll(own);
            }
        });
        PoolAllocator allocator = allocator();
        int moved = 0;
        for (Account a : toMove) {
            String before = PoolAllocator.describe(blocks.getOrDefault(a.getId(), List.of()));
            Optional<Ipv4Subnet> pool = allocator.suggest(taken);
            if (pool.isEmpty()) {
                LOG.warning(() -> "Account " + a.getName() + ": its virtual pool " + before + " overlaps another account's"
                        + " and no free /" + allocator.prefix() + " is left in " + PoolAllocator.describe(allocator.space()));
                continue;
            }
            taken.add(pool.get());
            replace(a.getId(), List.of(pool.get()));
            String json = Changes.of().field("virtualPool", before, pool.get().toString()).toJson();
            trail.record(AuditEntry.of(AuditAction.ACCOUNT_VIRTUAL_POOL, Outcome.SUCCESS).in(a.getId()).bySystem()
                    .on("account:" + a.getName()).withDetails(json)
                    .because("its virtual pool overlapped another account's (one pool per account)"));
            moved++;
        }
        return moved;
    }

    /** "100.64.0.0/10, 10.0.0.0/9": ranges separated by commas, in the order they are used. */
    private static List<Ipv4Subnet> subnets(String text) {
        List<Ipv4Subnet> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                ranges.add(subnet(part));
            }
        }
        return ranges;
    }

    private static Ipv4Subnet subnet(String text) {
        Ipv4Subnet.Parsed parsed = Ipv4Subnet.parse(text);
        if (!parsed.ok()) {
            throw new IllegalArgumentException(parsed.error());
        }
        return parsed.subnet();
    }
}
