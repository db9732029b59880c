package io.keyswitch.user;

import io.keyswitch.platform.LoginNames;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.platform.Rights;
import io.keyswitch.account.AccountPolicies;
import io.keyswitch.account.Account;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.platform.AccountScopedQuery;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.RandomTokens;
import io.keyswitch.platform.Text;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Users and groups of the actor's account: every read scoped to it, every change checked against
 * the actor's right, validated field by field, given a reason and audited with what changed.
 * New users and password resets get a random one-time password, shown once, to be replaced at
 * the first login.
 */
@ApplicationScoped
@Transactional
public class UserAdministration {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9 ]{6,19}");
    /** The earliest and latest validity a temporary user may have: the database stores years up to 9999. */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    jakarta.enterprise.event.Event<UserDisabled> disabled;

    @Inject
    jakarta.enterprise.event.Event<RightsChanged> rightsChanged;

    @Inject
    jakarta.enterprise.event.Event<PasswordReset> passwordReset;

    @Inject
    AuditTrail audit;

    @Inject
    AccountPolicies policies;

    @Inject
    PasswordHasher hasher;

    @Inject
    Clock clock;

    /** A created user or a reset password: the one-time password, to be shown once and never stored in clear. */
    public record OneTimePassword(User user, String password) {
    }

    // --- users ---------------------------------------------------------------------------------

    public long countUsers(Actor actor, String filter) {
        return userList(actor, filter).count();
    }

    public List<User> users(Actor actor, String filter, int first, int size) {
        return userList(actor, filter).orderBy("u.username").page(first, size);
    }

    /** The actor's users whose user name or full name starts with {@code filter}. */
    private AccountScopedQuery<User> userList(Actor actor, String filter) {
        actor.require(Rights.USER_MANAGE);
        return AccountScopedQuery.of(em, User.class, "u", "account.id", actor.accountId())
                .startsWith(filter, "u.username", "u.fullName");
    }

    public User user(Actor actor, long userId) {
        actor.require(Rights.USER_MANAGE);
        User u = em.find(User.class, userId);
        if (u == null || !u.getAccount().getId().equals(actor.accountId())) {
            throw new NotFound("user");
        }
        return u;
    }

    /** The user of this name in the actor's account, if there is one. */
    public java.util.Optional<User> userNamed(Actor actor, String username) {
        actor.require(Rights.USER_MANAGE);
        return em.createQuery("SELECT u FROM User u WHERE u.account.id = :a AND u.username = :n", User.class)
                .setParameter("a", actor.accountId()).setParameter("n", username == null ? "" : username.strip())
                .getResultStream().findFirst();
    }

    public Set<Long> groupIdsOf(Actor actor, long userId) {
        User u = user(actor, userId);
        return new HashSet<>(em.createQuery("SELECT g.id FROM UserGroup g JOIN g.members m WHERE m = :u", Long.class)
                .setParameter("u", u).getResultList());
    }

    /** The groups of each of {@code users} (all of the actor's account), in one query: a page of users, not one query each. */
    public java.util.Map<Long, Set<Long>> groupIdsOf(Actor actor, List<User> users) {
        actor.require(Rights.USER_MANAGE);
        java.util.Map<Long, Set<Long>> groups = new java.util.HashMap<>();
        users.forEach(u -> groups.put(u.getId(), new HashSet<>()));
        if (users.isEmpty()) {
            return groups;
        }
        em.createQuery("SELECT m.id, g.id FROM UserGroup g JOIN g.members m WHERE m.id IN :ids AND g.account.id = :a",
                        Object[].class)
                .setParameter("ids", List.copyOf(groups.keySet())).setParameter("a", actor.accountId())
                .getResultList().forEach(row -> groups.get((Long) row[0]).add((Long) row[1]));
        return groups;
    }

    public OneTimePassword createUser(Actor actor, UserForm form, String reason) {
        actor.require(Rights.USER_MANAGE);
        String why = policies.reason(actor, reason);
        Checked c = check(actor, form, null);
        c.groups.forEach(g -> RightsCeiling.requireMayHandOut(actor, "the group '" + g.getName() + "'", g.getRights()));
        boolean systemAdmin = Boolean.TRUE.equals(form.getSystemAdmin());
        if (systemAdmin) {
            requireSystemAdmin(actor);
        }
        String password = RandomTokens.readable(16);
        Account account = em.find(Account.class, actor.accountId());
        User u = new User(account, c.username, c.fullName, hasher.hash(password.toCharArray()), clock.instant());
        u.setMustChangePassword(true);
        u.setSystemAdmin(systemAdmin);
        applyDetails(u, form, c);
        em.persist(u);
        setGroups(u, c.groups);
        em.flush();
        record(actor, AuditAction.USER_CREATE, "user:" + u.getUsername(), Changes.of()
                .field("username", null, u.getUsername()).field("fullName", null, u.getFullName())
                .field("email", null, u.getEmail()).field("phone", null, u.getPhone()).field("status", null, u.getStatus())
                .field("validFrom", null, u.getValidFrom()).field("validUntil", null, u.getValidUntil())
                .field("maxLogins", null, u.getMaxLogins()).field("groups", null, names(c.groups))
                .field("systemAdmin", null, systemAdmin ? Boolean.TRUE : null), why);
        return new OneTimePassword(u, password);
    }

    public User updateUser(Actor actor, long userId, UserForm form, String reason) {
        actor.require(Rights.USER_MANAGE);
        String why = policies.reason(actor, reason);
        User u = user(actor, userId);
        requireMayChange(actor, u);
        Checked c = check(actor, form, u);
        List<UserGroup> before = groupsOf(u);
        for (UserGroup g : before) {
            if (!c.groups.contains(g)) {
                RightsCeiling.requireMayHandOut(actor, "the group '" + g.getName() + "'", g.getRights());
            }
        }
        for (UserGroup g : c.groups) {
            if (!before.contains(g)) {
                RightsCeiling.requireMayHandOut(actor, "the group '" + g.getName() + "'", g.getRights());
            }
        }
        boolean systemAdmin = form.getSystemAdmin() == null ? u.isSystemAdmin() : form.getSystemAdmin();
        if (systemAdmin != u.isSystemAdmin()) {
            requireSystemAdmin(actor);
        }
        Changes changes = Changes.of().field("fullName", u.getFullName(), c.fullName)
                .field("email", u.getEmail(), c.email).field("phone", u.getPhone(), c.phone)
                .field("status", u.getStatus(), form.isActive() ? UserStatus.ACTIVE : UserStatus.DISABLED)
                .field("validFrom", u.getValidFrom(), c.validFrom).field("validUntil", u.getValidUntil(), c.validUntil)
                .field("maxLogins", u.getMaxLogins(), c.maxLogins).field("groups", names(before), names(c.groups))
                .field("systemAdmin", u.isSystemAdmin(), systemAdmin);
        if (u.getId().equals(actor.userId())) {
            // nobody changes their own rights or status: another administrator does
            if (!form.isActive()) {
                throw ValidationFailed.of("active", "You cannot disable yourself.");
            }
            if (!new HashSet<>(before).equals(new HashSet<>(c.groups))) {
                throw ValidationFailed.of("groups", "You cannot change your own groups; another administrator can.");
            }
            if (systemAdmin != u.isSystemAdmin()) {
                throw ValidationFailed.of("systemAdmin", "You cannot change whether you are a system administrator.");
            }
        }
        boolean disabling = u.getStatus() == UserStatus.ACTIVE && !form.isActive();
        applyDetails(u, form, c);
        u.setSystemAdmin(systemAdmin);
        setGroups(u, c.groups);
        if (!changes.isEmpty()) {
            record(actor, AuditAction.USER_UPDATE, "user:" + u.getUsername(), changes, why);
            rightsChanged.fire(new RightsChanged(actor.accountId()));
        }
        if (disabling) {
            disabled.fire(new UserDisabled(actor.accountId(), u.getId()));
        }
        return u;
    }

    public OneTimePassword resetPassword(Actor actor, long userId, String reason) {
        actor.require(Rights.USER_MANAGE);
        String why = policies.reason(actor, reason);
        User u = user(actor, userId);
        requireMayChange(actor, u);
        String password = RandomTokens.readable(16);
        u.changePasswordHash(hasher.hash(password.toCharArray()), clock.instant());
        u.setMustChangePassword(true);
        record(actor, AuditAction.USER_PASSWORD_RESET, "user:" + u.getUsername(),
                Changes.of().field("password", "(set)", "(one-time password, to be changed at the next login)"), why);
        passwordReset.fire(new PasswordReset(actor.accountId(), u.getId()));
        return new OneTimePassword(u, password);
    }

    /**
     * Throws {@link io.keyswitch.platform.Forbidden} unless the actor may change this user of its account: it holds
     * every right the user has, and is a system administrator if the user is one ({@link RightsCeiling}).
     */
    public void requireMayChange(Actor actor, User user) {
        RightsCeiling.requireMayChange(actor, user.getUsername(), rightsOf(user), user.isSystemAdmin());
    }

    private List<String> rightsOf(User u) {
        return em.createQuery("SELECT DISTINCT r FROM UserGroup g JOIN g.members m JOIN g.rights r WHERE m = :u", String.class)
                .setParameter("u", u).getResultList();
    }

    private static void requireSystemAdmin(Actor actor) {
        if (!actor.rights().test(Rights.ACCOUNT_MANAGE)) {
            throw io.keyswitch.platform.Forbidden.because("Only a system administrator may make or unmake a system administrator.");
        }
    }

    // --- groups --------------------------------------------------------------------------------

    public List<UserGroup> groups(Actor actor) {
        return groupList(actor, null).orderBy("g.name").all();
    }

    public long countGroups(Actor actor, String filter) {
        return groupList(actor, filter).count();
    }

    /** One page of the account's groups by name, cut by the database. */
    public List<UserGroup> groups(Actor actor, String filter, int first, int size) {
        return groupList(actor, filter).orderBy("g.name").page(first, size);
    }

    /** The actor's groups whose name starts with {@code filter}. */
    private AccountScopedQuery<UserGroup> groupList(Actor actor, String filter) {
        actor.requireAny(Rights.USER_MANAGE, Rights.GROUP_MANAGE);
        return AccountScopedQuery.of(em, UserGroup.class, "g", "account.id", actor.accountId()).startsWith(filter, "g.name");
    }

    public UserGroup group(Actor actor, long groupId) {
        actor.require(Rights.GROUP_MANAGE);
        UserGroup g = em.find(UserGroup.class, groupId);
        if (g == null || !g.getAccount().getId().equals(actor.accountId())) {
            throw new NotFound("group");
        }
        return g;
    }

    public long memberCount(UserGroup group) {
        return em.createQuery("SELECT COUNT(m) FROM UserGroup g JOIN g.members m WHERE g = :g", Long.class)
                .setParameter("g", group).getSingleResult();
    }

    public UserGroup saveGroup(Actor actor, Long groupId, String name, String description, List<String> rights, String reason) {
        actor.require(Rights.GROUP_MANAGE);
        String why = policies.reason(actor, reason);
        Map<String, String> errors = new LinkedHashMap<>();
        String n = Text.oneLine(errors, "name", "The name", name, 100);
        String desc = Text.multiLine(errors, "description", "The description", description, 500);
        if (n == null) {
            errors.putIfAbsent("name", "Please enter a name.");
        } else if (em.createQuery("SELECT g.id FROM UserGroup g WHERE g.account.id = :a AND g.nameKey = :k", Long.class)
                .setParameter("a", actor.accountId()).setParameter("k", io.keyswitch.platform.NameKey.of(n)).getResultStream()
                .anyMatch(id -> !id.equals(groupId))) {
            errors.put("name", "There is already a group named '" + n + "'.");
        }
        List<String> given = rights == null ? List.of() : rights;
        Set<String> wanted = new TreeSet<>(given.stream().filter(java.util.Objects::nonNull).toList());
        if (given.stream().anyMatch(java.util.Objects::isNull)) { // List.of(...).contains(null) would throw
            errors.put("rights", "A right cannot be empty (null).");
        } else if (!Rights.ALL.containsAll(wanted)) {
            errors.put("rights", "Unknown rights: " + wanted.stream().filter(r -> !Rights.ALL.contains(r)).collect(Collectors.joining(", ")));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        RightsCeiling.requireMayHandOut(actor, "the group '" + n + "'", wanted);
        if (groupId == null) {
            UserGroup g = new UserGroup(em.find(Account.class, actor.accountId()), n, clock.instant());
            g.setDescription(desc);
            g.getRights().addAll(wanted);
            em.persist(g);
            em.flush();
            record(actor, AuditAction.GROUP_CREATE, "group:" + n, Changes.of().field("name", null, n)
                    .field("description", null, desc).field("rights", null, String.join(", ", wanted)), why);
            return g;
        }
        UserGroup g = group(actor, groupId);
        RightsCeiling.requireMayHandOut(actor, "the group '" + g.getName() + "'", g.getRights());
        Changes changes = Changes.of().field("name", g.getName(), n).field("description", g.getDescription(), desc)
                .field("rights", String.join(", ", new TreeSet<>(g.getRights())), String.join(", ", wanted));
        g.setName(n);
        g.setDescription(desc);
        g.getRights().clear();
        g.getRights().addAll(wanted);
        if (!changes.isEmpty()) {
            record(actor, AuditAction.GROUP_UPDATE, "group:" + n, changes, why);
            rightsChanged.fire(new RightsChanged(actor.accountId()));
        }
        return g;
    }

    /**
     * Deletes a group; its members lose its rights at their next request and its grants go with it
     * (counted in the audit). Refused for the last group through which anybody may manage groups.
     */
    public void deleteGroup(Actor actor, long groupId, String reason) {
        actor.require(Rights.GROUP_MANAGE);
        String why = policies.reason(actor, reason);
        UserGroup g = group(actor, groupId);
        RightsCeiling.requireMayHandOut(actor, "the group '" + g.getName() + "'", g.getRights());
        if (g.getRights().contains(Rights.GROUP_MANAGE)) {
            long others = em.createQuery("SELECT COUNT(DISTINCT m) FROM UserGroup o JOIN o.members m JOIN o.rights r"
                            + " WHERE o.account.id = :a AND o <> :g AND r = :right AND m.status = :active", Long.class)
                    .setParameter("a", actor.accountId()).setParameter("g", g).setParameter("right", Rights.GROUP_MANAGE)
                    .setParameter("active", UserStatus.ACTIVE).getSingleResult();
            if (others == 0) {
                throw ValidationFailed.of("reason", "'" + g.getName() + "' is the last group through which an active user"
                        + " may manage groups; deleting it would lock the account's administration out.");
            }
        }
        long grants = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM access_grant WHERE group_id = ?1")
                .setParameter(1, g.getId()).getSingleResult()).longValue();
        record(actor, AuditAction.GROUP_DELETE, "group:" + g.getName(), Changes.of().field("name", g.getName(), null)
                .field("rights", String.join(", ", new TreeSet<>(g.getRights())), null)
                .field("members", memberCount(g), null).field("grants", grants, null), why);
        em.createNativeQuery("DELETE FROM access_grant WHERE group_id = ?1").setParameter(1, g.getId()).executeUpdate();
        em.remove(g);
        rightsChanged.fire(new RightsChanged(actor.accountId()));
    }

    // --- checks --------------------------------------------------------------------------------

    private record Checked(String username, String fullName, String email, String phone,
                           Instant validFrom, Instant validUntil, Integer maxLogins, List<UserGroup> groups) {
    }

    private Checked check(Actor actor, UserForm form, User existing) {
        Map<String, String> errors = new LinkedHashMap<>();
        String username = existing != null ? existing.getUsername() : trim(form.getUsername());
        if (existing != null && form.getUsername() != null && !form.getUsername().strip().equals(username)) {
            errors.put("username", "A user name cannot be changed; leave it out or give '" + username + "'.");
        }
        if (existing == null) {
            if (!LoginNames.validUser(username)) {
                errors.put("username", "2 to 64 characters: lower-case letters, digits, dot, dash and underscore, starting with a letter or digit.");
            } else if (!em.createQuery("SELECT u.id FROM User u WHERE u.account.id = :a AND u.username = :n", Long.class)
                    .setParameter("a", actor.accountId()).setParameter("n", username).getResultList().isEmpty()) {
                errors.put("username", "There is already a user named '" + username + "' in this account.");
            }
        }
        String fullName = Text.oneLine(errors, "fullName", "The full name", form.getFullName(), 200);
        if (fullName == null) {
            errors.putIfAbsent("fullName", "Please enter the person's full name.");
        }
        String email = Text.oneLine(errors, "email", "The e-mail address", form.getEmail(), 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.put("email", "'" + email + "' is not an e-mail address.");
        }
        String phone = Text.oneLine(errors, "phone", "The phone number", form.getPhone(), 40);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            errors.put("phone", "Enter the number in international form, such as +49 170 1234567.");
        }
        Instant from = form.isTemporary() ? UserForm.instant(form.getValidFrom()) : null;
        Instant until = form.isTemporary() ? UserForm.instant(form.getValidUntil()) : null;
        Integer maxLogins = form.isTemporary() ? form.getMaxLogins() : null;
        if (form.isTemporary()) {
            if (until == null && maxLogins == null) {
                errors.put("validUntil", "A temporary user needs an end date, a maximum number of logins, or both.");
            }
            for (Instant t : new Instant[] {from, until}) {
                if (t != null && (t.isBefore(EARLIEST) || t.isAfter(LATEST))) {
                    errors.put(t == until ? "validUntil" : "validFrom", "A date from 1970 to 9999.");
                }
            }
            if (from != null && until != null && !until.isAfter(from)) {
                errors.put("validUntil", "The end must be after the start.");
            }
            if (maxLogins != null && (maxLogins < 1 || maxLogins > 10000)) {
                errors.put("maxLogins", "Between 1 and 10000 logins.");
            }
        }
        List<UserGroup> groups = form.getGroupIds().isEmpty() ? List.of()
                : em.createQuery("SELECT g FROM UserGroup g WHERE g.id IN :ids AND g.account.id = :a", UserGroup.class)
                        .setParameter("ids", form.getGroupIds()).setParameter("a", actor.accountId()).getResultList();
        if (groups.size() != new HashSet<>(form.getGroupIds()).size()) {
            errors.put("groups", "Please choose groups from the list.");
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return new Checked(username, fullName, email, phone, from, until, maxLogins, groups);
    }

    private static void applyDetails(User u, UserForm form, Checked c) {
        u.setFullName(c.fullName);
        u.setEmail(c.email);
        u.setPhone(c.phone);
        u.setStatus(form.isActive() ? UserStatus.ACTIVE : UserStatus.DISABLED);
        u.setValidFrom(c.validFrom);
        u.setValidUntil(c.validUntil);
        u.setMaxLogins(c.maxLogins);
    }

    private List<UserGroup> groupsOf(User u) {
        return em.createQuery("SELECT g FROM UserGroup g JOIN g.members m WHERE m = :u ORDER BY g.name", UserGroup.class)
                .setParameter("u", u).getResultList();
    }

    private void setGroups(User u, List<UserGroup> wanted) {
        for (UserGroup g : groupsOf(u)) {
            if (!wanted.contains(g)) {
                g.getMembers().remove(u);
            }
        }
        for (UserGroup g : wanted) {
            g.getMembers().add(u);
        }
    }

    private static String names(List<UserGroup> groups) {
        return groups.stream().map(UserGroup::getName).sorted().collect(Collectors.joining(", "));
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private void record(Actor actor, AuditAction action, String target, Changes changes, String reason) {
        audit.record(AuditEntry.change(actor, action, target, changes, reason));
    }
}
