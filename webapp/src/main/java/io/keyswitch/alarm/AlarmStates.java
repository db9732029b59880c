package io.keyswitch.alarm;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.datapoint.DeviceReports;
import io.keyswitch.datapoint.Presence;
import io.keyswitch.datapoint.Reading;
import io.keyswitch.datapoint.ReportStored;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Raises and clears alarms, keeping their state in the database: an alarm is raised when a rule's condition starts on
 * a device (one INSERT that the unique key of open alarms turns into nothing when one is open already, so parallel
 * reports and a restart never make two), and cleared when the condition ends. Each raising is audited and hands the
 * alarm to the {@link AlarmOutbox} in the same transaction, so no alarm is raised without its messages.
 */
@ApplicationScoped
public class AlarmStates {

    private static final String RAISE = "INSERT IGNORE INTO alarm (account_id, device_id, rule_id, open_rule_id, rule_name,"
            + " severity, text, value, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String OFFLINE = """
            SELECT r.id, d.id, dr.last_report_at, v.online, v.last_seen, a.id
            FROM alarm_rule r
            JOIN device d ON d.account_id = r.account_id AND (r.device_id IS NULL OR r.device_id = d.id)
                         AND (r.project_id IS NULL OR r.project_id = d.project_id)
            JOIN device_report dr ON dr.device_id = d.id
            LEFT JOIN device_vpn_status v ON v.device_id = d.id
            LEFT JOIN alarm a ON a.open_rule_id = r.id AND a.device_id = d.id
            WHERE r.kind = 'OFFLINE' AND r.enabled AND d.status = 'ACTIVE'
            """;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    Clock clock;

    private volatile Instant watchingSince;

    @Inject
    AuditTrail audit;

    @Inject
    AlarmOutbox outbox;

    @Inject
    DeviceReports reports;

    /**
     * The rules of the report's device that watch its points, evaluated against the readings; a report clears "offline".
     *
     * @return whether an alarm was raised (its messages wait in the outbox)
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean onReport(ReportStored report) {
        Long projectId = em.createQuery("SELECT d.project.id FROM Device d WHERE d.id = :d", Long.class)
                .setParameter("d", report.deviceId()).getResultStream().findFirst().orElse(null);
        List<AlarmRule> rules = em.createQuery("SELECT r FROM AlarmRule r WHERE r.accountId = :a AND r.enabled = TRUE"
                        + " AND (r.deviceId = :d OR (r.deviceId IS NULL AND (r.projectId IS NULL OR r.projectId = :p)))",
                        AlarmRule.class)
                .setParameter("a", report.accountId()).setParameter("d", report.deviceId())
                .setParameter("p", projectId == null ? -1L : projectId).getResultList();
        if (rules.isEmpty()) {
            return false;
        }
        boolean raised = false;
        Map<Long, Alarm> open = new HashMap<>();
        em.createQuery("SELECT a FROM Alarm a WHERE a.deviceId = :d AND a.openRuleId IS NOT NULL", Alarm.class)
                .setParameter("d", report.deviceId()).getResultList().forEach(a -> open.put(a.openRuleId(), a));
        Instant now = clock.instant();
        for (AlarmRule rule : rules) {
            Alarm alarm = open.get(rule.getId());
            if (rule.getKind() == RuleKind.OFFLINE) {
                if (alarm != null) {
                    clear(alarm, now, "the device reported again");
                }
                continue;
            }
            for (Reading r : report.current()) {
                if (!rule.condition().watches(r)) {
                    continue;
                }
                String shown = Reading.shown(r.type(), r.number(), r.text());
                Verdict verdict = rule.condition().evaluate(alarm != null, r, report.previous().get(r.name()));
                switch (verdict) {
                    case RAISE -> {
                        Optional<Alarm> made = raise(rule, report.deviceId(), shown, report.at());
                        raised |= made.isPresent();
                        alarm = made.orElse(alarm);
                    }
                    case CLEAR -> {
                        clear(alarm, now, r.name() + " is " + shown);
                        alarm = null;
                    }
                    case UPDATE -> alarm.showValue(shown);
                    case KEEP -> {
                        // nothing changes
                    }
                }
            }
        }
        return raised;
    }

    /** Offline rules count a device's silence from this moment at the earliest (the portal's start). */
    public void watchFrom(Instant portalStarted) {
        watchingSince = portalStarted;
    }

    /**
     * What an offline check did, and when the next device it watches would go offline if it stays silent.
     *
     * @param raised how many alarms were raised
     * @param next   the earliest moment a watched device without an open alarm reaches its rule's silence, or
     *               {@code null} when none is watched
     */
    public record OfflineCheck(int raised, Instant next) {
    }

    /**
     * Raises "offline" for every device that an enabled OFFLINE rule watches and that has not reported for the rule's
     * minutes (default: the report interval × the intervals after which a device is offline) while no tunnel is up,
     * and clears it where the device is online again (a tunnel came up). Devices that never reported are not watched.
     *
     * @return how many alarms were raised, and when to check again at the latest for the next device to go offline
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public OfflineCheck checkOffline() {
        Instant now = clock.instant();
        Duration fallback = reports.settings().offlineAfter();
        Map<Long, AlarmRule> rules = new HashMap<>();
        int raised = 0;
        Instant next = null;
        for (Object row : em.createNativeQuery(OFFLINE).getResultList()) {
            Object[] r = (Object[]) row;
            AlarmRule rule = rules.computeIfAbsent(((Number) r[0]).longValue(), id -> em.find(AlarmRule.class, id));
            long deviceId = ((Number) r[1]).longValue();
            Duration after = rule.getOfflineMinutes() == null ? fallback : Duration.ofMinutes(rule.getOfflineMinutes());
            boolean tunnelUp = r[3] != null && (r[3] instanceof Boolean b ? b : ((Number) r[3]).intValue() != 0);
            Instant heard = Condition.heard(instant(r[2]), watchingSince);
            Presence presence = Presence.of(heard, tunnelUp, instant(r[4]), now, after);
            boolean open = r[5] != null;
            switch (Condition.offline(open, presence)) {
                case RAISE -> raised += raise(rule, deviceId, "last seen " + presence.lastSeen(), now).isPresent() ? 1 : 0;
                case CLEAR -> clear(em.find(Alarm.class, ((Number) r[5]).longValue()), now, "the device is online");
                default -> {
                    // still offline with its alarm, or online without one: when does its silence reach the rule's time?
                    // (a device online by its tunnel past that moment is checked again by the regular runs)
                    Instant silentEnough = open ? null : Condition.offlineAt(heard, after);
                    if (silentEnough != null && silentEnough.isAfter(now) && (next == null || silentEnough.isBefore(next))) {
                        next = silentEnough;
                    }
                }
            }
        }
        return new OfflineCheck(raised, next);
    }

    /** Raises an alarm of {@code rule} on the device unless one is open; empty then. */
    Optional<Alarm> raise(AlarmRule rule, long deviceId, String value, Instant at) {
        int inserted = em.createNativeQuery(RAISE).setParameter(1, rule.getAccountId()).setParameter(2, deviceId)
                .setParameter(3, rule.getId()).setParameter(4, rule.getId()).setParameter(5, rule.getName())
                .setParameter(6, rule.getSeverity().name()).setParameter(7, rule.getText()).setParameter(8, value)
                .setParameter(9, LocalDateTime.ofInstant(at, ZoneOffset.UTC)).executeUpdate();
        if (inserted == 0) {
            return Optional.empty();
        }
        long id = ((Number) em.createNativeQuery("SELECT LAST_INSERT_ID()").getSingleResult()).longValue();
        Alarm alarm = em.find(Alarm.class, id);
        audit.record(AuditEntry.of(AuditAction.ALARM_RAISE, Outcome.SUCCESS).in(rule.getAccountId()).bySystem()
                .on("alarm:" + id).withDetails(rule.getSeverity() + " " + rule.getName() + " on device:" + deviceId
                        + (value == null ? "" : " (" + value + ")")));
        outbox.enqueue(alarm);
        return Optional.of(alarm);
    }

    /** Clears an open alarm: its condition ended (or, for a change, it was acknowledged). */
    void clear(Alarm alarm, Instant at, String why) {
        if (alarm.getClearedAt() != null) {
            return;
        }
        alarm.clear(at);
        audit.record(AuditEntry.of(AuditAction.ALARM_CLEAR, Outcome.SUCCESS).in(alarm.getAccountId()).bySystem()
                .on("alarm:" + alarm.getId()).withDetails(alarm.getRuleName() + " on device:" + alarm.getDeviceId() + ": " + why));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        return ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
    }
}
