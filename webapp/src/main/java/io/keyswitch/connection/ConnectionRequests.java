package io.keyswitch.connection;

import io.keyswitch.access.AccessService;
import io.keyswitch.access.Reach;
import io.keyswitch.account.AccountPolicies;
import io.keyswitch.account.AccountPolicy;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.device.Device;
import io.keyswitch.device.DeviceStatus;
import io.keyswitch.platform.AccountScopedQuery;
import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.Text;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import io.keyswitch.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What people ask of connections, in the request's transaction: a Connect checked (right, grants, device, reason,
 * limits) and recorded as waiting; a Disconnect or an administrator's End checked; and the lists, each scoped to the
 * actor's account and, without {@code connection:view}, to the actor's own connections.
 */
@ApplicationScoped
@Transactional
public class ConnectionRequests {

    /** At most this long: an order number is one short line. */
    public static final int MAX_ORDER_NUMBER = 64;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AccessService access;

    @Inject
    AccountPolicies policies;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    Consents consents;

    /**
     * A Connect: the actor's own connection to {@code deviceId}, recorded as {@link ConnectionState#WAITING}
     * (the engine opens it). Right {@code device:connect} and a grant on at least one component of the device; the
     * limits of the appliance ({@code maxOpen}) and of the account are counted under one lock, so two Connects never
     * both take the last place.
     */
    public Connection request(Actor actor, long deviceId, String reason, String orderNumber, int maxOpen) {
        actor.require(Rights.DEVICE_CONNECT);
        if (actor.userId() == null) {
            throw new Forbidden(Rights.DEVICE_CONNECT);
        }
        Device device = em.find(Device.class, deviceId);
        if (device == null || device.getAccountId() != actor.accountId()) {
            throw new NotFound("device");
        }
        AccountPolicy policy = policies.of(actor.accountId());
        Map<String, String> errors = new LinkedHashMap<>();
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (policy.isConnectionReasonRequired() || why != null) {
            try {
                why = Actor.requireReason(reason);
            } catch (ValidationFailed e) {
                errors.putAll(e.fieldErrors());
            }
        }
        String order = Text.oneLine(errors, "orderNumber", "The order number", orderNumber, MAX_ORDER_NUMBER);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        List<Reach> reach = access.reachOnDevices(actor.accountId(), actor.userId(), List.of(deviceId));
        if (reach.isEmpty()) {
            throw Forbidden.because("You have no grant on any component of " + device.getName() + ".");
        }
        if (device.getStatus() != DeviceStatus.ACTIVE) {
            throw ValidationFailed.of("deviceId", device.getName() + " is disabled: nobody can connect to it now.");
        }
        consents.refusal(actor.accountId(), actor.userId(), deviceId).ifPresent(refused -> {
            throw ValidationFailed.of("deviceId", refused.words());
        });
        em.createNativeQuery("SELECT id FROM connection_gate WHERE id = 1 FOR UPDATE").getResultList();
        checkLimits(actor, device, policy, maxOpen);
        User user = em.find(User.class, actor.userId());
        Connection c = new Connection(actor.accountId(), actor.userId(), user == null ? actor.name() : user.getUsername(),
                deviceId, device.getName(), why, order, actor.sourceIp(), clock.instant());
        em.persist(c);
        em.flush();
        audit.record(ConnectionAudit.requested(actor, c, reach));
        return c;
    }

    /**
     * Why {@code actor} could not connect to {@code deviceId} now for want of a consent (key switch off, approval
     * missing, work reports open), in the technician's words — what the machine lists show beside Connect.
     */
    public Optional<String> consentMissing(Actor actor, long deviceId) {
        if (actor.userId() == null) {
            return Optional.empty();
        }
        return consents.refusal(actor.accountId(), actor.userId(), deviceId).map(ConnectConsent.Refusal::words);
    }

    private void checkLimits(Actor actor, Device device, AccountPolicy policy, int maxOpen) {
        long appliance = live("", Map.of());
        if (appliance >= maxOpen) {
            throw ValidationFailed.of("deviceId", "The appliance has " + appliance + " connections open at once, its"
                    + " limit. Please try again later.");
        }
        if (live(" AND c.userId = :user AND c.deviceId = :device", Map.of("user", actor.userId(), "device", device.getId())) > 0) {
            throw ValidationFailed.of("deviceId", "You are connected to " + device.getName() + " already.");
        }
        long account = live(" AND c.accountId = :account", Map.of("account", actor.accountId()));
        if (policy.getConnectionsPerAccount() > 0 && account >= policy.getConnectionsPerAccount()) {
            throw ValidationFailed.of("deviceId", "Your account has " + account + " connection(s) open at once, the"
                    + " most its rules allow. Please try again when one has ended.");
        }
        long mine = live(" AND c.userId = :user", Map.of("user", actor.userId()));
        if (mine >= policy.getConnectionsPerUser()) {
            throw ValidationFailed.of("deviceId", "You have " + mine + " connection(s) open, and the account allows "
                    + policy.getConnectionsPerUser() + " at a time. Please disconnect first.");
        }
        long toDevice = live(" AND c.deviceId = :device", Map.of("device", device.getId()));
        if (toDevice >= policy.getConnectionsPerDevice()) {
            throw ValidationFailed.of("deviceId", toDevice + " technician(s) connected to " + device.getName()
                    + " already, and the account allows " + policy.getConnectionsPerDevice() + " at a time.");
        }
    }

    private long live(String where, Map<String, Object> parameters) {
        TypedQuery<Long> q = em.createQuery("SELECT COUNT(c) FROM Connection c WHERE c.state <> :closed" + where, Long.class)
                .setParameter("closed", ConnectionState.CLOSED);
        parameters.forEach(q::setParameter);
        return q.getSingleResult();
    }

    /** The ids of technician {@code userId}'s live connections to {@code deviceId} in {@code accountId}. */
    public List<Long> liveOf(long accountId, long userId, long deviceId) {
        return em.createQuery("SELECT c.id FROM Connection c WHERE c.accountId = :a AND c.userId = :u AND c.deviceId = :d"
                        + " AND c.state <> :closed", Long.class).setParameter("a", accountId).setParameter("u", userId)
                .setParameter("d", deviceId).setParameter("closed", ConnectionState.CLOSED).getResultList();
    }

    /** The actor's own live connection {@code id}, for a Disconnect. */
    public Connection ownLive(Actor actor, long id) {
        Connection c = visible(actor, id);
        if (c.getUserId() == null || !c.getUserId().equals(actor.userId())) {
            throw Forbidden.because("This is not your connection: an administrator may end it (End connection).");
        }
        if (!c.isLive()) {
            throw ValidationFailed.of("id", "This connection has ended already.");
        }
        return c;
    }

    /** A live connection of the actor's account an administrator ends: right {@code connection:end}, a reason. */
    public String checkEnd(Actor actor, long id, String reason) {
        actor.require(Rights.CONNECTION_END);
        Connection c = visible(actor, id);
        String why = Actor.requireReason(reason);
        if (!c.isLive()) {
            throw ValidationFailed.of("id", "This connection has ended already.");
        }
        return why;
    }

    /** A connection the actor may see: of their account, and their own unless they hold {@code connection:view}. */
    public Connection visible(Actor actor, long id) {
        actor.requireAny(Rights.CONNECTION_VIEW, Rights.DEVICE_CONNECT);
        Connection c = em.find(Connection.class, id);
        if (c == null || c.getAccountId() != actor.accountId()
                || (!actor.rights().test(Rights.CONNECTION_VIEW) && !java.util.Objects.equals(c.getUserId(), actor.userId()))) {
            throw new NotFound("connection");
        }
        return c;
    }

    /** What a connection opened (as recorded when its rules were written; nothing while it waits). */
    public List<ConnectionComponent> components(Actor actor, long id) {
        visible(actor, id);
        return em.createQuery("SELECT cc FROM ConnectionComponent cc WHERE cc.connectionId = :id ORDER BY cc.componentName",
                ConnectionComponent.class).setParameter("id", id).getResultList();
    }

    /** The components of many connections in one query, by connection id. */
    public Map<Long, List<ConnectionComponent>> components(List<Connection> connections) {
        return componentsOf(connections.stream().map(Connection::getId).toList());
    }

    /** The components of the connections {@code ids} (already scoped by the caller) in one query, by connection id. */
    public Map<Long, List<ConnectionComponent>> componentsOf(List<Long> ids) {
        Map<Long, List<ConnectionComponent>> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        ids.forEach(id -> out.put(id, new java.util.ArrayList<>()));
        em.createQuery("SELECT cc FROM ConnectionComponent cc WHERE cc.connectionId IN :ids ORDER BY cc.componentName",
                        ConnectionComponent.class).setParameter("ids", List.copyOf(out.keySet())).getResultList()
                .forEach(cc -> out.get(cc.getConnectionId()).add(cc));
        return out;
    }

    public long count(Actor actor, ConnectionQuery query) {
        return scoped(actor, query).count();
    }

    /** One page, newest first, cut by the database. */
    public List<Connection> page(Actor actor, ConnectionQuery query, int first, int size) {
        return scoped(actor, query).orderBy("c.requestedAt DESC, c.id DESC").page(first, size);
    }

    /** How many connections of the actor's account are live (the menu's count); own ones without connection:view. */
    public long countLive(Actor actor) {
        if (!actor.rights().test(Rights.CONNECTION_VIEW) && !actor.rights().test(Rights.DEVICE_CONNECT)) {
            return 0;
        }
        return count(actor, ConnectionQuery.live());
    }

    /** The account's connections (own ones only without connection:view), then the query's own filters. */
    private AccountScopedQuery<Connection> scoped(Actor actor, ConnectionQuery query) {
        actor.requireAny(Rights.CONNECTION_VIEW, Rights.DEVICE_CONNECT);
        AccountScopedQuery<Connection> q = AccountScopedQuery.of(em, Connection.class, "c", "accountId", actor.accountId());
        if (!actor.rights().test(Rights.CONNECTION_VIEW)) {
            q.and("c.userId = :self", "self", actor.userId() == null ? -1L : actor.userId());
        }
        switch (query.which()) {
            case LIVE -> q.and("c.state <> :closed", "closed", ConnectionState.CLOSED);
            case CLOSED -> q.and("c.state = :closed", "closed", ConnectionState.CLOSED);
            default -> { }
        }
        if (query.deviceId() != null) {
            q.and("c.deviceId = :device", "device", query.deviceId());
        }
        if (query.userId() != null) {
            q.and("c.userId = :user", "user", query.userId());
        }
        if (query.from() != null) {
            q.and("c.requestedAt >= :from", "from", query.from());
        }
        if (query.to() != null) {
            q.and("c.requestedAt < :to", "to", query.to());
        }
        return q.startsWith(query.text(), "c.deviceName", "c.userName");
    }
}
