package io.keyswitch.workreport.web;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.web.Downloads;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.workreport.ExtraField;
import io.keyswitch.workreport.FieldValue;
import io.keyswitch.workreport.ReportForm;
import io.keyswitch.workreport.ReportState;
import io.keyswitch.workreport.WorkReport;
import io.keyswitch.workreport.WorkReportExport;
import io.keyswitch.workreport.WorkReportRules;
import io.keyswitch.workreport.WorkReportVersion;
import io.keyswitch.workreport.WorkReports;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.primefaces.model.StreamedContent;

/**
 * One work report ({@code ?id=}): the form its author writes and, within the edit window, corrects (what was done,
 * order number, set-up, travel and working time, the account's own fields, each message next to its field); for
 * everyone else, and once it is final, the report as written; every version; its PDF.
 */
@Named
@ViewScoped
public class WorkReportView implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The form's id; the account's own fields are its inputs extras:0:value, extras:1:choice, … in their order. */
    static final String FORM = "reportForm";

    @Inject
    transient WorkReports reports;

    @Inject
    transient WorkReportRules rules;

    @Inject
    transient WorkReportExport export;

    @Inject
    transient Clock clock;

    private Long id;
    private WorkReport report;
    private List<ExtraField> fields = List.of();
    private List<WorkReportVersion> versions = List.of();
    private String whatWasDone;
    private String orderNumber;
    private Integer setupMinutes;
    private Integer travelMinutes;
    private Integer workingMinutes;
    private final List<String> values = new ArrayList<>();
    private boolean missing;

    /** Reads the report named by {@code ?id=} (the view's metadata calls it). */
    public void load() {
        Actor actor = actor();
        try {
            report = id == null ? null : reports.visible(actor, id);
        } catch (NotFound e) {
            report = null;
        }
        missing = report == null;
        if (missing) {
            return;
        }
        fields = rules.fields(actor.accountId());
        versions = reports.versions(actor, id);
        whatWasDone = report.getWhatWasDone();
        orderNumber = report.getOrderNumber();
        setupMinutes = report.getSetupMinutes();
        travelMinutes = report.getTravelMinutes();
        workingMinutes = report.getWorkingMinutes();
        List<FieldValue> written = report.fieldValues();
        values.clear();
        fields.forEach(f -> values.add(FieldValue.valueOf(written, f.getName())));
    }

    /** Writes (or corrects) the report; a refused one shows each message next to its field and stores nothing. */
    public void save() {
        boolean first = report.getState() == ReportState.OPEN;
        WorkReport saved = Pages.attempt(FORM, first ? "The work report is written." : "The correction is saved.", () -> {
            try {
                return reports.write(actor(), id, new ReportForm(whatWasDone, orderNumber, setupMinutes, travelMinutes,
                        workingMinutes, given()));
            } catch (ValidationFailed e) {
                throw new ValidationFailed(onInputs(e.fieldErrors()));
            }
        });
        if (saved != null) {
            load();
        }
    }

    private Map<String, String> given() {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            given.put(fields.get(i).getName(), values.get(i));
        }
        return given;
    }

    /** The service's field names ({@code field.Machine hours}) as this form's inputs ({@code extras:0:value}). */
    private Map<String, String> onInputs(Map<String, String> errors) {
        Map<String, String> mapped = new LinkedHashMap<>();
        errors.forEach((field, message) -> {
            String input = field;
            for (int i = 0; i < fields.size(); i++) {
                if (field.equals(ReportForm.FIELD + fields.get(i).getName())) {
                    input = "extras:" + i + ":" + (fields.get(i).getKind() == io.keyswitch.workreport.FieldKind.CHOICE ? "choice" : "value");
                }
            }
            mapped.put(input, message);
        });
        return mapped;
    }

    /** Whether the signed-in user may write or correct it now (its author, not final). */
    public boolean isEditable() {
        return report != null && Objects.equals(report.getUserId(), actor().userId()) && !report.isFinal(clock.instant());
    }

    public String getStateText() {
        return report == null ? "" : export.state(report);
    }

    public String time(java.time.Instant at) {
        return Formats.timeOf(at);
    }

    public String getConnected() {
        return report == null ? "" : Formats.timeOf(report.getOpenedAt()) + " to " + Formats.timeOf(report.getClosedAt())
                + " (" + Formats.durationOf(report.connectedFor()) + ")";
    }

    /** This report as PDF. */
    public StreamedContent getPdf() {
        String ip = Pages.sourceIp();
        long reportId = id;
        return Downloads.streamed("work-report-" + reportId + ".pdf", "application/pdf",
                out -> export.pdf(Actor.current(ip), reportId, out));
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public boolean isMissing() {
        return missing;
    }

    public WorkReport getReport() {
        return report;
    }

    public List<ExtraField> getFields() {
        return fields;
    }

    public List<String> getValues() {
        return values;
    }

    public List<WorkReportVersion> getVersions() {
        return versions;
    }

    public String getWhatWasDone() {
        return whatWasDone;
    }

    public void setWhatWasDone(String whatWasDone) {
        this.whatWasDone = whatWasDone;
    }

    public String getOrderNumber() {
        return orderNumber;
    }

    public void setOrderNumber(String orderNumber) {
        this.orderNumber = orderNumber;
    }

    public Integer getSetupMinutes() {
        return setupMinutes;
    }

    public void setSetupMinutes(Integer setupMinutes) {
        this.setupMinutes = setupMinutes;
    }

    public Integer getTravelMinutes() {
        return travelMinutes;
    }

    public void setTravelMinutes(Integer travelMinutes) {
        this.travelMinutes = travelMinutes;
    }

    public Integer getWorkingMinutes() {
        return workingMinutes;
    }

    public void setWorkingMinutes(Integer workingMinutes) {
        this.workingMinutes = workingMinutes;
    }
}
