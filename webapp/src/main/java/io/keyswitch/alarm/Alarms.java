package io.keyswitch.alarm;

import io.keyswitch.access.AccessService;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.platform.AccountScopedQuery;
import io.keyswitch.platform.Actor;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alarms the actor may see (right {@code alarm:view} or {@code alarm:manage}): all of the account's for those who
 * see devices ({@code device:view}), else only those of the devices the actor's grants reach. Listed newest first,
 * filtered by device, severity and state; counted (active ones for the menu); acknowledged with a comment, audited.
 */
@ApplicationScoped
@Transactional
public class Alarms {

    /** Technicians see the alarms of at most this many of their granted devices. */
    static final int MAX_GRANTED = 10_000;

    private static final AccountScopedQuery.Sorting SORTING = AccountScopedQuery.Sorting.tieBrokenBy("a.id")
            .field("raisedAt", "a.raisedAt").field("severity", "a.severity").field("deviceId", "a.deviceId");

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    AccessService access;

    @Inject
    AlarmStates states;

    @Inject
    Clock clock;

    /**
     * What a list of alarms shows.
     *
     * @param state {@code active} (condition holds), {@code cleared}, {@code unacknowledged}; {@code null}: all
     */
    public record Filter(Long deviceId, Severity severity, String state) {

        public static final Filter ALL = new Filter(null, null, null);

        /** @throws ValidationFailed for an unknown severity or state */
        public static Filter of(Long deviceId, String severity, String state) {
            Map<String, String> errors = new LinkedHashMap<>();
            Severity s = severity == null || severity.isBlank() ? null : RuleForm.word(errors, "severity", severity, Severity.class);
            String st = state == null || state.isBlank() ? null : state.strip().toLowerCase(java.util.Locale.ROOT);
            if (st != null && !List.of("active", "cleared", "unacknowledged").contains(st)) {
                errors.put("state", "Please choose active, cleared or unacknowledged.");
            }
            if (!errors.isEmpty()) {
                throw new ValidationFailed(errors);
            }
            return new Filter(deviceId, s, st);
        }
    }

    public long count(Actor actor, Filter filter) {
        return list(actor, filter).map(AccountScopedQuery::count).orElse(0L);
    }

    /** Alarms whose condition holds now, for the menu and the home page. */
    public long countActive(Actor actor) {
        return count(actor, new Filter(null, null, "active"));
    }

    public List<Alarm> page(Actor actor, Filter filter, String sortField, boolean ascending, int first, int size) {
        return list(actor, filter).map(q -> q.orderBy(SORTING, sortField, ascending).page(first, Math.min(size, 500)))
                .orElse(List.of());
    }

    public Alarm find(Actor actor, long id) {
        return visible(actor, id);
    }

    /** The names of these devices, in one query (for lists of alarms). */
    public Map<Long, String> deviceNames(Actor actor, java.util.Collection<Long> deviceIds) {
        Map<Long, String> names = new HashMap<>();
        if (!deviceIds.isEmpty()) {
            em.createQuery("SELECT d.id, d.name FROM Device d WHERE d.accountId = :a AND d.id IN :ids", Object[].class)
                    .setParameter("a", actor.accountId()).setParameter("ids", List.copyOf(deviceIds)).getResultList()
                    .forEach(r -> names.put((Long) r[0], (String) r[1]));
        }
        return names;
    }

    /** The messages of an alarm, oldest first: who was told how, and whether it went out or still waits (pending). */
    public List<AlarmMessage> messages(Actor actor, long alarmId) {
        Alarm a = visible(actor, alarmId);
        return em.createQuery("SELECT m FROM AlarmMessage m WHERE m.alarmId = :a ORDER BY m.id", AlarmMessage.class)
                .setParameter("a", a.getId()).getResultList();
    }

    /**
     * Acknowledges an alarm with a comment (1 to 1000 characters), audited; a change alarm is cleared with it (it has
     * no condition that ends). Pending escalations of the alarm are not sent.
     *
     * @throws ValidationFailed for a missing comment or an alarm acknowledged already
     */
    public Alarm acknowledge(Actor actor, long alarmId, String comment) {
        Alarm a = visible(actor, alarmId);
        Map<String, String> errors = new LinkedHashMap<>();
        String c = Text.multiLine(errors, "comment", "The comment", comment, 1000);
        if (c == null && errors.isEmpty()) {
            errors.put("comment", "Please say what was done or why the alarm is acknowledged.");
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        if (a.isAcknowledged()) {
            throw ValidationFailed.of("comment", "This alarm was acknowledged already by " + a.getAcknowledgedBy() + ".");
        }
        a.acknowledge(actor.name(), c, clock.instant());
        audit.record(AuditEntry.of(actor, AuditAction.ALARM_ACKNOWLEDGE, Outcome.SUCCESS).on("alarm:" + a.getId())
                .withDetails(a.getSeverity() + " " + a.getRuleName() + " on device:" + a.getDeviceId()).because(c));
        if (a.getClearedAt() == null && a.openRuleId() != null && em.createQuery("SELECT r.kind FROM AlarmRule r WHERE r.id = :r", RuleKind.class)
                .setParameter("r", a.openRuleId()).getResultStream().findFirst().orElse(null) == RuleKind.CHANGE) {
            states.clear(a, clock.instant(), "acknowledged");
        }
        return a;
    }

    private Alarm visible(Actor actor, long id) {
        actor.requireAny(Rights.ALARM_VIEW, Rights.ALARM_MANAGE);
        Alarm a = em.find(Alarm.class, id);
        if (a == null || a.getAccountId() != actor.accountId()
                || granted(actor).map(ids -> !ids.contains(a.getDeviceId())).orElse(false)) {
            throw new NotFound("alarm");
        }
        return a;
    }

    /** The list, or none for an actor who sees no device. */
    private Optional<AccountScopedQuery<Alarm>> list(Actor actor, Filter f) {
        actor.requireAny(Rights.ALARM_VIEW, Rights.ALARM_MANAGE);
        AccountScopedQuery<Alarm> q = AccountScopedQuery.of(em, Alarm.class, "a", "accountId", actor.accountId());
        Optional<List<Long>> granted = granted(actor);
        if (granted.isPresent()) {
            if (granted.get().isEmpty()) {
                return Optional.empty();
            }
            q.and("a.deviceId IN :granted", "granted", granted.get());
        }
        if (f.deviceId() != null) {
            q.and("a.deviceId = :device", "device", f.deviceId());
        }
        if (f.severity() != null) {
            q.and("a.severity = :severity", "severity", f.severity());
        }
        if (f.state() != null) {
            q.and(switch (f.state()) {
                case "active" -> "a.clearedAt IS NULL";
                case "cleared" -> "a.clearedAt IS NOT NULL";
                default -> "a.acknowledgedAt IS NULL";
            });
        }
        return Optional.of(q);
    }

    /** Empty: every device of the account; else the devices the actor's grants reach (none without device:connect). */
    private Optional<List<Long>> granted(Actor actor) {
        if (actor.rights().test(Rights.DEVICE_VIEW)) {
            return Optional.empty();
        }
        if (!actor.rights().test(Rights.DEVICE_CONNECT)) {
            return Optional.of(List.of());
        }
        return Optional.of(access.myDevices(actor, null, 0, MAX_GRANTED).deviceIds());
    }
}
