package io.keyswitch.connection.internal;

import io.keyswitch.access.AccessService;
import io.keyswitch.account.Account;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.connection.CloseCause;
import io.keyswitch.connection.Connection;
import io.keyswitch.connection.ConnectionAudit;
import io.keyswitch.connection.ConnectionClosed;
import io.keyswitch.connection.ConnectionComponent;
import io.keyswitch.connection.ConnectionState;
import io.keyswitch.connection.Firewall;
import io.keyswitch.connection.GrantedComponent;
import io.keyswitch.device.Device;
import io.keyswitch.device.DeviceStatus;
import io.keyswitch.platform.Rights;
import io.keyswitch.user.User;
import io.keyswitch.user.UserDirectory;
import io.keyswitch.user.UserStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rows the connection engine writes, each method one transaction: a connection opened (with what it opened) or
 * closed (with what crossed it), byte counts in one batch, every live connection closed at start; and the reads its
 * checks need, for all live connections in a few queries.
 */
@ApplicationScoped
@Transactional
public class ConnectionStore {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    AccessService access;

    @Inject
    UserDirectory users;

    @Inject
    jakarta.enterprise.event.Event<ConnectionClosed> closedEvents;

    /** A live connection and whether it may go on: the first cause that ends it, or none. */
    public record Check(Connection connection, Optional<CloseCause> refusal) {
    }

    public Optional<Connection> find(long id) {
        return Optional.ofNullable(em.find(Connection.class, id));
    }

    /** The live connections of {@code userId}. */
    public List<Connection> liveOf(long userId) {
        return em.createQuery("SELECT c FROM Connection c WHERE c.userId = :u AND c.state <> :closed", Connection.class)
                .setParameter("u", userId).setParameter("closed", ConnectionState.CLOSED).getResultList();
    }

    /**
     * Every live connection (or those of {@code ids}) with the first reason it must end now: user deleted, disabled
     * or out of their temporary window, the right device:connect withdrawn, device deleted or disabled, account
     * disabled. Five queries whatever the number of connections.
     */
    public List<Check> check(Collection<Long> ids, Instant now) {
        var q = em.createQuery("SELECT c FROM Connection c WHERE c.state <> :closed"
                + (ids == null ? "" : " AND c.id IN :ids"), Connection.class).setParameter("closed", ConnectionState.CLOSED);
        if (ids != null) {
            if (ids.isEmpty()) {
                return List.of();
            }
            q.setParameter("ids", List.copyOf(ids));
        }
        List<Connection> live = q.getResultList();
        if (live.isEmpty()) {
            return List.of();
        }
        Set<Long> userIds = live.stream().map(Connection::getUserId).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        Set<Long> deviceIds = live.stream().map(Connection::getDeviceId).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        Set<Long> accountIds = live.stream().map(Connection::getAccountId).collect(Collectors.toSet());
        Map<Long, User> userRows = byId(User.class, "u", userIds, User::getId);
        Map<Long, Device> deviceRows = byId(Device.class, "d", deviceIds, Device::getId);
        Map<Long, Account> accountRows = byId(Account.class, "a", accountIds, Account::getId);
        Set<Long> connecting = users.holding(Rights.DEVICE_CONNECT, userIds);
        List<Check> out = new ArrayList<>();
        for (Connection c : live) {
            User u = c.getUserId() == null ? null : userRows.get(c.getUserId());
            Device d = c.getDeviceId() == null ? null : deviceRows.get(c.getDeviceId());
            Account a = accountRows.get(c.getAccountId());
            CloseCause cause = null;
            if (a == null || !a.isActive()) {
                cause = CloseCause.ACCOUNT_DISABLED;
            } else if (u == null || u.getStatus() != UserStatus.ACTIVE) {
                cause = CloseCause.USER_DISABLED;
            } else if ((u.getValidUntil() != null && !now.isBefore(u.getValidUntil()))
                    || (u.getValidFrom() != null && now.isBefore(u.getValidFrom()))) {
                cause = CloseCause.TEMPORARY_ACCESS_ENDED;
            } else if (!connecting.contains(u.getId())) {
                cause = CloseCause.RIGHT_WITHDRAWN;
            } else if (d == null || d.getStatus() != DeviceStatus.ACTIVE) {
                cause = CloseCause.DEVICE_DISABLED;
            }
            out.add(new Check(c, Optional.ofNullable(cause)));
        }
        return out;
    }

    private <T> Map<Long, T> byId(Class<T> type, String alias, Set<Long> ids, Function<T, Long> id) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, T> out = new HashMap<>();
        em.createQuery("SELECT " + alias + " FROM " + type.getSimpleName() + " " + alias + " WHERE " + alias + ".id IN :ids",
                type).setParameter("ids", List.copyOf(ids)).getResultList().forEach(row -> out.put(id.apply(row), row));
        return out;
    }

    /** What each (user, device) of the connections reaches now, in one query: key {@code userId + "/" + deviceId}. */
    public Map<String, List<GrantedComponent>> granted(Collection<Connection> connections) {
        Set<Long> userIds = new HashSet<>();
        Set<Long> deviceIds = new HashSet<>();
        for (Connection c : connections) {
            if (c.getUserId() != null && c.getDeviceId() != null) {
                userIds.add(c.getUserId());
                deviceIds.add(c.getDeviceId());
            }
        }
        Map<String, List<GrantedComponent>> out = new HashMap<>();
        for (AccessService.UserReach r : access.reachOfUsers(userIds, deviceIds)) {
            out.computeIfAbsent(r.userId() + "/" + r.reach().deviceId(), k -> new ArrayList<>())
                    .add(GrantedComponent.of(r.reach()));
        }
        out.values().forEach(list -> list.sort(java.util.Comparator.comparing(GrantedComponent::name)));
        return out;
    }

    /** What one connection opened (recorded when its rules were written). */
    public List<GrantedComponent> components(long id) {
        return em.createQuery("SELECT cc FROM ConnectionComponent cc WHERE cc.connectionId = :id ORDER BY cc.componentName",
                ConnectionComponent.class).setParameter("id", id).getResultStream().map(ConnectionComponent::granted).toList();
    }

    /**
     * A waiting connection opened for {@code address}: OPEN, what it opened recorded, audited. False when it is not
     * waiting any more (closed meanwhile): the caller takes its rules out again.
     */
    public boolean opened(long id, String address, List<GrantedComponent> components, int rules, Instant at) {
        Connection c = em.find(Connection.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (c == null || c.getState() != ConnectionState.WAITING) {
            return false;
        }
        c.open(address, at);
        components.forEach(g -> em.persist(new ConnectionComponent(id, g)));
        em.flush();
        audit.record(ConnectionAudit.opened(c, components, rules));
        return true;
    }

    /** What an open connection reaches changed (a grant or a component): the record follows the rules. */
    public void reopened(long id, List<GrantedComponent> components, int rules) {
        Connection c = em.find(Connection.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (c == null || c.getState() != ConnectionState.OPEN) {
            return;
        }
        em.createQuery("DELETE FROM ConnectionComponent cc WHERE cc.connectionId = :id").setParameter("id", id).executeUpdate();
        components.forEach(g -> em.persist(new ConnectionComponent(id, g)));
        em.flush();
        audit.record(ConnectionAudit.changed(c, components, rules));
    }

    /**
     * Closes a live connection: the last bytes added, who or what closed it and why, audited. Empty when it was closed
     * already.
     */
    public Optional<Connection> closed(long id, CloseCause cause, String by, Long byUserId, String sourceIp, String why,
                                       Firewall.Counted last, Instant at) {
        Connection c = em.find(Connection.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (c == null || !c.isLive()) {
            return Optional.empty();
        }
        c.count(last.toDevice(), last.fromDevice(), at);
        c.close(cause, by, why, at);
        em.flush();
        audit.record(ConnectionAudit.closed(c, byUserId, sourceIp));
        closedEvents.fire(ConnectionClosed.of(c));
        return Optional.of(c);
    }

    /** Bytes that crossed each connection's rules since the last count, for many connections in one transaction. */
    public void counted(Map<Long, Firewall.Counted> deltas, Instant at) {
        deltas.forEach((id, delta) -> {
            Connection c = em.find(Connection.class, id);
            if (c != null && c.getState() == ConnectionState.OPEN) {
                c.count(delta.toDevice(), delta.fromDevice(), at);
            }
        });
    }

    /**
     * Closes every live connection in one transaction (at start: the rules they had are gone), each audited, the audit
     * chains locked once; returns the account of each connection closed.
     */
    public List<Long> closeAll(CloseCause cause, Instant at) {
        List<Connection> live = em.createQuery("SELECT c FROM Connection c WHERE c.state <> :closed", Connection.class)
                .setParameter("closed", ConnectionState.CLOSED).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        List<io.keyswitch.audit.AuditEntry> events = new ArrayList<>();
        List<Long> accounts = new ArrayList<>();
        for (Connection c : live) {
            c.close(cause, ConnectionAudit.SYSTEM, null, at);
            events.add(ConnectionAudit.closed(c, null, null));
            accounts.add(c.getAccountId());
        }
        em.flush();
        if (!events.isEmpty()) {
            audit.recordAll(events);
        }
        live.forEach(c -> closedEvents.fire(ConnectionClosed.of(c)));
        return accounts;
    }
}
