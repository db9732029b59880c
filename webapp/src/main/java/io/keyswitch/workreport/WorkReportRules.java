package io.keyswitch.workreport;

import io.keyswitch.account.AccountPolicies;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.NameKey;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.Text;
import io.keyswitch.platform.ValidationFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account's work report rule (optional or mandatory before the next Connect, the author's edit window) and its
 * own report fields, changed by its administrators ({@code settings:manage}) with a reason, each change audited.
 */
@ApplicationScoped
@Transactional
public class WorkReportRules {

    /** An account has at most this many fields of its own. */
    public static final int MAX_FIELDS = 30;
    /** A choice field has at most this many choices. */
    public static final int MAX_CHOICES = 50;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AccountPolicies policies;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** The account's rule; the defaults (optional, 24 hours) when it never changed it. Not managed. */
    public WorkReportRule rule(long accountId) {
        WorkReportRule stored = em.find(WorkReportRule.class, accountId);
        if (stored == null) {
            return new WorkReportRule(accountId);
        }
        em.detach(stored);
        return stored;
    }

    /** Changes the actor's account's rule. */
    public WorkReportRule update(Actor actor, WorkReportRule proposed, String reason) {
        actor.require(Rights.SETTINGS_MANAGE);
        String why = policies.reason(actor, reason);
        if (proposed.getEditHours() < 0 || proposed.getEditHours() > WorkReportRule.MAX_EDIT_HOURS) {
            throw ValidationFailed.of("editHours", "Between 0 (reports are final once written) and "
                    + WorkReportRule.MAX_EDIT_HOURS + " hours (30 days).");
        }
        WorkReportRule stored = em.find(WorkReportRule.class, actor.accountId());
        if (stored == null) {
            stored = new WorkReportRule(actor.accountId());
            em.persist(stored);
        }
        Changes changes = Changes.of().field("mandatory", stored.isMandatory(), proposed.isMandatory())
                .field("editHours", stored.getEditHours(), proposed.getEditHours());
        stored.change(proposed.isMandatory(), proposed.getEditHours(), clock.instant());
        em.flush();
        if (!changes.isEmpty()) {
            audit.record(AuditEntry.change(actor, AuditAction.WORK_REPORT_RULE, "work-report-rule", changes, why));
        }
        return stored;
    }

    /** The account's own fields in their order. */
    public List<ExtraField> fields(long accountId) {
        return em.createQuery("SELECT f FROM ExtraField f WHERE f.accountId = :a ORDER BY f.position, f.id", ExtraField.class)
                .setParameter("a", accountId).getResultList();
    }

    /**
     * Adds a field ({@code id} null) or changes one: a name unique in the account (one line, at most 100 characters),
     * a kind, the choices of a choice field (one per line), required or not, its place in the form.
     */
    public ExtraField saveField(Actor actor, Long id, ExtraField proposed, String reason) {
        actor.require(Rights.SETTINGS_MANAGE);
        Map<String, String> errors = new LinkedHashMap<>();
        String why;
        try {
            why = policies.reason(actor, reason);
        } catch (ValidationFailed e) {
            errors.putAll(e.fieldErrors());
            why = null;
        }
        String name = Text.oneLine(errors, "name", "The name", proposed.getName(), 100);
        if (name == null && !errors.containsKey("name")) {
            errors.put("name", "Please give the field a name.");
        }
        if (proposed.getKind() == null) {
            errors.put("kind", "Choose the kind: text, number, date or choice.");
        }
        String choices = Text.multiLine(errors, "choices", "The choices", proposed.getChoices(), 2000);
        List<String> choiceList = ExtraField.of(name, proposed.getKind(), choices, false).choiceList();
        if (proposed.getKind() == FieldKind.CHOICE) {
            if (choiceList.isEmpty()) {
                errors.put("choices", "A choice field needs its choices, one per line.");
            } else if (choiceList.size() > MAX_CHOICES) {
                errors.put("choices", "At most " + MAX_CHOICES + " choices.");
            } else if (choiceList.stream().distinct().count() < choiceList.size()) {
                errors.put("choices", "Each choice once.");
            }
        }
        String key = name == null ? null : NameKey.of(name);
        if (key != null && sameName(actor.accountId(), key, id)) {
            errors.put("name", "The account's reports have a field '" + name + "' already.");
        }
        ExtraField stored = id == null ? null : field(actor, id);
        if (stored == null && fields(actor.accountId()).size() >= MAX_FIELDS) {
            errors.put("name", "An account's work reports have at most " + MAX_FIELDS + " fields of its own.");
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        String storedChoices = proposed.getKind() == FieldKind.CHOICE ? String.join("\n", choiceList) : null;
        if (stored == null) {
            stored = new ExtraField(actor.accountId(), clock.instant());
            stored.set(name, key, proposed.getKind(), storedChoices, proposed.isRequired(), proposed.getPosition());
            em.persist(stored);
            em.flush();
            audit.record(AuditEntry.change(actor, AuditAction.WORK_REPORT_FIELD_CREATE, target(stored), Changes.of()
                    .field("name", null, name).field("kind", null, proposed.getKind()).field("choices", null, storedChoices)
                    .field("required", null, proposed.isRequired()).field("position", null, proposed.getPosition()), why));
            return stored;
        }
        Changes changes = Changes.of().field("name", stored.getName(), name).field("kind", stored.getKind(), proposed.getKind())
                .field("choices", stored.getChoices(), storedChoices).field("required", stored.isRequired(), proposed.isRequired())
                .field("position", stored.getPosition(), proposed.getPosition());
        stored.set(name, key, proposed.getKind(), storedChoices, proposed.isRequired(), proposed.getPosition());
        em.flush();
        if (!changes.isEmpty()) {
            audit.record(AuditEntry.change(actor, AuditAction.WORK_REPORT_FIELD_UPDATE, target(stored), changes, why));
        }
        return stored;
    }

    /** Deletes a field; reports written keep their values (they hold them with the field's name). */
    public void deleteField(Actor actor, long id, String reason) {
        actor.require(Rights.SETTINGS_MANAGE);
        String why = policies.reason(actor, reason);
        ExtraField stored = field(actor, id);
        em.remove(stored);
        em.flush();
        audit.record(AuditEntry.change(actor, AuditAction.WORK_REPORT_FIELD_DELETE, target(stored),
                Changes.of().field("name", stored.getName(), null), why));
    }

    private boolean sameName(long accountId, String key, Long id) {
        var q = em.createQuery("SELECT COUNT(f) FROM ExtraField f WHERE f.accountId = :a AND f.nameKey = :k"
                + (id == null ? "" : " AND f.id <> :id"), Long.class).setParameter("a", accountId).setParameter("k", key);
        if (id != null) {
            q.setParameter("id", id);
        }
        return q.getSingleResult() > 0;
    }

    private ExtraField field(Actor actor, long id) {
        ExtraField f = em.find(ExtraField.class, id);
        if (f == null || f.getAccountId() != actor.accountId()) {
            throw new NotFound("work report field");
        }
        return f;
    }

    private static String target(ExtraField f) {
        return "work-report-field:" + f.getId();
    }
}
