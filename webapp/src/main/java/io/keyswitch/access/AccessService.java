package io.keyswitch.access;

import io.keyswitch.audit.AuditEntry;
import io.keyswitch.account.AccountPolicies;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.device.Component;
import io.keyswitch.device.Device;
import io.keyswitch.device.Project;
import io.keyswitch.platform.AccountScopedQuery;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import io.keyswitch.user.User;
import io.keyswitch.user.UserGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Grants of the actor's account, default deny: who may reach which project, device or component,
 * and the two views an auditor asks for — what a user can reach, and who can reach a component
 * (each with the grant that gives it).
 */
@ApplicationScoped
@Transactional
public class AccessService {

    /**
     * The user's grants: their own and their groups', each found through its index (user, then
     * membership → group) instead of scanning every grant of the account.
     */
    private static final String MINE = """
            (SELECT g.group_id, g.project_id, g.device_id, g.component_id FROM access_grant g
              WHERE g.account_id = ?1 AND g.user_id = ?2
             UNION ALL
             SELECT g.group_id, g.project_id, g.device_id, g.component_id
               FROM group_membership m JOIN access_grant g ON g.group_id = m.group_id
              WHERE m.user_id = ?2 AND g.account_id = ?1)""";

    /** The components a user reaches, one row per grant path. */
    private static final String PATHS = """
              SELECT d.id device_id, d.name device, d.virtual_subnet, d.lan_subnet, c.id component_id, c.name component,
                     c.ip, c.services, CONCAT(COALESCE(CONCAT('group ', ug.name), 'directly'), ' → component ', c.name) via
                FROM""" + MINE + """
                 g JOIN component c ON c.id = g.component_id JOIN device d ON d.id = c.device_id
                LEFT JOIN user_group ug ON ug.id = g.group_id
              UNION ALL
              SELECT d.id, d.name, d.virtual_subnet, d.lan_subnet, c.id, c.name, c.ip, c.services,
                     CONCAT(COALESCE(CONCAT('group ', ug.name), 'directly'), ' → device ', d.name)
                FROM""" + MINE + """
                 g JOIN device d ON d.id = g.device_id JOIN component c ON c.device_id = d.id
                LEFT JOIN user_group ug ON ug.id = g.group_id
              UNION ALL
              SELECT d.id, d.name, d.virtual_subnet, d.lan_subnet, c.id, c.name, c.ip, c.services,
                     CONCAT(COALESCE(CONCAT('group ', ug.name), 'directly'), ' → project ', p.name)
                FROM""" + MINE + """
                 g JOIN project p ON p.id = g.project_id JOIN device d ON d.project_id = p.id
                JOIN component c ON c.device_id = d.id
                LEFT JOIN user_group ug ON ug.id = g.group_id
            """;

    /** One query per grant scope, joined down to components, one row per component with every path to it. */
    private static final String REACH = """
            SELECT x.device_id, x.device, x.virtual_subnet, x.lan_subnet, x.component_id, x.component, x.ip, x.services,
                   GROUP_CONCAT(DISTINCT x.via ORDER BY x.via SEPARATOR '; '), COUNT(*) OVER ()
            FROM (""" + PATHS + """
            ) x
            GROUP BY x.component_id, x.device_id, x.device, x.virtual_subnet, x.lan_subnet, x.component, x.ip, x.services
            ORDER BY x.device, x.component, x.component_id
            """;

    private static final String REACH_COUNT = "SELECT COUNT(DISTINCT x.component_id) FROM (" + PATHS + ") x";

    /** The components a user reaches on some devices (?3: a comma list of device ids is not bindable, so one IN). */
    private static final String REACH_ON_DEVICES = """
            SELECT x.device_id, x.device, x.virtual_subnet, x.lan_subnet, x.component_id, x.component, x.ip, x.services,
                   GROUP_CONCAT(DISTINCT x.via ORDER BY x.via SEPARATOR '; ')
            FROM (""" + PATHS + """
            ) x
            WHERE x.device_id IN (SELECT d.id FROM device d WHERE d.account_id = ?1 AND d.id IN (%s))
            GROUP BY x.component_id, x.device_id, x.device, x.virtual_subnet, x.lan_subnet, x.component, x.ip, x.services
            ORDER BY x.device, x.component, x.component_id
            """;

    /** The devices a user reaches at least one component of, by name, with a name prefix filter; and how many. */
    private static final String DEVICES = """
            SELECT x.device_id, COUNT(*) OVER ()
            FROM (""" + PATHS + """
            ) x
            WHERE ?3 IS NULL OR x.device LIKE ?3
            GROUP BY x.device_id, x.device
            ORDER BY x.device, x.device_id
            LIMIT ?4 OFFSET ?5
            """;

    /**
     * Which components of some devices some users reach now, for all of them in one query (the live connections'
     * check): %1$s the user ids, %2$s the device ids (longs only, never text from a request).
     */
    private static final String MANY = """
            SELECT DISTINCT x.user_id, x.device_id, d.name, d.virtual_subnet, d.lan_subnet, c.id, c.name, c.ip, c.services
            FROM (
              SELECT g.user_id, c.device_id, c.id component_id FROM access_grant g JOIN component c ON c.id = g.component_id
               WHERE g.user_id IN (%1$s) AND c.device_id IN (%2$s) AND c.account_id = g.account_id
              UNION ALL
              SELECT m.user_id, c.device_id, c.id FROM group_membership m JOIN access_grant g ON g.group_id = m.group_id
                JOIN component c ON c.id = g.component_id
               WHERE m.user_id IN (%1$s) AND c.device_id IN (%2$s) AND c.account_id = g.account_id
              UNION ALL
              SELECT g.user_id, c.device_id, c.id FROM access_grant g JOIN component c ON c.device_id = g.device_id
               WHERE g.user_id IN (%1$s) AND g.device_id IN (%2$s) AND c.account_id = g.account_id
              UNION ALL
              SELECT m.user_id, c.device_id, c.id FROM group_membership m JOIN access_grant g ON g.group_id = m.group_id
                JOIN component c ON c.device_id = g.device_id
               WHERE m.user_id IN (%1$s) AND g.device_id IN (%2$s) AND c.account_id = g.account_id
              UNION ALL
              SELECT g.user_id, d.id, c.id FROM access_grant g JOIN device d ON d.project_id = g.project_id
                JOIN component c ON c.device_id = d.id
               WHERE g.user_id IN (%1$s) AND d.id IN (%2$s) AND d.account_id = g.account_id
              UNION ALL
              SELECT m.user_id, d.id, c.id FROM group_membership m JOIN access_grant g ON g.group_id = m.group_id
                JOIN device d ON d.project_id = g.project_id JOIN component c ON c.device_id = d.id
               WHERE m.user_id IN (%1$s) AND d.id IN (%2$s) AND d.account_id = g.account_id
            ) x JOIN device d ON d.id = x.device_id JOIN component c ON c.id = x.component_id
            """;

    private static final String DEVICES_COUNT = "SELECT COUNT(DISTINCT x.device_id) FROM (" + PATHS + ") x"
            + " WHERE ?3 IS NULL OR x.device LIKE ?3";


    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    AccountPolicies policies;

    @Inject
    Clock clock;

    @Inject
    jakarta.enterprise.event.Event<GrantsChanged> grantsChanged;

    public List<Grant> grants(Actor actor) {
        return grants(actor, 0, Integer.MAX_VALUE);
    }

    /** One page of the account's grants, newest first, cut by the database. */
    public List<Grant> grants(Actor actor, int first, int size) {
        return grantList(actor).orderBy("g.id DESC").page(first, size);
    }

    public long countGrants(Actor actor) {
        return grantList(actor).count();
    }

    private AccountScopedQuery<Grant> grantList(Actor actor) {
        actor.require(Rights.USER_MANAGE);
        return AccountScopedQuery.of(em, Grant.class, "g", "accountId", actor.accountId());
    }

    /** Whether the same subject already reaches the same scope by a grant. */
    private boolean exists(Grant g) {
        StringBuilder q = new StringBuilder("SELECT COUNT(x) FROM Grant x WHERE x.accountId = :a");
        java.util.Map<String, Object> params = new java.util.LinkedHashMap<>();
        same(q, params, "user", g.getUserRef());
        same(q, params, "group", g.getGroupRef());
        same(q, params, "project", g.getProjectRef());
        same(q, params, "device", g.getDeviceRef());
        same(q, params, "component", g.getComponentRef());
        var query = em.createQuery(q.toString(), Long.class).setParameter("a", g.getAccountId());
        params.forEach(query::setParameter);
        return query.getSingleResult() > 0;
    }

    private static void same(StringBuilder q, java.util.Map<String, Object> params, String field, Object value) {
        if (value == null) {
            q.append(" AND x.").append(field).append(" IS NULL");
        } else {
            q.append(" AND x.").append(field).append(" = :").append(field);
            params.put(field, value);
        }
    }

    /** Creates the grants asked for (one per listed component); refuses one that exists already. */
    public List<Grant> grant(Actor actor, GrantRequest request, String reason) {
        actor.require(Rights.USER_MANAGE);
        String why = policies.reason(actor, reason);
        User user = null;
        UserGroup group = null;
        if (request.getSubjectType() == GrantRequest.SubjectType.USER) {
            user = request.getUserId() == null ? null : em.find(User.class, request.getUserId());
            if (user == null || !user.getAccount().getId().equals(actor.accountId())) {
                throw ValidationFailed.of("user", "Please choose a user from the list.");
            }
        } else {
            group = request.getGroupId() == null ? null : em.find(UserGroup.class, request.getGroupId());
            if (group == null || !group.getAccount().getId().equals(actor.accountId())) {
                throw ValidationFailed.of("group", "Please choose a group from the list.");
            }
        }
        List<Grant> created = new ArrayList<>();
        switch (request.getScopeType()) {
            case PROJECT -> {
                Project p = request.getProjectId() == null ? null : em.find(Project.class, request.getProjectId());
                if (p == null || p.getAccountId() != actor.accountId()) {
                    throw ValidationFailed.of("project", "Please choose a project from the list.");
                }
                created.add(new Grant(actor.accountId(), user, group, p, null, null, clock.instant()));
            }
            case DEVICE -> created.add(new Grant(actor.accountId(), user, group, null, device(actor, request), null, clock.instant()));
            case COMPONENTS -> {
                Device d = device(actor, request);
                if (request.getComponentIds().isEmpty()) {
                    throw ValidationFailed.of("components", "Please tick at least one component.");
                }
                for (Long id : request.getComponentIds()) {
                    Component c = id == null ? null : em.find(Component.class, id);
                    if (c == null || !c.getDevice().getId().equals(d.getId())) {
                        throw ValidationFailed.of("components", "Please tick components of the chosen device.");
                    }
                    created.add(new Grant(actor.accountId(), user, group, null, null, c, clock.instant()));
                }
            }
            default -> throw new IllegalArgumentException("unknown scope");
        }
        for (Grant g : created) {
            if (exists(g)) {
                throw ValidationFailed.of("scopeType", g.getSubject() + " may already reach " + g.getScope() + ".");
            }
            em.persist(g);
            em.flush();
            audit.record(AuditEntry.change(actor, AuditAction.GRANT_CREATE, "grant:" + g.getId(),
                    Changes.of().field("subject", null, g.getSubject()).field("scope", null, g.getScope()), why));
        }
        grantsChanged.fire(new GrantsChanged(actor.accountId()));
        return created;
    }

    public void revoke(Actor actor, long grantId, String reason) {
        actor.require(Rights.USER_MANAGE);
        String why = policies.reason(actor, reason);
        Grant g = em.find(Grant.class, grantId);
        if (g == null || g.getAccountId() != actor.accountId()) {
            throw new NotFound("grant");
        }
        audit.record(AuditEntry.change(actor, AuditAction.GRANT_DELETE, "grant:" + g.getId(),
                Changes.of().field("subject", g.getSubject(), null).field("scope", g.getScope(), null), why));
        em.remove(g);
        grantsChanged.fire(new GrantsChanged(actor.accountId()));
    }

    /** Every component {@code userId} can reach, with the grants that give it; empty without grants. */
    public List<Reach> reachableBy(Actor actor, long userId) {
        return reachableBy(actor, userId, 0, Integer.MAX_VALUE);
    }

    /** How many components {@code userId} can reach. */
    public long countReachable(Actor actor, long userId) {
        reachableUser(actor, userId);
        return ((Number) em.createNativeQuery(REACH_COUNT).setParameter(1, actor.accountId()).setParameter(2, userId)
                .getSingleResult()).longValue();
    }

    /** One page of what {@code userId} can reach, by device and component name, cut by the database. */
    public List<Reach> reachableBy(Actor actor, long userId, int first, int size) {
        return reachPage(actor, userId, first, size).items();
    }

    /** A page of what a user can reach and how many components there are in all. */
    public record ReachPage(List<Reach> items, long total) {
    }

    /**
     * One page and the total in one query (a window count over the grouped rows); only a page past
     * the end needs a second query for the total.
     */
    public ReachPage reachPage(Actor actor, long userId, int first, int size) {
        reachableUser(actor, userId);
        List<Reach> out = new ArrayList<>();
        long total = -1;
        for (Object row : em.createNativeQuery(REACH + " LIMIT ?3 OFFSET ?4").setParameter(1, actor.accountId())
                .setParameter(2, userId).setParameter(3, size).setParameter(4, first).getResultList()) {
            Object[] r = (Object[]) row;
            total = ((Number) r[9]).longValue();
            out.add(new Reach(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                    ((Number) r[4]).longValue(), (String) r[5], (String) r[6], (String) r[7], (String) r[8]));
        }
        return new ReachPage(out, total >= 0 ? total : countReachable(actor, userId));
    }

    private void reachableUser(Actor actor, long userId) {
        actor.require(Rights.USER_MANAGE);
        User u = em.find(User.class, userId);
        if (u == null || !u.getAccount().getId().equals(actor.accountId())) {
            throw new NotFound("user");
        }
    }

    /** One page of the devices the signed-in user can reach, by name, and how many there are in all. */
    public record DevicePage(List<Long> deviceIds, long total) {
    }

    /**
     * The devices the actor's own grants reach (their "machines"), filtered by a name prefix, one page by name:
     * what a technician may connect to. Right {@code device:connect}.
     */
    public DevicePage myDevices(Actor actor, String filter, int first, int size) {
        actor.require(Rights.DEVICE_CONNECT);
        long self = self(actor);
        String pattern = filter == null || filter.isBlank() ? null : io.keyswitch.platform.Like.prefix(filter);
        List<Long> ids = new ArrayList<>();
        long total = -1;
        for (Object row : em.createNativeQuery(DEVICES).setParameter(1, actor.accountId()).setParameter(2, self)
                .setParameter(3, pattern).setParameter(4, size).setParameter(5, first).getResultList()) {
            Object[] r = (Object[]) row;
            ids.add(((Number) r[0]).longValue());
            total = ((Number) r[1]).longValue();
        }
        if (total < 0) {
            total = ((Number) em.createNativeQuery(DEVICES_COUNT).setParameter(1, actor.accountId()).setParameter(2, self)
                    .setParameter(3, pattern).getSingleResult()).longValue();
        }
        return new DevicePage(ids, total);
    }

    /** What the actor's own grants reach on these devices (of the actor's account), one query. Right {@code device:connect}. */
    public List<Reach> myReach(Actor actor, List<Long> deviceIds) {
        actor.require(Rights.DEVICE_CONNECT);
        return reachOnDevices(actor.accountId(), self(actor), deviceIds);
    }

    /**
     * What {@code userId}'s grants reach on these devices of {@code accountId}, for the portal's own decisions (a
     * connection opening, a sweep checking that its grants still hold): no actor, so callers check rights first and
     * never show the result to anyone else.
     */
    public List<Reach> reachOnDevices(long accountId, long userId, List<Long> deviceIds) {
        if (deviceIds.isEmpty()) {
            return List.of();
        }
        String ids = String.join(",", deviceIds.stream().map(id -> Long.toString(id)).toList()); // longs only
        List<Reach> out = new ArrayList<>();
        for (Object row : em.createNativeQuery(REACH_ON_DEVICES.formatted(ids)).setParameter(1, accountId)
                .setParameter(2, userId).getResultList()) {
            Object[] r = (Object[]) row;
            out.add(new Reach(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                    ((Number) r[4]).longValue(), (String) r[5], (String) r[6], (String) r[7], (String) r[8]));
        }
        return out;
    }

    /** A component some user reaches on some device (the grant paths are not told). */
    public record UserReach(long userId, Reach reach) {
    }

    /**
     * Which components of {@code deviceIds} each of {@code userIds} reaches now, in one query, for the portal's own
     * checks of live connections (no actor: never shown to anyone).
     */
    public List<UserReach> reachOfUsers(java.util.Collection<Long> userIds, java.util.Collection<Long> deviceIds) {
        if (userIds.isEmpty() || deviceIds.isEmpty()) {
            return List.of();
        }
        String users = String.join(",", userIds.stream().map(id -> Long.toString(id)).toList());
        String devices = String.join(",", deviceIds.stream().map(id -> Long.toString(id)).toList());
        List<UserReach> out = new ArrayList<>();
        for (Object row : em.createNativeQuery(MANY.formatted(users, devices)).getResultList()) {
            Object[] r = (Object[]) row;
            out.add(new UserReach(((Number) r[0]).longValue(), new Reach(((Number) r[1]).longValue(), (String) r[2],
                    (String) r[3], (String) r[4], ((Number) r[5]).longValue(), (String) r[6], (String) r[7], (String) r[8],
                    null)));
        }
        return out;
    }

    private static long self(Actor actor) {
        if (actor.userId() == null) {
            throw new io.keyswitch.platform.Forbidden(Rights.DEVICE_CONNECT);
        }
        return actor.userId();
    }

    /** Who can reach {@code componentId}: each user with the grant (and group) that gives it. */
    public List<String> whoCanReach(Actor actor, long componentId) {
        actor.require(Rights.USER_MANAGE);
        Component c = em.find(Component.class, componentId);
        if (c == null || c.getAccountId() != actor.accountId()) {
            throw new NotFound("component");
        }
        Device d = c.getDevice();
        List<Grant> grants = (d.getProject() == null
                ? em.createQuery("SELECT g FROM Grant g WHERE g.accountId = :a AND (g.component = :c OR g.device = :d)", Grant.class)
                : em.createQuery("SELECT g FROM Grant g WHERE g.accountId = :a AND (g.component = :c OR g.device = :d OR g.project = :p)",
                        Grant.class).setParameter("p", d.getProject()))
                .setParameter("a", actor.accountId()).setParameter("c", c).setParameter("d", d).getResultList();
        List<String> who = new ArrayList<>();
        for (Grant g : grants) {
            List<User> users = em.createQuery("SELECT u FROM Grant g JOIN g.user u WHERE g = :g", User.class)
                    .setParameter("g", g).getResultList();
            List<User> members = em.createQuery("SELECT m FROM Grant g JOIN g.group gr JOIN gr.members m WHERE g = :g", User.class)
                    .setParameter("g", g).getResultList();
            users.forEach(u -> who.add(u.getUsername() + " (" + u.getFullName() + ") — directly → " + g.getScope()));
            members.forEach(u -> who.add(u.getUsername() + " (" + u.getFullName() + ") — " + g.getSubject() + " → " + g.getScope()));
        }
        who.sort(String::compareTo);
        return who;
    }

    private Device device(Actor actor, GrantRequest request) {
        Device d = request.getDeviceId() == null ? null : em.find(Device.class, request.getDeviceId());
        if (d == null || d.getAccountId() != actor.accountId()) {
            throw ValidationFailed.of("device", "Please choose a device from the list.");
        }
        return d;
    }
}
