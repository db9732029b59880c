package io.keyswitch.account;

import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Accounts, appliance-wide: only system administrators ({@code account:manage}) create and disable
 * them. A new account comes with its group "Administrators" (every right within the account) and
 * its first administrator, whose one-time password is shown once. Each change is audited in the
 * system administrator's account and in the account concerned.
 */
@ApplicationScoped
@Transactional
public class AccountAdministration {


    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AccountAdministrators administrators;

    @Inject
    AuditTrail audit;

    @Inject
    AccountPolicies policies;

    @Inject
    Clock clock;

    @Inject
    VirtualPools pools;

    @Inject
    jakarta.enterprise.event.Event<AccountChanged> changed;

    /** A new account and its first administrator's one-time password, to be shown once. */
    public record Created(Account account, String adminUsername, String oneTimePassword) {
    }

    public List<Account> accounts(Actor actor) {
        actor.require(Rights.ACCOUNT_MANAGE);
        return em.createQuery("SELECT a FROM Account a ORDER BY a.name", Account.class).getResultList();
    }

    /** How many accounts start with {@code filter} (all for blank). */
    public long count(Actor actor, String filter) {
        actor.require(Rights.ACCOUNT_MANAGE);
        return named(em.createQuery("SELECT COUNT(a) FROM Account a" + where(filter), Long.class), filter).getSingleResult();
    }

    /** One page of accounts by name, cut by the database. */
    public List<Account> accounts(Actor actor, String filter, int first, int size) {
        actor.require(Rights.ACCOUNT_MANAGE);
        return named(em.createQuery("SELECT a FROM Account a" + where(filter) + " ORDER BY a.name", Account.class), filter)
                .setFirstResult(first).setMaxResults(size).getResultList();
    }

    private static String where(String filter) {
        return filter == null || filter.isBlank() ? "" : " WHERE a.name LIKE :prefix";
    }

    private static <T> jakarta.persistence.TypedQuery<T> named(jakarta.persistence.TypedQuery<T> q, String filter) {
        return filter == null || filter.isBlank() ? q : q.setParameter("prefix", io.keyswitch.platform.Like.prefix(filter));
    }

    /** One account; {@link NotFound} for an id that does not exist. */
    public Account account(Actor actor, long accountId) {
        actor.require(Rights.ACCOUNT_MANAGE);
        return find(accountId);
    }

    /** How many users and devices an account has. */
    public record Size(long users, long devices) {
    }

    /** The size of each of {@code accounts}, by account id: two queries for all of them. */
    public java.util.Map<Long, Size> sizes(Actor actor, List<Account> accounts) {
        actor.require(Rights.ACCOUNT_MANAGE);
        List<Long> ids = accounts.stream().map(Account::getId).toList();
        java.util.Map<Long, Long> users = new java.util.HashMap<>();
        java.util.Map<Long, Long> devices = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("SELECT u.account.id, COUNT(u) FROM User u WHERE u.account.id IN :ids GROUP BY u.account.id", Object[].class)
                    .setParameter("ids", ids).getResultList().forEach(r -> users.put((Long) r[0], (Long) r[1]));
            em.createQuery("SELECT d.accountId, COUNT(d) FROM Device d WHERE d.accountId IN :ids GROUP BY d.accountId", Object[].class)
                    .setParameter("ids", ids).getResultList().forEach(r -> devices.put((Long) r[0], (Long) r[1]));
        }
        java.util.Map<Long, Size> sizes = new java.util.HashMap<>();
        ids.forEach(id -> sizes.put(id, new Size(users.getOrDefault(id, 0L), devices.getOrDefault(id, 0L))));
        return sizes;
    }

    private Account find(long accountId) {
        Account account = em.find(Account.class, accountId);
        if (account == null) {
            throw new NotFound("account");
        }
        return account;
    }

    public long userCount(Account account) {
        return em.createQuery("SELECT COUNT(u) FROM User u WHERE u.account = :a", Long.class).setParameter("a", account).getSingleResult();
    }

    public long deviceCount(Account account) {
        return em.createQuery("SELECT COUNT(d) FROM Device d WHERE d.accountId = :a", Long.class)
                .setParameter("a", account.getId()).getSingleResult();
    }

    /** A new account with the first free virtual pool of the default size. */
    public Created create(Actor actor, String name, String adminUsername, String adminFullName, String reason) {
        return create(actor, name, adminUsername, adminFullName, null, reason);
    }

    /**
     * A new account, its group "Administrators" and its first administrator; {@code virtualPool} blank means the
     * first free pool of the default size ({@link VirtualPools}), a typed one must overlap no other account's.
     */
    public Created create(Actor actor, String name, String adminUsername, String adminFullName, String virtualPool,
                          String reason) {
        actor.require(Rights.ACCOUNT_MANAGE);
        String why = policies.reason(actor, reason);
        String n = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT);
        if (!io.keyswitch.platform.LoginNames.validAccount(n)) {
            throw ValidationFailed.of("accountName", "2 to 64 characters: lower-case letters, digits and dashes (the name users type at login).");
        }
        if (!em.createQuery("SELECT a.id FROM Account a WHERE a.name = :n", Long.class).setParameter("n", n).getResultList().isEmpty()) {
            throw ValidationFailed.of("accountName", "There is already an account named '" + n + "'.");
        }
        String admin = adminUsername == null || adminUsername.isBlank() ? "admin" : adminUsername.strip();
        if (!io.keyswitch.platform.LoginNames.validUser(admin)) {
            throw ValidationFailed.of("adminUsername", "2 to 64 characters: lower-case letters, digits, dot, dash and underscore.");
        }
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        String typedName = io.keyswitch.platform.Text.oneLine(errors, "adminFullName", "The full name", adminFullName, 200);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        String fullName = typedName == null ? "Administrator of " + n : typedName;
        pools.lock();
        List<io.keyswitch.platform.Ipv4Subnet> pool = pools.choose(virtualPool, null);
        Instant now = clock.instant();
        Account account = new Account(n, now);
        em.persist(account);
        em.flush();
        pools.replace(account.getId(), pool);
        String password = administrators.found(account, admin, fullName, now);
        em.flush();
        Changes changes = Changes.of().field("name", null, n).field("administrator", null, admin)
                .field("virtualPool", null, PoolAllocator.describe(pool));
        recordInBoth(actor, account, io.keyswitch.audit.AuditAction.ACCOUNT_CREATE, changes, why);
        return new Created(account, admin, password);
    }

    public Account setStatus(Actor actor, long accountId, AccountStatus status, String reason) {
        actor.require(Rights.ACCOUNT_MANAGE);
        String why = policies.reason(actor, reason);
        Account account = find(accountId);
        if (account.getId() == actor.accountId() && status == AccountStatus.DISABLED) {
            throw ValidationFailed.of("reason", "You cannot disable your own account.");
        }
        Changes changes = Changes.of().field("status", account.getStatus(), status);
        account.setStatus(status);
        if (!changes.isEmpty()) {
            recordInBoth(actor, account, io.keyswitch.audit.AuditAction.ACCOUNT_STATUS, changes, why);
            changed.fire(new AccountChanged(account.getId(), AccountChanged.STATUS));
        }
        return account;
    }

    /**
     * Gives the account another virtual pool (one block or several, separated by commas): it must hold every virtual
     * subnet its devices already have (they keep their addresses) and overlap no other account's blocks. The account's
     * VPN server routes the new pool after a restart (its running sessions reconnect by themselves).
     */
    public Account changeVirtualPool(Actor actor, long accountId, String virtualPool, String reason) {
        actor.require(Rights.ACCOUNT_MANAGE);
        String why = policies.reason(actor, reason);
        if (virtualPool == null || virtualPool.isBlank()) {
            throw ValidationFailed.of("virtualPool", "Enter a pool such as 100.66.0.0/16 (several blocks separated by commas).");
        }
        // the account's row first, then the pool lock: the order a device's creation (which may grow the pool) takes them
        Account account = em.find(Account.class, accountId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw new NotFound("account");
        }
        pools.lock();
        List<io.keyswitch.platform.Ipv4Subnet> pool = pools.choose(virtualPool, accountId);
        List<String> outside = em.createQuery("SELECT d.virtualSubnet FROM Device d WHERE d.accountId = :a "
                        + "AND d.virtualSubnet IS NOT NULL ORDER BY d.name", String.class)
                .setParameter("a", accountId).getResultList().stream()
                .filter(s -> {
                    io.keyswitch.platform.Ipv4Subnet.Parsed p = io.keyswitch.platform.Ipv4Subnet.parse(s);
                    return p.ok() && pool.stream().noneMatch(b -> b.contains(p.subnet()));
                }).toList();
        if (!outside.isEmpty()) {
            throw ValidationFailed.of("virtualPool", outside.size() + " device(s) of this account have virtual subnets outside "
                    + PoolAllocator.describe(pool) + " (e.g. " + outside.get(0) + "); choose a pool that holds them.");
        }
        Changes changes = Changes.of().field("virtualPool", PoolAllocator.describe(pools.blocks(accountId)),
                PoolAllocator.describe(pool));
        if (!changes.isEmpty()) {
            pools.replace(accountId, pool);
            recordInBoth(actor, account, io.keyswitch.audit.AuditAction.ACCOUNT_VIRTUAL_POOL, changes, why);
            changed.fire(new AccountChanged(account.getId(), AccountChanged.VIRTUAL_POOL));
        }
        return account;
    }

    /** A change of an account, audited in the system administrator's account and (when another) in the account concerned. */
    private void recordInBoth(Actor actor, Account account, io.keyswitch.audit.AuditAction action, Changes changes, String why) {
        audit.record(AuditEntry.change(actor, action, "account:" + account.getName(), changes, why));
        if (account.getId() != actor.accountId()) {
            audit.record(AuditEntry.change(actor, action, "account:" + account.getName(), changes, why).in(account.getId()));
        }
    }
}
