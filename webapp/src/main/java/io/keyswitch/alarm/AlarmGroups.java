package io.keyswitch.alarm;

import io.keyswitch.account.AccountPolicies;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.platform.AccountScopedQuery;
import io.keyswitch.platform.Actor;
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

/**
 * The alarm groups of the actor's account (right {@code alarm:manage}): who is told of which alarms. Listed, made,
 * changed and deleted, each with a reason and audited with what changed.
 */
@ApplicationScoped
@Transactional
public class AlarmGroups {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    AccountPolicies policies;

    @Inject
    Clock clock;

    public long count(Actor actor) {
        return list(actor).count();
    }

    public List<AlarmGroup> page(Actor actor, int first, int size) {
        return list(actor).orderBy("g.name, g.id").page(first, size);
    }

    public AlarmGroup find(Actor actor, long id) {
        actor.require(Rights.ALARM_MANAGE);
        AlarmGroup g = em.find(AlarmGroup.class, id);
        if (g == null || g.getAccountId() != actor.accountId()) {
            throw new NotFound("alarm group");
        }
        return g;
    }

    public AlarmGroup create(Actor actor, GroupForm form, String reason) {
        actor.require(Rights.ALARM_MANAGE);
        String why = policies.reason(actor, reason);
        GroupForm.Checked c = scoped(actor, form.check(), null);
        AlarmGroup g = new AlarmGroup(actor.accountId(), clock.instant());
        g.apply(c);
        em.persist(g);
        em.flush();
        audit.record(AuditEntry.change(actor, AuditAction.ALARM_GROUP_CREATE, "alarm-group:" + g.getId(),
                Changes.between(Map.of(), g.shown()), why));
        return g;
    }

    public AlarmGroup update(Actor actor, long id, GroupForm form, String reason) {
        actor.require(Rights.ALARM_MANAGE);
        String why = policies.reason(actor, reason);
        AlarmGroup g = find(actor, id);
        GroupForm.Checked c = scoped(actor, form.check(), id);
        Map<String, String> before = g.shown();
        g.apply(c);
        Changes changes = Changes.between(before, g.shown());
        if (!changes.isEmpty()) {
            audit.record(AuditEntry.change(actor, AuditAction.ALARM_GROUP_UPDATE, "alarm-group:" + g.getId(), changes, why));
        }
        return g;
    }

    public void delete(Actor actor, long id, String reason) {
        actor.require(Rights.ALARM_MANAGE);
        String why = policies.reason(actor, reason);
        AlarmGroup g = find(actor, id);
        audit.record(AuditEntry.change(actor, AuditAction.ALARM_GROUP_DELETE, "alarm-group:" + g.getId(),
                Changes.between(g.shown(), Map.of()), why));
        em.remove(g);
    }

    private AccountScopedQuery<AlarmGroup> list(Actor actor) {
        actor.require(Rights.ALARM_MANAGE);
        return AccountScopedQuery.of(em, AlarmGroup.class, "g", "accountId", actor.accountId());
    }

    private GroupForm.Checked scoped(Actor actor, GroupForm.Checked c, Long self) {
        long a = actor.accountId();
        if (!Scope.userGroupOf(em, a, c.userGroupId())) {
            throw ValidationFailed.of("userGroupId", "This account has no user group " + c.userGroupId() + ".");
        }
        if (c.projectId() != null && !Scope.projectOf(em, a, c.projectId())) {
            throw ValidationFailed.of("projectId", "This account has no project " + c.projectId() + ".");
        }
        if (c.deviceId() != null && !Scope.deviceOf(em, a, c.deviceId())) {
            throw ValidationFailed.of("deviceId", "This account has no device " + c.deviceId() + ".");
        }
        if (c.escalateTo() != null && (c.escalateTo().equals(self) || !Scope.alarmGroupOf(em, a, c.escalateTo()))) {
            throw ValidationFailed.of("escalateTo", c.escalateTo().equals(self) ? "A group cannot escalate to itself."
                    : "This account has no alarm group " + c.escalateTo() + ".");
        }
        return c;
    }
}
