package io.keyswitch.schedule;

import io.keyswitch.account.AccountPolicies;
import io.keyswitch.account.AccountTimeZoneChanged;
import io.keyswitch.account.AccountTimeZones;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.audit.Outcome;
import io.keyswitch.platform.AccountScopedQuery;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.report.ReportKind;
import io.keyswitch.report.ReportKinds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scheduled reports of the actor's account. Anyone who may run a report kind ({@link ReportKind#allowedFor}) may
 * schedule it; a schedule belongs to the user who saved it and runs with their rights at run time, so only they change
 * it or send it now (else someone could mail a report with another person's rights). Account administrators
 * ({@code settings:manage}) also see every schedule of the account and may delete one (a leaver's). Every create,
 * change and delete asks for a reason and is audited with what changed.
 */
@ApplicationScoped
@Transactional
public class ReportSchedules {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    ReportKinds kinds;

    @Inject
    AccountTimeZones zones;

    @Inject
    AccountPolicies policies;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public long count(Actor actor) {
        return listed(actor).count();
    }

    /** The schedules the actor sees, by name. */
    public List<ReportSchedule> page(Actor actor, int first, int size) {
        return listed(actor).orderBy("s.name, s.id").page(first, size);
    }

    /** A schedule the actor sees: their own, or any of the account's with settings:manage; else {@link NotFound}. */
    public ReportSchedule find(Actor actor, long id) {
        ReportSchedule s = em.find(ReportSchedule.class, id);
        if (s == null || s.getAccountId() != actor.accountId()
                || (!Objects.equals(actor.userId(), s.getOwnerId()) && !actor.rights().test(Rights.SETTINGS_MANAGE))) {
            throw new NotFound("report schedule");
        }
        return s;
    }

    /** The account's time zone, in which the schedules run. */
    public ZoneId zone(Actor actor) {
        return zones.of(actor.accountId());
    }

    public ReportSchedule create(Actor actor, ScheduleForm form, String reason) {
        String why = policies.reason(actor, reason);
        if (actor.userId() == null) {
            throw Forbidden.because("A schedule runs with its owner's rights: only a user saves one.");
        }
        ScheduleForm.Checked c = allowed(actor, form.check());
        ReportSchedule s = new ReportSchedule(actor.accountId(), actor.userId(), clock.instant());
        s.apply(c, zone(actor), clock.instant());
        em.persist(s);
        em.flush();
        audit.record(AuditEntry.change(actor, AuditAction.REPORT_SCHEDULE_CREATE, target(s), Changes.between(Map.of(), s.shown()),
                why));
        return s;
    }

    public ReportSchedule update(Actor actor, long id, ScheduleForm form, String reason) {
        String why = policies.reason(actor, reason);
        ReportSchedule s = owned(actor, id);
        ScheduleForm.Checked c = allowed(actor, form.check());
        Map<String, String> before = s.shown();
        s.apply(c, zone(actor), clock.instant());
        Changes changes = Changes.between(before, s.shown());
        if (!changes.isEmpty()) {
            audit.record(AuditEntry.change(actor, AuditAction.REPORT_SCHEDULE_UPDATE, target(s), changes, why));
        }
        return s;
    }

    public void delete(Actor actor, long id, String reason) {
        String why = policies.reason(actor, reason);
        ReportSchedule s = find(actor, id);
        audit.record(AuditEntry.change(actor, AuditAction.REPORT_SCHEDULE_DELETE, target(s), Changes.between(s.shown(), Map.of()),
                why));
        em.remove(s);
    }

    /**
     * The owner has the schedule sent now, for its period as of now: a run stored as due now, which the runner's next
     * pass (within {@code keyswitch.report-schedules.interval}) writes and mails.
     */
    public ScheduleRun sendNow(Actor actor, long id) {
        ReportSchedule s = owned(actor, id);
        if (!kinds.find(s.getKind()).map(k -> k.allowedFor(actor)).orElse(false)) {
            throw Forbidden.because("You may no longer run the report '" + s.getKind() + "'.");
        }
        Instant now = clock.instant();
        ScheduleRun run = new ScheduleRun(s, ScheduleRun.StartedBy.NOW, now, s.getPeriod().bounds(now, zone(actor)));
        em.persist(run);
        em.flush();
        audit.record(AuditEntry.of(actor, AuditAction.REPORT_SCHEDULE_SEND_NOW, Outcome.SUCCESS).on(target(s))
                .withDetails(jakarta.json.Json.createObjectBuilder().add("run", run.getId())
                        .add("from", run.getPeriodFrom().toString()).add("to", run.getPeriodTo().toString()).build().toString()));
        return run;
    }

    public long countRuns(Actor actor, long scheduleId) {
        find(actor, scheduleId);
        return em.createQuery("SELECT COUNT(r) FROM ScheduleRun r WHERE r.scheduleId = :s", Long.class)
                .setParameter("s", scheduleId).getSingleResult();
    }

    /** The schedule's runs, newest first (one indexed read per page). */
    public List<ScheduleRun> runs(Actor actor, long scheduleId, int first, int size) {
        find(actor, scheduleId);
        return em.createQuery("SELECT r FROM ScheduleRun r WHERE r.scheduleId = :s ORDER BY r.id DESC", ScheduleRun.class)
                .setParameter("s", scheduleId).setFirstResult(first).setMaxResults(size).getResultList();
    }

    /** The kinds the actor may schedule, by title. */
    public List<ReportKind> kinds(Actor actor) {
        return kinds.allowedFor(actor);
    }

    /** A new time zone: every schedule of the account takes its next time in it. */
    void zoneChanged(@Observes AccountTimeZoneChanged changed) {
        Instant now = clock.instant();
        em.createQuery("SELECT s FROM ReportSchedule s WHERE s.accountId = :a", ReportSchedule.class)
                .setParameter("a", changed.accountId()).getResultList().forEach(s -> s.reschedule(changed.zone(), now));
    }

    private ReportSchedule owned(Actor actor, long id) {
        ReportSchedule s = find(actor, id);
        if (!Objects.equals(actor.userId(), s.getOwnerId())) {
            throw Forbidden.because("Only its owner changes or sends a scheduled report: it runs with their rights.");
        }
        return s;
    }

    /** Unknown kind: 400 on "kind"; a kind the actor may not run: 403; a filter the kind refuses: as the kind says. */
    private ScheduleForm.Checked allowed(Actor actor, ScheduleForm.Checked c) {
        ReportKind kind = kinds.find(c.kind()).orElseThrow(() -> ValidationFailed.of("kind", "There is no report '"
                + (c.kind().length() > 64 ? c.kind().substring(0, 64) + "…" : c.kind()) + "'; choose one of " + String.join(", ", kinds.allowedFor(actor).stream().map(ReportKind::name).toList()) + "."));
        if (!kind.allowedFor(actor)) {
            throw Forbidden.because("You may not run the report '" + kind.title() + "', so you cannot schedule it.");
        }
        Instant now = clock.instant();
        RelativePeriod.Bounds b = c.period().bounds(now, zone(actor));
        try {
            kind.describe(actor, c.filter().withPeriod(b.from(), b.to()));
        } catch (ValidationFailed e) {
            Map<String, String> named = new java.util.LinkedHashMap<>();
            e.fieldErrors().forEach((f, m) -> named.put("filter." + f, m));
            throw new ValidationFailed(named);
        }
        return c;
    }

    /** The schedule's filter as parameters (for the form and the API). */
    public static Map<String, String> filterOf(ReportSchedule s) {
        return ScheduleForm.parametersOf(s.getFilterParameters());
    }

    static String target(ReportSchedule s) {
        return "report-schedule:" + s.getId();
    }

    private AccountScopedQuery<ReportSchedule> listed(Actor actor) {
        AccountScopedQuery<ReportSchedule> q = AccountScopedQuery.of(em, ReportSchedule.class, "s", "accountId", actor.accountId());
        if (!actor.rights().test(Rights.SETTINGS_MANAGE)) {
            q.and("s.ownerId = :me", "me", actor.userId() == null ? -1L : actor.userId());
        }
        return q;
    }
}
