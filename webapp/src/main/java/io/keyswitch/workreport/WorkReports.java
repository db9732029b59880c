package io.keyswitch.workreport;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.audit.Outcome;
import io.keyswitch.connection.ConnectionClosed;
import io.keyswitch.device.Device;
import io.keyswitch.platform.AccountScopedQuery;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Conflict;
import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.web.Formats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Work reports: asked for in the transaction that closes a connection which opened (one per connection, the
 * connection's order number filled in); written and corrected by their author only, within the account's edit window
 * (each writing a new version, audited), final after it; read by their author and, with {@code connection:view} or
 * {@code report:view}, by the account; listed with {@link WorkReportQuery}, page by page or, for exports, after an id.
 */
@ApplicationScoped
@Transactional
public class WorkReports {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    WorkReportRules rules;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** A connection closed: its technician is asked for a report, if it ever opened (else it reached nothing). */
    void asked(@Observes ConnectionClosed closed) {
        if (closed.openedAt() == null || closed.userId() == null) {
            return;
        }
        Device device = closed.deviceId() == null ? null : em.find(Device.class, closed.deviceId());
        Long projectId = device == null || device.getProject() == null ? null : device.getProject().getId();
        String projectName = device == null || device.getProject() == null ? null : device.getProject().getName();
        em.persist(new WorkReport(closed.accountId(), closed.connectionId(), closed.userId(), closed.userName(),
                closed.deviceId(), closed.deviceName(), projectId, projectName, closed.orderNumber(), closed.openedAt(),
                closed.closedAt()));
    }

    /** A report the actor may read: their own, or any of their account's with connection:view or report:view. */
    public WorkReport visible(Actor actor, long id) {
        WorkReport r = em.find(WorkReport.class, id);
        if (r == null || r.getAccountId() != actor.accountId() || (!seesAll(actor) && !Objects.equals(r.getUserId(), actor.userId()))) {
            throw new NotFound("work report");
        }
        return r;
    }

    /**
     * The author writes their report, or corrects it within its window: checked whole against the account's fields,
     * then stored as the report's next version and audited. Someone else's report is refused ({@link Forbidden}), a
     * final one too ({@link Conflict}); nothing is stored then.
     */
    public WorkReport write(Actor actor, long id, ReportForm form) {
        WorkReport r = visible(actor, id);
        em.lock(r, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(r);
        if (actor.userId() == null || !Objects.equals(r.getUserId(), actor.userId())) {
            throw Forbidden.because("Only the technician of the connection writes and corrects its work report.");
        }
        if (r.isFinal(clock.instant())) {
            throw new Conflict("This work report is final: it could be corrected until "
                    + Formats.timeOf(r.getEditUntil()) + ".");
        }
        ReportForm.Checked values = form.check(rules.fields(actor.accountId()));
        boolean first = r.getState() == ReportState.OPEN;
        Changes changes = first ? null : changes(r, values);
        r.write(values, rules.rule(actor.accountId()).editWindow(), clock.instant());
        em.persist(new WorkReportVersion(r, actor.userId(), actor.name()));
        em.flush();
        if (first) {
            audit.record(AuditEntry.of(actor, AuditAction.WORK_REPORT_WRITE, Outcome.SUCCESS).on(target(r))
                    .withDetails(Json.details(r)));
        } else {
            audit.record(AuditEntry.of(actor, AuditAction.WORK_REPORT_CORRECT, Outcome.SUCCESS).on(target(r))
                    .withDetails(changes.toJson()));
        }
        return r;
    }

    /** Every version of a report the actor may read, the first first. */
    public List<WorkReportVersion> versions(Actor actor, long id) {
        visible(actor, id);
        return em.createQuery("SELECT v FROM WorkReportVersion v WHERE v.reportId = :id ORDER BY v.number", WorkReportVersion.class)
                .setParameter("id", id).getResultList();
    }

    /** How many of the actor's own reports are open (the menu's and the home page's count). */
    public long countOpen(Actor actor) {
        if (actor.userId() == null) {
            return 0;
        }
        return em.createQuery("SELECT COUNT(r) FROM WorkReport r WHERE r.userId = :me AND r.state = :open", Long.class)
                .setParameter("me", actor.userId()).setParameter("open", ReportState.OPEN).getSingleResult();
    }

    public long count(Actor actor, WorkReportQuery query) {
        return scoped(actor, query).count();
    }

    /** One page of the list, the latest connection first. */
    public List<WorkReport> page(Actor actor, WorkReportQuery query, int first, int size) {
        return scoped(actor, query).orderBy("r.closedAt DESC, r.id DESC").page(first, size);
    }

    /** For exports of any size: the next {@code size} reports of the list after the id {@code afterId}, by id. */
    public List<WorkReport> after(Actor actor, WorkReportQuery query, long afterId, int size) {
        return scoped(actor, query).and("r.id > :afterId", "afterId", afterId).orderBy("r.id").page(0, size);
    }

    /** For reports of any size, newest first: the next {@code size} reports of the list before the id {@code beforeId}. */
    public List<WorkReport> before(Actor actor, WorkReportQuery query, long beforeId, int size) {
        return scoped(actor, query).and("r.id < :beforeId", "beforeId", beforeId).orderBy("r.id DESC").page(0, size);
    }

    /**
     * The list's minutes per technician — reports, set-up, travel and working minutes —, by name, at most
     * {@code limit} technicians; one query.
     */
    public List<Object[]> minutesPerTechnician(Actor actor, WorkReportQuery query, int limit) {
        return scoped(actor, query).grouped("r.userName, COUNT(r), SUM(r.setupMinutes), SUM(r.travelMinutes),"
                + " SUM(r.workingMinutes)", "r.userName", limit);
    }

    /** The reports of these connections (those the actor may read), by connection id: the connection lists' column. */
    public Map<Long, WorkReport> ofConnections(Actor actor, List<Long> connectionIds) {
        if (connectionIds.isEmpty()) {
            return Map.of();
        }
        return scoped(actor, WorkReportQuery.all()).and("r.connectionId IN :connections", "connections", connectionIds).all()
                .stream().collect(Collectors.toMap(WorkReport::getConnectionId, Function.identity()));
    }

    /**
     * The list's filters in words, in their order ("Device" → "Press 12"), for an export's first page; an id that is
     * not of the actor's account reads as "#id".
     */
    public Map<String, String> describe(Actor actor, WorkReportQuery q) {
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        if (!seesAll(actor)) {
            shown.put("Technician", actor.name() + " (own reports)");
        }
        if (q.state() != null) {
            shown.put("State", q.state() == ReportState.OPEN ? "open (not written yet)" : "written");
        }
        if (q.deviceId() != null) {
            Device d = em.find(Device.class, q.deviceId());
            shown.put("Device", d != null && d.getAccountId() == actor.accountId() ? d.getName() : "#" + q.deviceId());
        }
        if (q.userId() != null) {
            io.keyswitch.user.User u = em.find(io.keyswitch.user.User.class, q.userId());
            shown.put("Technician", u != null && u.getAccount().getId() == actor.accountId() ? u.getUsername() : "#" + q.userId());
        }
        if (q.projectId() != null) {
            io.keyswitch.device.Project p = em.find(io.keyswitch.device.Project.class, q.projectId());
            shown.put("Project", p != null && p.getAccountId() == actor.accountId() ? p.getName() : "#" + q.projectId());
        }
        if (q.from() != null || q.to() != null) {
            shown.put("Connections closed", (q.from() == null ? "any time" : "from " + Formats.timeOf(q.from()))
                    + (q.to() == null ? "" : " until before " + Formats.timeOf(q.to())));
        }
        if (q.text() != null && !q.text().isBlank()) {
            shown.put("Device or technician starts with", q.text().strip());
        }
        return shown;
    }

    /** Whether the actor reads every report of their account (else only their own). */
    public static boolean seesAll(Actor actor) {
        return actor.rights().test(Rights.CONNECTION_VIEW) || actor.rights().test(Rights.REPORT_VIEW);
    }

    private AccountScopedQuery<WorkReport> scoped(Actor actor, WorkReportQuery q) {
        AccountScopedQuery<WorkReport> query = AccountScopedQuery.of(em, WorkReport.class, "r", "accountId", actor.accountId());
        if (!seesAll(actor)) {
            query.and("r.userId = :me", "me", actor.userId() == null ? -1L : actor.userId());
        }
        if (q.state() != null) {
            query.and("r.state = :state", "state", q.state());
        }
        if (q.deviceId() != null) {
            query.and("r.deviceId = :device", "device", q.deviceId());
        }
        if (q.userId() != null) {
            query.and("r.userId = :user", "user", q.userId());
        }
        if (q.projectId() != null) {
            query.and("r.projectId = :project", "project", q.projectId());
        }
        if (q.from() != null) {
            query.and("r.closedAt >= :from", "from", q.from());
        }
        if (q.to() != null) {
            query.and("r.closedAt < :to", "to", q.to());
        }
        return query.startsWith(q.text(), "r.deviceName", "r.userName");
    }

    private static Changes changes(WorkReport r, ReportForm.Checked v) {
        return Changes.of().field("whatWasDone", r.getWhatWasDone(), v.whatWasDone())
                .field("orderNumber", r.getOrderNumber(), v.orderNumber())
                .field("setupMinutes", r.getSetupMinutes(), v.setupMinutes())
                .field("travelMinutes", r.getTravelMinutes(), v.travelMinutes())
                .field("workingMinutes", r.getWorkingMinutes(), v.workingMinutes())
                .field("fields", FieldValue.toJson(r.fieldValues()), FieldValue.toJson(v.fields()));
    }

    static String target(WorkReport r) {
        return "work-report:" + r.getId();
    }

    /** The details of a first writing in the audit trail. */
    private static final class Json {
        static String details(WorkReport r) {
            var b = jakarta.json.Json.createObjectBuilder().add("connection", r.getConnectionId()).add("device", r.getDeviceName())
                    .add("version", r.getVersions());
            if (r.getOrderNumber() != null) {
                b.add("orderNumber", r.getOrderNumber());
            }
            return b.build().toString();
        }
    }
}
