package io.keyswitch.security;

import io.keyswitch.audit.AuditEntry;
import io.keyswitch.platform.Actor;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.platform.Rights;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Who needs a second factor: a user does if the appliance ({@value #KEY_REQUIRED}), their account
 * or any of their groups requires one. The stricter always wins: a group cannot relax what its
 * account requires. A user who needs one and has none is led through enrolment at the next login.
 */
@ApplicationScoped
public class SecondFactorPolicy {

    /** Appliance-wide: every user of every account needs a second factor. Default {@code false}. */
    public static final String KEY_REQUIRED = "keyswitch.second-factor.required";

    private static final Logger LOG = Logger.getLogger(SecondFactorPolicy.class.getName());

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    private boolean applianceRequired;

    /** A group of the account and whether it requires a second factor. */
    public record GroupPolicy(long id, String name, boolean required) implements Serializable {

        public long getId() {
            return id;
        }

        /** The id as the checkboxes submit it. */
        public String getKey() {
            return Long.toString(id);
        }

        public String getName() {
            return name;
        }

        public boolean isRequired() {
            return required;
        }
    }

    @PostConstruct
    void init() {
        applianceRequired = SettingsReader.portal().bool(KEY_REQUIRED, false);
        LOG.info(applianceRequired
                ? "Second factor: required of every user (" + KEY_REQUIRED + "=true)."
                : "Second factor: required where an account or group asks for it (" + KEY_REQUIRED + "=false).");
    }

    public boolean applianceRequired() {
        return applianceRequired;
    }

    /** Whether this user must log in with a second factor. */
    public boolean requiredFor(long userId) {
        if (applianceRequired) {
            return true;
        }
        Object answer = em.createNativeQuery("""
                SELECT (SELECT a.second_factor_required FROM app_user u JOIN account a ON a.id = u.account_id WHERE u.id = ?1)
                    OR EXISTS (SELECT 1 FROM group_membership m JOIN user_group g ON g.id = m.group_id
                               WHERE m.user_id = ?1 AND g.second_factor_required)""")
                .setParameter(1, userId).getSingleResult();
        return truth(answer);
    }

    public boolean accountRequired(long accountId) {
        return truth(em.createNativeQuery("SELECT second_factor_required FROM account WHERE id = ?1")
                .setParameter(1, accountId).getSingleResult());
    }

    /** The account's groups, by name. */
    public List<GroupPolicy> groups(long accountId) {
        List<?> rows = em.createNativeQuery(
                "SELECT id, name, second_factor_required FROM user_group WHERE account_id = ?1 ORDER BY name")
                .setParameter(1, accountId).getResultList();
        return rows.stream().map(r -> (Object[]) r)
                .map(r -> new GroupPolicy(((Number) r[0]).longValue(), (String) r[1], truth(r[2]))).toList();
    }

    /**
     * Sets whether the actor's account and which of its groups require a second factor (ids of other accounts' groups
     * are ignored); audited ({@code settings.second-factor}) with the fields that changed and the reason.
     *
     * @throws io.keyswitch.platform.Forbidden unless the actor holds {@value Rights#SETTINGS_MANAGE} or is a system
     *     administrator
     * @throws io.keyswitch.platform.ValidationFailed for a missing reason (field {@code reason})
     */
    @Transactional
    public void update(Actor actor, boolean account, Set<Long> requiringGroups, String reason) {
        actor.requireAny(Rights.SETTINGS_MANAGE, Rights.ACCOUNT_MANAGE);
        String why = Actor.requireReason(reason);
        long accountId = actor.accountId();
        boolean accountBefore = accountRequired(accountId);
        Set<String> groupsBefore = requiring(groups(accountId));
        em.createNativeQuery("UPDATE account SET second_factor_required = ?1 WHERE id = ?2")
                .setParameter(1, account).setParameter(2, accountId).executeUpdate();
        for (GroupPolicy g : groups(accountId)) {
            em.createNativeQuery("UPDATE user_group SET second_factor_required = ?1 WHERE id = ?2 AND account_id = ?3")
                    .setParameter(1, requiringGroups.contains(g.id())).setParameter(2, g.id()).setParameter(3, accountId)
                    .executeUpdate();
        }
        Changes changes = Changes.of().field("accountRequired", accountBefore, accountRequired(accountId))
                .field("groupsRequiring", groupsBefore, requiring(groups(accountId)));
        String name = (String) em.createNativeQuery("SELECT name FROM account WHERE id = ?1").setParameter(1, accountId)
                .getSingleResult();
        audit.record(AuditEntry.change(actor, AuditAction.SETTINGS_SECOND_FACTOR, "account:" + name, changes, why));
    }

    private static Set<String> requiring(List<GroupPolicy> groups) {
        Set<String> requiring = new TreeSet<>();
        groups.stream().filter(GroupPolicy::required).forEach(g -> requiring.add(g.name()));
        return requiring;
    }

    private static boolean truth(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return value instanceof Number n && n.intValue() != 0;
    }
}
