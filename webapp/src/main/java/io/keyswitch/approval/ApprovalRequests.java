package io.keyswitch.approval;

import io.keyswitch.access.AccessService;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.audit.Outcome;
import io.keyswitch.connection.CloseCause;
import io.keyswitch.connection.Connection;
import io.keyswitch.connection.ConnectionService;
import io.keyswitch.device.Device;
import io.keyswitch.device.DeviceStatus;
import io.keyswitch.platform.AccountScopedQuery;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.Text;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connection requests and their answers, in the request's transaction: a technician asks to connect to a device that
 * needs approval (reason, order number, wanted start and duration, checked); a member of the approvers' group approves
 * it (the wanted window or a shorter one inside it) or refuses it, with a comment, or ends an approved window early;
 * unanswered requests expire. Each step is audited and fires {@link ApprovalChanged}. The lists show a person their own
 * requests and those their groups are to answer ({@code connection:view}: all of the account).
 */
@ApplicationScoped
@Transactional
public class ApprovalRequests {

    /** At most this long: an order number is one short line (as a connection's). */
    public static final int MAX_ORDER_NUMBER = 64;
    /** At most this long: a comment is a few sentences. */
    public static final int MAX_COMMENT = 1000;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    ApprovalRules rules;

    @Inject
    AccessService access;

    @Inject
    Clock clock;

    @Inject
    ConnectionService connections;

    @Inject
    Event<ApprovalChanged> changed;

    /** Which requests a list shows. */
    public enum Which { ALL, PENDING, TO_ANSWER, MINE }

    /** A list's filters: which, a state (null: any), a device or technician name prefix. */
    public record Filter(Which which, ApprovalRequest.State state, String text) {
    }

    /**
     * A technician's request to connect to {@code deviceId} (right {@code device:connect} and a grant on the device;
     * the device must need approval): {@code start} as ISO-8601 ({@code null}: now), {@code minutes} long.
     */
    public ApprovalRequest request(Actor actor, Long deviceId, String reason, String orderNumber, String start, Integer minutes) {
        actor.require(Rights.DEVICE_CONNECT);
        if (actor.userId() == null) {
            throw new Forbidden(Rights.DEVICE_CONNECT);
        }
        if (deviceId == null) {
            throw ValidationFailed.of("deviceId", "Choose the device you want to connect to.");
        }
        Device device = em.find(Device.class, deviceId);
        if (device == null || device.getAccountId() != actor.accountId()) {
            throw new NotFound("device");
        }
        Instant now = clock.instant();
        Map<String, String> errors = new LinkedHashMap<>();
        String why = null;
        try {
            why = Actor.requireReason(reason);
        } catch (ValidationFailed e) {
            errors.putAll(e.fieldErrors());
        }
        String order = Text.oneLine(errors, "orderNumber", "The order number", orderNumber, MAX_ORDER_NUMBER);
        ApprovalWindow wanted = ApprovalWindow.wanted(ApprovalWindow.instant(start, "start", errors), minutes, now, errors);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        if (access.reachOnDevices(actor.accountId(), actor.userId(), List.of(deviceId)).isEmpty()) {
            throw Forbidden.because("You have no grant on any component of " + device.getName() + ".");
        }
        if (device.getStatus() != DeviceStatus.ACTIVE) {
            throw ValidationFailed.of("deviceId", device.getName() + " is disabled: nobody can connect to it now.");
        }
        ApprovalSetting setting = rules.inForce(deviceId);
        if (!setting.needed()) {
            throw ValidationFailed.of("deviceId", "Connections to " + device.getName() + " need no approval: connect directly.");
        }
        if (setting.effectiveGroup() == null) {
            throw ValidationFailed.of("deviceId", "The group that approves connections to " + device.getName()
                    + " was deleted, so nobody can approve: ask an administrator.");
        }
        em.find(User.class, actor.userId(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE); // one request at a time
        Long waiting = em.createQuery("SELECT MIN(q.id) FROM ApprovalRequest q WHERE q.userId = :u AND q.deviceId = :d"
                        + " AND q.state = :p", Long.class).setParameter("u", actor.userId()).setParameter("d", deviceId)
                .setParameter("p", ApprovalRequest.State.PENDING).getSingleResult();
        if (waiting != null) {
            throw ValidationFailed.of("deviceId", "Your request " + waiting + " for " + device.getName()
                    + " waits for an answer already.");
        }
        User user = em.find(User.class, actor.userId());
        ApprovalRequest q = new ApprovalRequest(actor.accountId(), deviceId, device.getName(), actor.userId(),
                user == null ? actor.name() : user.getUsername(), setting.effectiveGroup(), why, order, wanted, now,
                wanted.expiresAt(now, rules.expiryMinutes(actor.accountId())));
        em.persist(q);
        em.flush();
        audit.record(AuditEntry.change(actor, AuditAction.APPROVAL_REQUEST, target(q), Changes.between(Map.of(), q.shown()), why));
        changed.fire(new ApprovalChanged(q.getId(), q.getAccountId(), ApprovalChanged.Kind.REQUESTED, actor.name(),
                actor.userId(), actor.sourceIp(), null));
        return q;
    }

    /** A member of the approvers' group approves request {@code id}: the wanted window, or a shorter one inside it. */
    public ApprovalRequest approve(Actor actor, long id, String comment, String start, Integer minutes) {
        ApprovalRequest q = answerable(actor, id);
        Map<String, String> errors = new LinkedHashMap<>();
        String text = Text.multiLine(errors, "comment", "The comment", comment, MAX_COMMENT);
        Instant now = clock.instant();
        ApprovalWindow window = q.wanted().approved(ApprovalWindow.instant(start, "start", errors), minutes, now, errors);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        q.approve(window, actor.name(), actor.userId(), text, now);
        return answered(actor, q, AuditAction.APPROVAL_APPROVE, ApprovalChanged.Kind.APPROVED, text);
    }

    /** A member of the approvers' group refuses request {@code id}, saying why (the comment is required). */
    public ApprovalRequest refuse(Actor actor, long id, String comment) {
        ApprovalRequest q = answerable(actor, id);
        Map<String, String> errors = new LinkedHashMap<>();
        String text = Text.multiLine(errors, "comment", "The comment", comment, MAX_COMMENT);
        if (text == null && errors.isEmpty()) {
            errors.put("comment", "Say why the request is refused: the technician reads it.");
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        q.refuse(actor.name(), actor.userId(), text, clock.instant());
        return answered(actor, q, AuditAction.APPROVAL_REFUSE, ApprovalChanged.Kind.REFUSED, text);
    }

    /**
     * A member of the approvers' group ends an approved window now, with a comment: the technician's live connections to
     * the device are closed first, as ended by the approver, and only then is the request ended — so that the engine's
     * sweep, which closes connections whose window is over, never sees the window ended before those connections and
     * closes them as "window ended" instead. No new connection may open under this request.
     */
    public ApprovalRequest end(Actor actor, long id, String comment) {
        ApprovalRequest q = ofAccount(actor, id);
        requireApprover(actor, q);
        Map<String, String> errors = new LinkedHashMap<>();
        String text = Text.multiLine(errors, "comment", "The comment", comment, MAX_COMMENT);
        if (text == null && errors.isEmpty()) {
            errors.put("comment", "Say why the connection is ended: the technician reads it.");
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        Instant now = clock.instant();
        if (q.getState() != ApprovalRequest.State.APPROVED || !q.window().end().isAfter(now)) {
            throw ValidationFailed.of("id", "Only an approved window that is not over can be ended.");
        }
        connections.endForConsent(actor, q.getUserId(), q.getDeviceId(), CloseCause.ENDED_BY_APPROVER, text);
        Map<String, String> before = q.shown();
        q.end(actor.name(), text, now);
        audit.record(AuditEntry.change(actor, AuditAction.APPROVAL_END, target(q), Changes.between(before, q.shown()), text));
        changed.fire(new ApprovalChanged(q.getId(), q.getAccountId(), ApprovalChanged.Kind.ENDED, actor.name(),
                actor.userId(), actor.sourceIp(), text));
        return q;
    }

    /**
     * Marks requests that waited past their expiry as expired, audited as the portal's own act, at most {@code limit}.
     *
     * @return how many expired
     */
    public int expireDue(int limit) {
        Instant now = clock.instant();
        List<ApprovalRequest> due = em.createQuery("SELECT q FROM ApprovalRequest q WHERE q.state = :p AND q.expiresAt <= :now"
                        + " ORDER BY q.expiresAt, q.id", ApprovalRequest.class).setParameter("p", ApprovalRequest.State.PENDING)
                .setParameter("now", now).setMaxResults(limit).getResultList();
        for (ApprovalRequest q : due) {
            Map<String, String> before = q.shown();
            q.expire();
            audit.record(AuditEntry.of(AuditAction.APPROVAL_EXPIRE, Outcome.SUCCESS).in(q.getAccountId()).bySystem()
                    .on(target(q)).withDetails(Changes.between(before, q.shown()).toJson())
                    .because("nobody answered by " + q.getExpiresAt()));
            changed.fire(new ApprovalChanged(q.getId(), q.getAccountId(), ApprovalChanged.Kind.EXPIRED,
                    AuditEntry.SYSTEM, null, null, null));
        }
        return due.size();
    }

    /** How many approved windows ended after {@code after} and by {@code upTo}. */
    public long windowsEnded(Instant after, Instant upTo) {
        return em.createQuery("SELECT COUNT(q) FROM ApprovalRequest q WHERE q.state = :a AND q.windowEnd > :after"
                        + " AND q.windowEnd <= :upTo", Long.class).setParameter("a", ApprovalRequest.State.APPROVED)
                .setParameter("after", after).setParameter("upTo", upTo).getSingleResult();
    }

    /** Request {@code id} as the actor may see it: their own, one their groups answer, or any with connection:view. */
    public ApprovalRequest find(Actor actor, long id) {
        ApprovalRequest q = ofAccount(actor, id);
        boolean mine = q.getUserId() != null && q.getUserId().equals(actor.userId());
        if (!mine && !isApprover(actor, q) && !actor.rights().test(Rights.CONNECTION_VIEW)) {
            throw new NotFound("approval request");
        }
        return q;
    }

    /** Whether the actor may answer request {@code q} (a member of its group, and not its technician). */
    public boolean isApprover(Actor actor, ApprovalRequest q) {
        return actor.userId() != null && q.getUserGroupId() != null && !actor.userId().equals(q.getUserId())
                && rules.isMember(actor.accountId(), q.getUserGroupId(), actor.userId());
    }

    public long count(Actor actor, Filter filter) {
        return scoped(actor, filter).count();
    }

    /** One page, newest first, cut by the database. */
    public List<ApprovalRequest> page(Actor actor, Filter filter, int first, int size) {
        return scoped(actor, filter).orderBy("q.requestedAt DESC, q.id DESC").page(first, size);
    }

    /** How many requests wait for an answer of the actor (the menu's and the home page's count). */
    public long countToAnswer(Actor actor) {
        return actor.userId() == null ? 0 : count(actor, new Filter(Which.TO_ANSWER, null, null));
    }

    /**
     * The actor's approved windows that are open now and end within the warning time (the portal's warning; the rule is
     * {@link ApprovalWindow#endsSoon}).
     */
    public List<ApprovalRequest> endingSoon(Actor actor) {
        if (actor.userId() == null) {
            return List.of();
        }
        Instant now = clock.instant();
        return em.createQuery("SELECT q FROM ApprovalRequest q WHERE q.userId = :u AND q.accountId = :a AND q.state = :s"
                        + " AND q.windowStart <= :now AND q.windowEnd > :now ORDER BY q.windowEnd", ApprovalRequest.class)
                .setParameter("u", actor.userId()).setParameter("a", actor.accountId())
                .setParameter("s", ApprovalRequest.State.APPROVED).setParameter("now", now).getResultList().stream()
                .filter(q -> q.window().endsSoon(now)).toList();
    }

    /**
     * The approvals connections were opened under, by connection id, in one query: for each, the request of its
     * technician for its device whose approved window held the moment it was asked for (none for a device without
     * approval).
     */
    public Map<Long, ApprovalRequest> forConnections(List<Connection> connections) {
        Map<Long, ApprovalRequest> out = new LinkedHashMap<>();
        List<Long> users = connections.stream().map(Connection::getUserId).filter(java.util.Objects::nonNull).distinct().toList();
        List<Long> devices = connections.stream().map(Connection::getDeviceId).filter(java.util.Objects::nonNull).distinct().toList();
        if (users.isEmpty() || devices.isEmpty()) {
            return out;
        }
        List<ApprovalRequest> found = em.createQuery("SELECT q FROM ApprovalRequest q WHERE q.userId IN :u AND q.deviceId IN :d"
                        + " AND q.state IN :s ORDER BY q.id DESC", ApprovalRequest.class).setParameter("u", users)
                .setParameter("d", devices).setParameter("s", List.of(ApprovalRequest.State.APPROVED, ApprovalRequest.State.ENDED))
                .getResultList();
        for (Connection c : connections) {
            found.stream().filter(q -> q.getAccountId() == c.getAccountId() && q.getUserId().equals(c.getUserId())
                            && q.getDeviceId().equals(c.getDeviceId()) && q.window().covers(c.getRequestedAt()))
                    .findFirst().ifPresent(q -> out.put(c.getId(), q));
        }
        return out;
    }

    /**
     * A number that changes whenever a request the actor sees is made or changes (answered, expired, ended): the pages'
     * poll re-renders only then.
     */
    public long fingerprint(Actor actor) {
        long me = actor.userId() == null ? -1L : actor.userId();
        List<Long> groups = new ArrayList<>(actor.userId() == null ? List.of() : rules.groupsOf(actor.accountId(), me));
        groups.add(-1L);
        Object[] r = em.createQuery("SELECT COUNT(q), SUM(q.version) FROM ApprovalRequest q WHERE q.accountId = :a"
                        + " AND (q.userId = :me OR q.userGroupId IN :groups)", Object[].class)
                .setParameter("a", actor.accountId()).setParameter("me", me).setParameter("groups", groups).getSingleResult();
        long count = r[0] == null ? 0 : ((Number) r[0]).longValue();
        long versions = r[1] == null ? 0 : ((Number) r[1]).longValue();
        return count * 1_000_003L + versions;
    }

    /** The request by id (no actor: for the notices after a commit). */
    public Optional<ApprovalRequest> byId(long id) {
        return Optional.ofNullable(em.find(ApprovalRequest.class, id));
    }

    private ApprovalRequest answerable(Actor actor, long id) {
        ApprovalRequest q = ofAccount(actor, id);
        requireApprover(actor, q);
        if (q.getState() != ApprovalRequest.State.PENDING) {
            throw ValidationFailed.of("id", "This request was answered already (" + q.getState().name().toLowerCase() + ").");
        }
        if (!q.getExpiresAt().isAfter(clock.instant())) {
            throw ValidationFailed.of("id", "This request has expired: nobody answered in time.");
        }
        return q;
    }

    private void requireApprover(Actor actor, ApprovalRequest q) {
        if (actor.userId() != null && actor.userId().equals(q.getUserId())) {
            throw Forbidden.because("You cannot answer your own request: another member of the approvers' group must.");
        }
        if (!isApprover(actor, q)) {
            throw Forbidden.because("Only members of the group that approves connections to " + q.getDeviceName()
                    + " may answer this request.");
        }
    }

    private ApprovalRequest answered(Actor actor, ApprovalRequest q, AuditAction action, ApprovalChanged.Kind kind, String text) {
        Map<String, String> after = q.shown();
        Map<String, String> before = new LinkedHashMap<>(after);
        before.put("state", ApprovalRequest.State.PENDING.name());
        before.remove("window");
        before.remove("comment");
        audit.record(AuditEntry.change(actor, action, target(q), Changes.between(before, after), text));
        changed.fire(new ApprovalChanged(q.getId(), q.getAccountId(), kind, actor.name(), actor.userId(), actor.sourceIp(), text));
        return q;
    }

    private ApprovalRequest ofAccount(Actor actor, long id) {
        ApprovalRequest q = em.find(ApprovalRequest.class, id);
        if (q == null || q.getAccountId() != actor.accountId()) {
            throw new NotFound("approval request");
        }
        return q;
    }

    private AccountScopedQuery<ApprovalRequest> scoped(Actor actor, Filter filter) {
        AccountScopedQuery<ApprovalRequest> q = AccountScopedQuery.of(em, ApprovalRequest.class, "q", "accountId", actor.accountId());
        long me = actor.userId() == null ? -1L : actor.userId();
        List<Long> groups = new ArrayList<>(actor.userId() == null ? List.of() : rules.groupsOf(actor.accountId(), me));
        groups.add(-1L); // never empty: IN () is not JPQL
        switch (filter.which()) {
            case MINE -> q.and("q.userId = :me", "me", me);
            case TO_ANSWER -> q.and("q.userGroupId IN :groups", "groups", groups).and("q.userId <> :me", "me", me)
                    .and("q.state = :pending", "pending", ApprovalRequest.State.PENDING);
            case PENDING, ALL -> {
                if (!actor.rights().test(Rights.CONNECTION_VIEW)) {
                    q.and("q.userId = " + me + " OR q.userGroupId IN :groups", "groups", groups); // me: a long
                }
                if (filter.which() == Which.PENDING) {
                    q.and("q.state = :pending", "pending", ApprovalRequest.State.PENDING);
                }
            }
        }
        if (filter.state() != null && filter.which() != Which.TO_ANSWER && filter.which() != Which.PENDING) {
            q.and("q.state = :state", "state", filter.state());
        }
        return q.startsWith(filter.text(), "q.deviceName", "q.userName");
    }

    private static String target(ApprovalRequest q) {
        return "approval-request:" + q.getId();
    }
}
