package io.keyswitch.approval;

import io.keyswitch.account.AccountPolicies;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who approves connections: a project's default and a device's own rule (inherit, none, a user group of the account),
 * and how long the account's requests wait for an answer. Read by anyone who sees devices; changed with a reason
 * (right {@code device:edit} for a device, {@code project:manage} for a project, {@code settings:manage} for the
 * answer time) and audited with before and after.
 */
@ApplicationScoped
@Transactional
public class ApprovalRules {

    /** The device's own rule first, then its project's; with the group's name. */
    private static final String RULES = "SELECT r.mode, r.user_group_id, g.name, r.device_id FROM approval_rule r"
            + " LEFT JOIN user_group g ON g.id = r.user_group_id"
            + " WHERE r.device_id = ?1 OR r.project_id = (SELECT d.project_id FROM device d WHERE d.id = ?1)"
            + " ORDER BY r.device_id IS NULL";

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    AccountPolicies policies;

    @Inject
    Clock clock;

    /** A user group of the account, for the pages' choice of approvers. */
    public record Group(long id, String name) {
        public long getId() {
            return id;
        }

        public String getName() {
            return name;
        }
    }

    /** The rule of device {@code deviceId} of the actor's account, with what is in force (right device:view). */
    public ApprovalSetting ofDevice(Actor actor, long deviceId) {
        actor.requireAny(Rights.DEVICE_VIEW, Rights.DEVICE_EDIT);
        owned(actor, "device", deviceId);
        return inForce(deviceId);
    }

    /** The rule of project {@code projectId} of the actor's account (right device:view). */
    public ApprovalSetting ofProject(Actor actor, long projectId) {
        actor.requireAny(Rights.DEVICE_VIEW, Rights.PROJECT_MANAGE);
        owned(actor, "project", projectId);
        return projectRule(projectId);
    }

    /** The rule in force for a device (no actor: for the consent and for requests). */
    public ApprovalSetting inForce(long deviceId) {
        List<?> rows = em.createNativeQuery(RULES).setParameter(1, deviceId).getResultList();
        Object[] own = null;
        Object[] project = null;
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            if (r[3] != null) {
                own = r;
            } else {
                project = r;
            }
        }
        Object[] ruling = own != null ? own : project;
        boolean needed = ruling != null && ApprovalMode.GROUP.name().equals(ruling[0]);
        return new ApprovalSetting(own == null ? ApprovalMode.INHERIT : ApprovalMode.valueOf((String) own[0]),
                own == null ? null : id(own[1]), own == null ? null : (String) own[2],
                needed ? id(ruling[1]) : null, needed ? (String) ruling[2] : null, needed);
    }

    private ApprovalSetting projectRule(long projectId) {
        List<?> rows = em.createNativeQuery("SELECT r.mode, r.user_group_id, g.name FROM approval_rule r LEFT JOIN user_group g"
                + " ON g.id = r.user_group_id WHERE r.project_id = ?1").setParameter(1, projectId).getResultList();
        if (rows.isEmpty()) {
            return new ApprovalSetting(ApprovalMode.NONE, null, null, null, null, false);
        }
        Object[] r = (Object[]) rows.get(0);
        ApprovalMode mode = ApprovalMode.valueOf((String) r[0]);
        boolean needed = mode == ApprovalMode.GROUP;
        return new ApprovalSetting(mode, id(r[1]), (String) r[2], needed ? id(r[1]) : null, needed ? (String) r[2] : null, needed);
    }

    /** Sets device {@code deviceId}'s rule (right device:edit), with a reason; audited when it changed. */
    public ApprovalSetting changeDevice(Actor actor, long deviceId, String mode, Long groupId, String reason) {
        actor.require(Rights.DEVICE_EDIT);
        owned(actor, "device", deviceId);
        ApprovalSetting before = inForce(deviceId);
        change(actor, "device", deviceId, mode, groupId, reason, before);
        return inForce(deviceId);
    }

    /** Sets project {@code projectId}'s default rule (right project:manage), with a reason; audited when it changed. */
    public ApprovalSetting changeProject(Actor actor, long projectId, String mode, Long groupId, String reason) {
        actor.require(Rights.PROJECT_MANAGE);
        owned(actor, "project", projectId);
        ApprovalSetting before = projectRule(projectId);
        change(actor, "project", projectId, mode, groupId, reason, before);
        return projectRule(projectId);
    }

    private void change(Actor actor, String kind, long id, String modeText, Long groupId, String reason, ApprovalSetting before) {
        Map<String, String> errors = new LinkedHashMap<>();
        String why = null;
        try {
            why = policies.reason(actor, reason);
        } catch (ValidationFailed e) {
            errors.putAll(e.fieldErrors());
        }
        ApprovalMode mode = ApprovalMode.parse(modeText, kind.equals("device"), errors);
        String groupName = null;
        if (mode == ApprovalMode.GROUP) {
            groupName = groupId == null ? null : groupName(actor.accountId(), groupId);
            if (groupName == null) {
                errors.put("userGroupId", groupId == null ? "Choose the group whose members approve."
                        : "This account has no user group " + groupId + ".");
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        Long group = mode == ApprovalMode.GROUP ? groupId : null;
        em.createNativeQuery("DELETE FROM approval_rule WHERE " + kind + "_id = ?1").setParameter(1, id).executeUpdate();
        if (mode != ApprovalMode.INHERIT) {
            em.createNativeQuery("INSERT INTO approval_rule (account_id, " + kind + "_id, mode, user_group_id, updated_at)"
                            + " VALUES (?1, ?2, ?3, ?4, ?5)").setParameter(1, actor.accountId()).setParameter(2, id)
                    .setParameter(3, mode.name()).setParameter(4, group).setParameter(5, now()).executeUpdate();
        }
        Changes changes = Changes.of().field("mode", before.mode().name(), mode.name())
                .field("group", before.groupName() == null ? "" : before.groupName(), groupName == null ? "" : groupName);
        if (!changes.isEmpty()) {
            audit.record(AuditEntry.change(actor, AuditAction.APPROVAL_RULE, kind + ":" + id, changes, why));
        }
    }

    /** How long the account's requests wait for an answer, in minutes. */
    public int expiryMinutes(long accountId) {
        List<?> rows = em.createNativeQuery("SELECT expire_minutes FROM approval_account_setting WHERE account_id = ?1")
                .setParameter(1, accountId).getResultList();
        return rows.isEmpty() ? ApprovalWindow.EXPIRY_DEFAULT : ((Number) rows.get(0)).intValue();
    }

    /** Sets the account's answer time (right settings:manage), with a reason; audited. */
    public int changeExpiry(Actor actor, Integer minutes, String reason) {
        actor.require(Rights.SETTINGS_MANAGE);
        Map<String, String> errors = new LinkedHashMap<>();
        String why = null;
        try {
            why = policies.reason(actor, reason);
        } catch (ValidationFailed e) {
            errors.putAll(e.fieldErrors());
        }
        Integer checked = ApprovalWindow.expiry(minutes, errors);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        int before = expiryMinutes(actor.accountId());
        em.createNativeQuery("INSERT INTO approval_account_setting (account_id, expire_minutes, updated_at) VALUES (?1, ?2, ?3)"
                        + " ON DUPLICATE KEY UPDATE expire_minutes = VALUES(expire_minutes), updated_at = VALUES(updated_at)")
                .setParameter(1, actor.accountId()).setParameter(2, checked).setParameter(3, now()).executeUpdate();
        if (before != checked) {
            audit.record(AuditEntry.change(actor, AuditAction.APPROVAL_SETTINGS, "account:" + actor.accountId(),
                    Changes.of().field("expireMinutes", before, checked), why));
        }
        return checked;
    }

    /** The account's user groups by name (the pages' choice of approvers). */
    public List<Group> groups(Actor actor) {
        actor.requireAny(Rights.DEVICE_EDIT, Rights.PROJECT_MANAGE);
        return em.createNativeQuery("SELECT id, name FROM user_group WHERE account_id = ?1 ORDER BY name")
                .setParameter(1, actor.accountId()).getResultList().stream()
                .map(o -> {
                    Object[] r = (Object[]) o;
                    return new Group(((Number) r[0]).longValue(), (String) r[1]);
                }).toList();
    }

    /** Whether user {@code userId} is a member of group {@code groupId} of account {@code accountId}. */
    public boolean isMember(long accountId, long groupId, long userId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM group_membership m JOIN user_group g ON g.id = m.group_id"
                        + " WHERE m.group_id = ?1 AND m.user_id = ?2 AND g.account_id = ?3")
                .setParameter(1, groupId).setParameter(2, userId).setParameter(3, accountId).getSingleResult()).longValue() > 0;
    }

    /** The groups of the account user {@code userId} is a member of. */
    public List<Long> groupsOf(long accountId, long userId) {
        return em.createNativeQuery("SELECT m.group_id FROM group_membership m JOIN user_group g ON g.id = m.group_id"
                        + " WHERE m.user_id = ?1 AND g.account_id = ?2").setParameter(1, userId).setParameter(2, accountId)
                .getResultList().stream().map(o -> ((Number) o).longValue()).toList();
    }

    private String groupName(long accountId, long groupId) {
        List<?> rows = em.createNativeQuery("SELECT name FROM user_group WHERE id = ?1 AND account_id = ?2")
                .setParameter(1, groupId).setParameter(2, accountId).getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    /** 404 unless {@code kind} {@code id} is the actor's account's; kind is "device" or "project", never request text. */
    private void owned(Actor actor, String kind, long id) {
        long n = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM " + kind + " WHERE id = ?1 AND account_id = ?2")
                .setParameter(1, id).setParameter(2, actor.accountId()).getSingleResult()).longValue();
        if (n == 0) {
            throw new NotFound(kind);
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static Long id(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }
}
