package io.keyswitch.siem;

import io.keyswitch.account.AccountPolicies;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.ValidationFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The syslog targets an actor manages: system administrators ({@value Rights#ACCOUNT_MANAGE}) the appliance-wide ones,
 * and an account's administrators (holding both {@value Rights#SETTINGS_MANAGE} and {@value Rights#AUDIT_VIEW}: a
 * target receives the trail, so only who may read it may send it away) their own account's. Listed with their
 * forwarding status, made, changed and deleted, each with a reason and audited with what changed; another account's
 * target is {@link NotFound}, as if it did not exist.
 */
@ApplicationScoped
@Transactional
public class SyslogTargets {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    AccountPolicies policies;

    @Inject
    ForwardingStore store;

    @Inject
    SiemForwarder forwarder;

    @Inject
    Clock clock;

    /** A target with where forwarding to it stands (getters for the page's EL, which does not read records). */
    public record Row(SyslogTarget target, ForwardingPosition position, long lag) {
        public SyslogTarget getTarget() {
            return target;
        }

        public ForwardingPosition getPosition() {
            return position;
        }

        public long getLag() {
            return lag;
        }
    }

    /** Whether the actor may see this page at all: a system administrator, or an account's administrator of its trail. */
    public static boolean permitted(Predicate<String> rights) {
        return rights.test(Rights.ACCOUNT_MANAGE) || (rights.test(Rights.SETTINGS_MANAGE) && rights.test(Rights.AUDIT_VIEW));
    }

    private static boolean manageAccount(Actor actor) {
        return actor.rights().test(Rights.SETTINGS_MANAGE) && actor.rights().test(Rights.AUDIT_VIEW);
    }

    private static boolean manageAppliance(Actor actor) {
        return actor.rights().test(Rights.ACCOUNT_MANAGE);
    }

    public long count(Actor actor) {
        requirePage(actor);
        return em.createQuery("SELECT COUNT(t) FROM SyslogTarget t WHERE " + visible(actor), Long.class)
                .setParameter("account", actor.accountId()).setParameter("appliance", manageAppliance(actor))
                .setParameter("own", manageAccount(actor)).getSingleResult();
    }

    /** The targets the actor manages (appliance-wide first), with their status. */
    public List<Row> page(Actor actor, int first, int size) {
        requirePage(actor);
        return em.createQuery("SELECT t FROM SyslogTarget t WHERE " + visible(actor)
                                + " ORDER BY CASE WHEN t.accountId IS NULL THEN 0 ELSE 1 END, t.name, t.id", SyslogTarget.class)
                .setParameter("account", actor.accountId()).setParameter("appliance", manageAppliance(actor))
                .setParameter("own", manageAccount(actor)).setFirstResult(first).setMaxResults(size).getResultList()
                .stream().map(this::row).toList();
    }

    private static String visible(Actor actor) {
        return "((t.accountId IS NULL AND :appliance = TRUE) OR (t.accountId = :account AND :own = TRUE))";
    }

    public Row find(Actor actor, long id) {
        return row(target(actor, id));
    }

    private Row row(SyslogTarget t) {
        ForwardingPosition p = store.position(t.getId());
        return new Row(t, p, p == null ? 0 : store.lag(t, p.getLastEventId()));
    }

    /** The target {@code id} if the actor manages it, else {@link NotFound} (another account's) or {@link Forbidden}. */
    SyslogTarget target(Actor actor, long id) {
        requirePage(actor);
        SyslogTarget t = em.find(SyslogTarget.class, id);
        if (t == null || (t.isApplianceWide() ? !manageAppliance(actor) : t.getAccountId() != actor.accountId())) {
            throw new NotFound("syslog target");
        }
        requireScope(actor, t.isApplianceWide());
        return t;
    }

    public SyslogTarget create(Actor actor, TargetForm form, String reason) {
        requirePage(actor);
        TargetForm.Checked c = form.check();
        boolean appliance = c.scope() == TargetForm.Scope.APPLIANCE;
        requireScope(actor, appliance);
        String why = reason(actor, appliance, reason);
        SyslogTarget t = new SyslogTarget(appliance ? null : actor.accountId(), clock.instant());
        t.apply(c);
        em.persist(t);
        em.flush();
        store.start(t);
        audit.record(AuditEntry.change(actor, AuditAction.SIEM_TARGET_CREATE, "siem-target:" + t.getId(),
                Changes.between(Map.of(), t.shown()), why));
        return t;
    }

    public SyslogTarget update(Actor actor, long id, TargetForm form, String reason) {
        SyslogTarget t = target(actor, id);
        TargetForm.Checked c = form.check();
        String why = reason(actor, t.isApplianceWide(), reason);
        Map<String, String> before = t.shown();
        t.apply(c);
        Changes changes = Changes.between(before, t.shown());
        if (!changes.isEmpty()) {
            em.flush(); // the version moves: the forwarder reconnects with the new settings
            audit.record(AuditEntry.change(actor, AuditAction.SIEM_TARGET_UPDATE, "siem-target:" + t.getId(), changes, why));
        }
        return t;
    }

    public void delete(Actor actor, long id, String reason) {
        SyslogTarget t = target(actor, id);
        String why = reason(actor, t.isApplianceWide(), reason);
        audit.record(AuditEntry.change(actor, AuditAction.SIEM_TARGET_DELETE, "siem-target:" + t.getId(),
                Changes.between(t.shown(), Map.of()), why));
        em.remove(t);
    }

    private String reason(Actor actor, boolean appliance, String reason) {
        return appliance ? Actor.requireReason(reason) : policies.reason(actor, reason);
    }

    private static void requirePage(Actor actor) {
        if (!permitted(actor.rights())) {
            throw new Forbidden(Rights.ACCOUNT_MANAGE + " or " + Rights.SETTINGS_MANAGE + " with " + Rights.AUDIT_VIEW);
        }
    }

    private static void requireScope(Actor actor, boolean appliance) {
        if (appliance && !manageAppliance(actor)) {
            throw ValidationFailed.of("scope", "Only system administrators manage appliance-wide targets.");
        }
        if (!appliance && !manageAccount(actor)) {
            throw new Forbidden(Rights.SETTINGS_MANAGE + " with " + Rights.AUDIT_VIEW);
        }
    }
}
