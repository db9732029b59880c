package io.keyswitch.schedule;

import io.keyswitch.account.AccountTimeZones;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The runner's steps on the stored runs, each in a transaction of its own: due schedules become runs (stored before
 * anything is written, so a restart loses none), due runs are taken, and each attempt's outcome is stored and, when
 * final, audited (mailed, or failed for good).
 *
 * <p>Catch-up: a schedule whose time passed while the portal was down runs once, for the latest time it missed (its
 * period as of then), not once per missed time; its next time is then the first after now.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class ScheduleRuns {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AccountTimeZones zones;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** What one attempt of a run needs, read in one transaction. */
    public record Job(long runId, long scheduleId, long accountId, long ownerId, String name, String kind, String filterJson,
                      RelativePeriod period, Instant from, Instant to, ZoneId zone, List<String> recipients, boolean pdf,
                      boolean csv, int attempts) {
    }

    /** Schedules due by now (at most {@code limit}) become runs; returns how many. */
    public int startDue(int limit) {
        Instant now = clock.instant();
        List<ReportSchedule> due = em.createQuery("SELECT s FROM ReportSchedule s WHERE s.nextRunAt <= :now ORDER BY s.nextRunAt",
                        ReportSchedule.class).setParameter("now", now).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setMaxResults(limit).getResultList();
        for (ReportSchedule s : due) {
            ZoneId zone = zones.of(s.getAccountId());
            Instant at = s.timing(zone).latestDue(s.getNextRunAt(), now);
            em.persist(new ScheduleRun(s, ScheduleRun.StartedBy.SCHEDULE, at, s.getPeriod().bounds(at, zone)));
            s.reschedule(zone, now);
        }
        return due.size();
    }

    /** The pending runs whose time has come, oldest first. */
    public List<Long> due(int limit) {
        return em.createQuery("SELECT r.id FROM ScheduleRun r WHERE r.state = :p AND r.nextAttemptAt <= :now"
                        + " ORDER BY r.nextAttemptAt, r.id", Long.class)
                .setParameter("p", ScheduleRun.State.PENDING).setParameter("now", clock.instant()).setMaxResults(limit)
                .getResultList();
    }

    /** The run to attempt now; empty when it is no longer pending (or its schedule is gone). */
    public Optional<Job> take(long runId) {
        ScheduleRun r = em.find(ScheduleRun.class, runId);
        if (r == null || r.getState() != ScheduleRun.State.PENDING) {
            return Optional.empty();
        }
        ReportSchedule s = em.find(ReportSchedule.class, r.getScheduleId());
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(new Job(runId, s.getId(), s.getAccountId(), s.getOwnerId(), s.getName(), s.getKind(),
                s.getFilterParameters(), s.getPeriod(), r.getPeriodFrom(), r.getPeriodTo(), zones.of(s.getAccountId()),
                List.of(s.getRecipients().split(",\\s*")), s.isAttachPdf(), s.isAttachCsv(), r.getAttempts()));
    }

    /** The mail went: SENT, audited with the recipients, period, rows and bytes. */
    public void sent(Job job, long rows, long bytes, String note) {
        ScheduleRun r = em.find(ScheduleRun.class, job.runId());
        r.sent(rows, bytes, note, clock.instant());
        record(job, Outcome.SUCCESS, Json.createObjectBuilder().add("run", job.runId()).add("to", String.join(", ", job.recipients()))
                .add("from", job.from().toString()).add("until", job.to().toString()).add("rows", rows).add("bytes", bytes)
                .add("note", note == null ? "" : note).build().toString());
    }

    /** The mail could not go: retried per {@code settings}, or FAILED (audited) after the last attempt. */
    public void retry(Job job, String error, long rows, long bytes, ScheduleSettings settings) {
        ScheduleRun r = em.find(ScheduleRun.class, job.runId());
        Instant now = clock.instant();
        int attempt = r.getAttempts() + 1;
        Instant next = attempt >= settings.maxAttempts() ? null : settings.retry().next(now, attempt);
        r.retry(error, rows, bytes, next, now);
        if (next == null) {
            record(job, Outcome.FAILURE, failure(job, "gave up after " + attempt + " attempts: " + error));
        }
    }

    /** The report cannot be written for its owner: FAILED, not mailed, audited with the reason. */
    public void failed(Job job, String error) {
        em.find(ScheduleRun.class, job.runId()).failed(error, clock.instant());
        record(job, Outcome.FAILURE, failure(job, error));
    }

    private static String failure(Job job, String error) {
        return Json.createObjectBuilder().add("run", job.runId()).add("to", String.join(", ", job.recipients()))
                .add("error", error).build().toString();
    }

    private void record(Job job, Outcome outcome, String details) {
        audit.record(AuditEntry.of(AuditAction.REPORT_SCHEDULE_MAIL, outcome).in(job.accountId()).bySystem()
                .on("report-schedule:" + job.scheduleId()).withDetails(details));
    }
}
