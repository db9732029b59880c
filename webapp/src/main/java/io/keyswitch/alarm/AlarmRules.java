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
 * The alarm rules of the actor's account (right {@code alarm:manage}): listed, made (own or built-in), changed and
 * deleted, each with a reason and audited with what changed. A rule that is switched off or deleted clears its open
 * alarms; a changed rule keeps them (they show the rule as it was when they were raised).
 */
@ApplicationScoped
@Transactional
public class AlarmRules {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    AccountPolicies policies;

    @Inject
    AlarmStates states;

    @Inject
    Clock clock;

    public long count(Actor actor) {
        return list(actor).count();
    }

    /** One page of the account's rules: account-wide first, then by project and device, by name. */
    public List<AlarmRule> page(Actor actor, int first, int size) {
        return list(actor).orderBy("r.deviceId, r.projectId, r.name, r.id").page(first, size);
    }

    /** The rules of one device: its own and those of its project and the account (for the device page). */
    public List<AlarmRule> ofDevice(Actor actor, long deviceId, Long projectId) {
        actor.requireAny(Rights.ALARM_MANAGE, Rights.ALARM_VIEW);
        return AccountScopedQuery.of(em, AlarmRule.class, "r", "accountId", actor.accountId())
                .and("r.deviceId = :dev OR (r.deviceId IS NULL AND (r.projectId IS NULL OR r.projectId = "
                        + (projectId == null ? -1L : projectId.longValue()) + "))", "dev", deviceId) // a long, never text
                .orderBy("r.name, r.id").all();
    }

    public AlarmRule find(Actor actor, long id) {
        actor.require(Rights.ALARM_MANAGE);
        AlarmRule r = em.find(AlarmRule.class, id);
        if (r == null || r.getAccountId() != actor.accountId()) {
            throw new NotFound("alarm rule");
        }
        return r;
    }

    public AlarmRule create(Actor actor, RuleForm form, String reason) {
        actor.require(Rights.ALARM_MANAGE);
        String why = policies.reason(actor, reason);
        RuleForm.Checked c = scoped(actor, form.check());
        AlarmRule r = new AlarmRule(actor.accountId(), clock.instant());
        r.apply(c);
        em.persist(r);
        em.flush();
        audit.record(AuditEntry.change(actor, AuditAction.ALARM_RULE_CREATE, "alarm-rule:" + r.getId(),
                Changes.between(Map.of(), r.shown()), why));
        return r;
    }

    public AlarmRule update(Actor actor, long id, RuleForm form, String reason) {
        actor.require(Rights.ALARM_MANAGE);
        String why = policies.reason(actor, reason);
        AlarmRule r = find(actor, id);
        RuleForm.Checked c = scoped(actor, form.check());
        Map<String, String> before = r.shown();
        r.apply(c);
        Changes changes = Changes.between(before, r.shown());
        if (!changes.isEmpty()) {
            audit.record(AuditEntry.change(actor, AuditAction.ALARM_RULE_UPDATE, "alarm-rule:" + r.getId(), changes, why));
        }
        if (!r.isEnabled()) {
            clearOpen(r, "the rule was switched off");
        }
        return r;
    }

    /** Switches a rule on or off (a built-in one as any other): a change of its {@code enabled} only, audited. */
    public AlarmRule switchTo(Actor actor, long id, boolean on, String reason) {
        return update(actor, id, RuleForm.of(find(actor, id), on), reason);
    }

    /** The account-wide rules made from built-in presets, by preset key (the page's built-in switches). */
    public Map<String, AlarmRule> accountBuiltins(Actor actor) {
        Map<String, AlarmRule> out = new java.util.HashMap<>();
        list(actor).and("r.builtin IS NOT NULL AND r.deviceId IS NULL AND r.projectId IS NULL").orderBy("r.id").all()
                .forEach(r -> out.putIfAbsent(r.getBuiltin(), r));
        return out;
    }

    public void delete(Actor actor, long id, String reason) {
        actor.require(Rights.ALARM_MANAGE);
        String why = policies.reason(actor, reason);
        AlarmRule r = find(actor, id);
        audit.record(AuditEntry.change(actor, AuditAction.ALARM_RULE_DELETE, "alarm-rule:" + r.getId(),
                Changes.between(r.shown(), Map.of()), why));
        clearOpen(r, "the rule was deleted");
        em.flush();
        em.remove(r);
    }

    private void clearOpen(AlarmRule r, String why) {
        em.createQuery("SELECT a FROM Alarm a WHERE a.openRuleId = :r", Alarm.class).setParameter("r", r.getId())
                .getResultList().forEach(a -> states.clear(a, clock.instant(), why));
    }

    private AccountScopedQuery<AlarmRule> list(Actor actor) {
        actor.require(Rights.ALARM_MANAGE);
        return AccountScopedQuery.of(em, AlarmRule.class, "r", "accountId", actor.accountId());
    }

    /** The rule's device or project is the actor's account's. */
    private RuleForm.Checked scoped(Actor actor, RuleForm.Checked c) {
        if (c.deviceId() != null && !Scope.deviceOf(em, actor.accountId(), c.deviceId())) {
            throw ValidationFailed.of("deviceId", "This account has no device " + c.deviceId() + ".");
        }
        if (c.projectId() != null && !Scope.projectOf(em, actor.accountId(), c.projectId())) {
            throw ValidationFailed.of("projectId", "This account has no project " + c.projectId() + ".");
        }
        return c;
    }
}
