package io.keyswitch.workreport.web;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.web.Downloads;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.platform.web.PagedModel;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.workreport.ReportState;
import io.keyswitch.workreport.WorkReport;
import io.keyswitch.workreport.WorkReportExport;
import io.keyswitch.workreport.WorkReportQuery;
import io.keyswitch.workreport.WorkReports;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.primefaces.model.StreamedContent;

/**
 * The work report pages' lists: the technician's own open reports ("My open work reports"), and every report they may
 * read — their own, or the account's with connection:view or report:view — filtered by state, device, technician,
 * project (from the address: {@code ?device=}, {@code ?user=}, {@code ?project=}), the days the connections closed and
 * a name prefix, paged by the database, with the list's CSV and PDF.
 */
@Named
@ViewScoped
public class WorkReportsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient WorkReports reports;

    @Inject
    transient WorkReportExport export;

    private String state = "all";
    private Long deviceId;
    private Long userId;
    private Long projectId;
    private LocalDate from;
    private LocalDate to;
    private String text;
    private List<WorkReport> mine = List.of();
    private transient Map<String, String> filters;

    private final PagedModel<WorkReport> model = new PagedModel<>(
            filter -> reports.count(actor(), query().withText(filter)),
            (filter, sort, ascending, first, size) -> {
                text = filter;
                return reports.page(actor(), query().withText(filter), first, size);
            },
            WorkReport::getId);

    @PostConstruct
    void load() {
        Actor actor = actor();
        mine = actor.userId() == null ? List.of()
                : reports.page(actor, new WorkReportQuery(ReportState.OPEN, null, actor.userId(), null, null, null, null), 0, 100);
    }

    WorkReportQuery query() {
        ReportState s = switch (state) {
            case "open" -> ReportState.OPEN;
            case "written" -> ReportState.WRITTEN;
            default -> null;
        };
        return new WorkReportQuery(s, deviceId, userId, projectId, from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), text);
    }

    /** The list as CSV, as filtered now (streamed while it is written). */
    public StreamedContent getCsv() {
        String ip = Pages.sourceIp();
        WorkReportQuery q = query();
        return Downloads.streamed("work-reports.csv", "text/csv; charset=UTF-8", out -> export.csv(Actor.current(ip), q, out));
    }

    /** The list as PDF, as filtered now. */
    public StreamedContent getPdf() {
        String ip = Pages.sourceIp();
        WorkReportQuery q = query();
        return Downloads.streamed("work-reports.pdf", "application/pdf", out -> export.pdf(Actor.current(ip), q, out));
    }

    /** What the list is narrowed to, in words (above the table). */
    public Map<String, String> getFilters() {
        if (filters == null) {
            filters = reports.describe(actor(), query());
        }
        return filters;
    }

    public String state(WorkReport r) {
        return export.state(r);
    }

    public String minutes(WorkReport r) {
        return String.join(" / ", m(r.getSetupMinutes()), m(r.getTravelMinutes()), m(r.getWorkingMinutes()));
    }

    public String closed(WorkReport r) {
        return Formats.timeOf(r.getClosedAt());
    }

    /** Whether the signed-in user is the one to write this open report. */
    public boolean writable(WorkReport r) {
        return r.getState() == ReportState.OPEN && java.util.Objects.equals(r.getUserId(), actor().userId());
    }

    public boolean isSeesAll() {
        return WorkReports.seesAll(actor());
    }

    private static String m(Integer minutes) {
        return minutes == null ? "–" : String.valueOf(minutes);
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public PagedModel<WorkReport> getModel() {
        return model;
    }

    public List<WorkReport> getMine() {
        return mine;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        String s = state == null ? "all" : state.toLowerCase(Locale.ROOT);
        this.state = List.of("all", "open", "written").contains(s) ? s : "all";
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public void setDeviceId(Long deviceId) {
        this.deviceId = deviceId;
    }

    public Long getUserId() {
        return userId;
    }

    public void setUserId(Long userId) {
        this.userId = userId;
    }

    public Long getProjectId() {
        return projectId;
    }

    public void setProjectId(Long projectId) {
        this.projectId = projectId;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }
}
