package io.keyswitch.schedule.web;

import io.keyswitch.account.AccountTimeZones;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.web.EditCycle;
import io.keyswitch.platform.web.PagedModel;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.report.ReportKind;
import io.keyswitch.schedule.Cadence;
import io.keyswitch.schedule.RelativePeriod;
import io.keyswitch.schedule.ReportSchedule;
import io.keyswitch.schedule.ReportSchedules;
import io.keyswitch.schedule.ScheduleForm;
import io.keyswitch.schedule.ScheduleRun;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The scheduled reports page (report-schedules.xhtml): the user's schedules (an account administrator's: all of the
 * account's) as a lazy table, a dialog to make or change one (checked by {@link ScheduleForm}, as the API checks it),
 * delete with a reason, "send now", the history of a schedule's runs, and the account's time zone. Opened as
 * {@code report-schedules.xhtml?kind=work-reports&device=12} (the report page's "Schedule this report") it opens the
 * dialog with that report and filter filled in.
 */
@Named
@ViewScoped
public class ReportSchedulesView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ReportSchedules schedules;

    @Inject
    AccountTimeZones zones;

    private final EditCycle edit = new EditCycle("Scheduled report", "scheduleForm");
    private final PagedModel<ReportSchedule> model = new PagedModel<>(filter -> schedules.count(actor()),
            (filter, sort, ascending, first, size) -> schedules.page(actor(), first, size), ReportSchedule::getId);
    private final PagedModel<ScheduleRun> runs = new PagedModel<>(filter -> this.historyOf == null ? 0 : schedules.countRuns(actor(), this.historyOf),
            (filter, sort, ascending, first, size) -> this.historyOf == null ? List.of()
                    : schedules.runs(actor(), this.historyOf, first, size),
            ScheduleRun::getId);
    private Map<String, String> kinds = Map.of();
    private String timeZone;
    private String newTimeZone;
    private String timeZoneReason;
    private Long historyOf;
    private String historyName;
    private boolean prefilled;

    private String name;
    private String kind;
    private String project;
    private String device;
    private String user;
    private String period = RelativePeriod.PREVIOUS_MONTH.name();
    private String cadence = Cadence.MONTHLY.name();
    private String weekday = DayOfWeek.MONDAY.name();
    private Integer monthDay = 1;
    private String at = "06:00";
    private String recipients;
    private boolean pdf = true;
    private boolean csv;

    @PostConstruct
    void load() {
        Actor actor = actor();
        Map<String, String> k = new LinkedHashMap<>();
        for (ReportKind rk : schedules.kinds(actor)) {
            k.put(rk.name(), rk.title());
        }
        kinds = k;
        timeZone = zones.of(actor.accountId()).getId();
        newTimeZone = timeZone;
        Map<String, String> asked = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
        if (asked.get("kind") != null && kinds.containsKey(asked.get("kind"))) {
            startCreate();
            kind = asked.get("kind");
            project = asked.get("project");
            device = asked.get("device");
            user = asked.get("user");
            prefilled = true;
        }
    }

    public void startCreate() {
        name = project = device = user = recipients = null;
        kind = kinds.isEmpty() ? null : kinds.keySet().iterator().next();
        period = RelativePeriod.PREVIOUS_MONTH.name();
        cadence = Cadence.MONTHLY.name();
        weekday = DayOfWeek.MONDAY.name();
        monthDay = 1;
        at = "06:00";
        pdf = true;
        csv = false;
        edit.startCreate();
    }

    public void startEdit(ReportSchedule s) {
        name = s.getName();
        kind = s.getKind();
        Map<String, String> f = ReportSchedules.filterOf(s);
        project = f.get("project");
        device = f.get("device");
        user = f.get("user");
        period = s.getPeriod().name();
        cadence = s.getCadence().name();
        weekday = s.getWeekday() == null ? DayOfWeek.MONDAY.name() : s.getWeekday().name();
        monthDay = s.getMonthDay() == null ? 1 : s.getMonthDay();
        at = s.getAtTime().toString();
        recipients = s.getRecipients().replace(", ", "\n");
        pdf = s.isAttachPdf();
        csv = s.isAttachCsv();
        edit.startEdit(s.getId());
    }

    public void save() {
        Actor actor = actor();
        edit.save(name == null ? "" : name, reason -> named(() -> schedules.create(actor, form(), reason)),
                (id, reason) -> named(() -> schedules.update(actor, id, form(), reason)));
    }

    /** The form, its filter's field names as the page's ids (filter.device → filterDevice). */
    private ScheduleForm form() {
        Map<String, String> filter = new LinkedHashMap<>();
        put(filter, "project", project);
        put(filter, "device", device);
        put(filter, "user", user);
        return new ScheduleForm(name, kind, filter, period, cadence, weekday, monthDay, at,
                recipients == null ? List.of() : Arrays.asList(recipients.split("[,;\\s]+")), pdf, csv);
    }

    /** The call, with a refused filter's fields named as the page's ids (filter.device → filterDevice). */
    private static <T> T named(Supplier<T> call) {
        try {
            return call.get();
        } catch (ValidationFailed e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.fieldErrors().forEach((field, message) -> errors.merge(field.startsWith("filter.")
                    ? "filter" + Character.toUpperCase(field.charAt(7)) + field.substring(8) : field, message, (a, b) -> a + " " + b));
            throw new ValidationFailed(errors);
        }
    }

    private static void put(Map<String, String> filter, String key, String value) {
        if (value != null && !value.isBlank()) {
            filter.put(key, value.strip());
        }
    }

    public void startDelete(ReportSchedule s) {
        edit.startDelete(s.getId(), s.getName());
    }

    public void delete() {
        Actor actor = actor();
        edit.delete((id, reason) -> {
            schedules.delete(actor, id, reason);
            if (Objects.equals(historyOf, id)) {
                historyOf = null; // its history went with it
            }
        });
    }

    public void sendNow(ReportSchedule s) {
        Actor actor = actor();
        if (Pages.attempt("listForm", "Scheduled report '" + s.getName() + "' is being sent; its run is listed below.",
                () -> schedules.sendNow(actor, s.getId())) != null) {
            showHistory(s);
        }
    }

    public void showHistory(ReportSchedule s) {
        historyOf = s.getId();
        historyName = s.getName();
    }

    public void changeTimeZone() {
        Actor actor = actor();
        var changed = Pages.attempt("zoneForm", "The account's time zone is saved; the schedules' next times follow it.",
                () -> zones.change(actor, newTimeZone, timeZoneReason));
        if (changed != null) {
            timeZone = changed.getId();
            timeZoneReason = null;
        }
    }

    /** The report's title. */
    public String kindTitle(ReportSchedule s) {
        return kinds.getOrDefault(s.getKind(), s.getKind());
    }

    /** The filter in short ("device 12, project 3"), or "everything". */
    public String filterText(ReportSchedule s) {
        Map<String, String> f = ReportSchedules.filterOf(s);
        return f.isEmpty() ? "everything you may see" : String.join(", ", f.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    public String periodText(ReportSchedule s) {
        return s.getPeriod().words();
    }

    /** Whether the signed-in user owns the schedule (only they change or send it). */
    public boolean owns(ReportSchedule s) {
        return Objects.equals(actor().userId(), s.getOwnerId());
    }

    public boolean isZoneEditable() {
        return actor().rights().test(Rights.SETTINGS_MANAGE);
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public PagedModel<ReportSchedule> getModel() {
        return model;
    }

    public PagedModel<ScheduleRun> getRuns() {
        return runs;
    }

    public EditCycle getEdit() {
        return edit;
    }

    public Map<String, String> getKinds() {
        return kinds;
    }

    public RelativePeriod[] getPeriods() {
        return RelativePeriod.values();
    }

    public Cadence[] getCadences() {
        return Cadence.values();
    }

    public DayOfWeek[] getWeekdays() {
        return DayOfWeek.values();
    }

    public String getTimeZone() {
        return timeZone;
    }

    public String getNewTimeZone() {
        return newTimeZone;
    }

    public void setNewTimeZone(String newTimeZone) {
        this.newTimeZone = newTimeZone;
    }

    public String getTimeZoneReason() {
        return timeZoneReason;
    }

    public void setTimeZoneReason(String timeZoneReason) {
        this.timeZoneReason = timeZoneReason;
    }

    public Long getHistoryOf() {
        return historyOf;
    }

    public String getHistoryName() {
        return historyName;
    }

    public boolean isPrefilled() {
        return prefilled;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getProject() {
        return project;
    }

    public void setProject(String project) {
        this.project = project;
    }

    public String getDevice() {
        return device;
    }

    public void setDevice(String device) {
        this.device = device;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPeriod() {
        return period;
    }

    public void setPeriod(String period) {
        this.period = period;
    }

    public String getCadence() {
        return cadence;
    }

    public void setCadence(String cadence) {
        this.cadence = cadence;
    }

    public String getWeekday() {
        return weekday;
    }

    public void setWeekday(String weekday) {
        this.weekday = weekday;
    }

    public Integer getMonthDay() {
        return monthDay;
    }

    public void setMonthDay(Integer monthDay) {
        this.monthDay = monthDay;
    }

    public String getAt() {
        return at;
    }

    public void setAt(String at) {
        this.at = at;
    }

    public String getRecipients() {
        return recipients;
    }

    public void setRecipients(String recipients) {
        this.recipients = recipients;
    }

    public boolean isPdf() {
        return pdf;
    }

    public void setPdf(boolean pdf) {
        this.pdf = pdf;
    }

    public boolean isCsv() {
        return csv;
    }

    public void setCsv(boolean csv) {
        this.csv = csv;
    }
}
