package io.keyswitch.workreport.report;

import io.keyswitch.device.Device;
import io.keyswitch.device.Project;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.report.ReportColumn;
import io.keyswitch.report.ReportFilter;
import io.keyswitch.report.ReportKind;
import io.keyswitch.report.ReportPage;
import io.keyswitch.report.ReportRow;
import io.keyswitch.report.ReportTotals;
import io.keyswitch.user.User;
import io.keyswitch.workreport.WorkReport;
import io.keyswitch.workreport.WorkReportExport;
import io.keyswitch.workreport.WorkReportQuery;
import io.keyswitch.workreport.WorkReports;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The account's work reports as a report ({@code work-reports}), e.g. mailed monthly for invoicing: one row per report
 * whose connection closed in the period, newest first, read by id through {@link WorkReports} (its scope: the whole
 * account with {@code connection:view} or {@code report:view}, else the technician's own reports). Filters: period,
 * project, device and technician ("user"); the account is always the actor's own. Under the table: the minutes per
 * technician and in all. The account's own fields are in the
 * work reports' own CSV export, not here (a kind's columns are the same for every account).
 */
@ApplicationScoped
public class WorkReportKind implements ReportKind {

    static final List<ReportColumn> COLUMNS = List.of(ReportColumn.of("Connection closed", 2.2f),
            ReportColumn.of("Technician", 1.6f), ReportColumn.of("Device", 1.8f), ReportColumn.of("Project", 1.6f),
            ReportColumn.of("Order number", 1.4f), ReportColumn.of("What was done", 5), ReportColumn.of("Set-up min", 0.9f),
            ReportColumn.of("Travel min", 0.9f), ReportColumn.of("Working min", 0.9f), ReportColumn.of("State", 1.2f));

    static final List<ReportColumn> TOTALS = List.of(ReportColumn.of("Technician", 3), ReportColumn.of("Reports", 1),
            ReportColumn.of("Set-up min", 1), ReportColumn.of("Travel min", 1), ReportColumn.of("Working min", 1));

    /** Technicians the totals list at most (an account has a few hundred at most). */
    static final int MAX_TECHNICIANS = 1000;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    WorkReports reports;

    @Inject
    WorkReportExport export;

    @Override
    public String name() {
        return "work-reports";
    }

    @Override
    public String title() {
        return "Work reports";
    }

    /** Whoever reads work reports: the account's (connection:view, report:view) or a technician their own. */
    @Override
    public boolean allowedFor(Actor actor) {
        return WorkReports.seesAll(actor) || (actor.userId() != null && actor.rights().test(Rights.DEVICE_CONNECT));
    }

    @Override
    public Map<String, String> describe(Actor actor, ReportFilter filter) {
        return reports.describe(actor, query(actor, filter));
    }

    @Override
    public List<ReportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public ReportPage page(Actor actor, ReportFilter filter, String after, int size) {
        WorkReportQuery query = query(actor, filter);
        Long afterId = ReportPage.idAfter(after);
        long before = afterId == null ? Long.MAX_VALUE : afterId;
        List<ReportRow> rows = reports.before(actor, query, before, size).stream().map(this::row).toList();
        return ReportPage.of(rows, size);
    }

    /** Minutes per technician, with the sum of all in a last row: what invoicing needs. */
    @Override
    public List<ReportTotals> totals(Actor actor, ReportFilter filter) {
        List<List<String>> rows = new ArrayList<>();
        long[] sum = new long[4];
        for (Object[] t : reports.minutesPerTechnician(actor, query(actor, filter), MAX_TECHNICIANS)) {
            List<String> row = new ArrayList<>(List.of((String) t[0]));
            for (int i = 1; i <= 4; i++) {
                long n = t[i] == null ? 0 : ((Number) t[i]).longValue();
                sum[i - 1] += n;
                row.add(Long.toString(n));
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        rows.add(List.of("All", Long.toString(sum[0]), Long.toString(sum[1]), Long.toString(sum[2]), Long.toString(sum[3])));
        return List.of(new ReportTotals("Minutes per technician", TOTALS, rows));
    }

    private ReportRow row(WorkReport r) {
        return new ReportRow(String.valueOf(r.getId()), List.of(Formats.timeOf(r.getClosedAt()), r.getUserName(),
                r.getDeviceName(), text(r.getProjectName()), text(r.getOrderNumber()), text(r.getWhatWasDone()),
                text(r.getSetupMinutes()), text(r.getTravelMinutes()), text(r.getWorkingMinutes()), export.state(r)));
    }

    /** The filter as a work report query, after the rights and the filter's ids are checked against the actor's account. */
    private WorkReportQuery query(Actor actor, ReportFilter f) {
        if (!allowedFor(actor)) {
            throw Forbidden.because("Work reports are for technicians (their own) and for holders of connection:view or"
                    + " report:view.");
        }
        if (f.accountId() != null && f.accountId() != actor.accountId()) {
            throw ValidationFailed.of("account", "Work reports are of your own account only.");
        }
        if (f.deviceId() != null && !owned(em.find(Device.class, f.deviceId()), actor)) {
            throw ValidationFailed.of("device", "This account has no device " + f.deviceId() + ".");
        }
        if (f.projectId() != null && !owned(em.find(Project.class, f.projectId()), actor)) {
            throw ValidationFailed.of("project", "This account has no project " + f.projectId() + ".");
        }
        if (f.userId() != null && !owned(em.find(User.class, f.userId()), actor)) {
            throw ValidationFailed.of("user", "This account has no user " + f.userId() + ".");
        }
        return new WorkReportQuery(null, f.deviceId(), f.userId(), f.projectId(), f.from(), f.to(), null);
    }

    private static boolean owned(Object found, Actor actor) {
        if (found instanceof Device d) {
            return d.getAccountId() == actor.accountId();
        }
        if (found instanceof Project p) {
            return p.getAccountId() == actor.accountId();
        }
        return found instanceof User u && u.getAccount().getId() == actor.accountId();
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }
}
