package io.keyswitch.compliance.web;

import io.keyswitch.compliance.CompliancePdf;
import io.keyswitch.compliance.ComplianceReport;
import io.keyswitch.compliance.InlineMarkdown;
import io.keyswitch.compliance.RequirementStatus;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.web.Downloads;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.platform.web.Pages;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.primefaces.model.StreamedContent;

/**
 * The IEC 62443-3-3 page: every system requirement with its status, how it is met and the evidence measured when
 * the page opened; filtered by status; the operator's duties listed apart. A system administrator sees the appliance
 * with every account, an account's auditor (audit:view) their account.
 */
@Named
@ViewScoped
public class ComplianceView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ComplianceReport compliance;

    @Inject
    CompliancePdf pdf;

    private String status = "";
    private List<Row> rows = List.of();
    private List<Row> duties = List.of();
    private List<String> problems = List.of();
    private String heading = "";
    private boolean permitted;

    /** One row as the page shows it (bean getters: Jakarta EL 5 does not read record components). */
    public record Row(String id, String title, String status, String howHtml, List<String> evidence) implements Serializable {

        static Row of(ComplianceReport.Row row) {
            var r = row.requirement();
            return new Row(r.id(), r.title(), r.status().word(), InlineMarkdown.toHtml(r.how()), row.evidence());
        }

        public String getId() {
            return id;
        }

        public String getTitle() {
            return title;
        }

        public String getStatus() {
            return status;
        }

        public String getHowHtml() {
            return howHtml;
        }

        public List<String> getEvidence() {
            return evidence;
        }
    }

    @PostConstruct
    void load() {
        Actor actor = Actor.current(Pages.sourceIp());
        permitted = actor.rights().test(Rights.AUDIT_VIEW) || actor.rights().test(Rights.ACCOUNT_MANAGE);
        if (!permitted) {
            return;
        }
        ComplianceReport.Report report = compliance.of(actor);
        rows = report.rows().stream().map(Row::of).toList();
        duties = report.operatorDuties().stream().map(Row::of).toList();
        problems = report.problems();
        heading = (report.scope().isAppliance() ? "The appliance and every account" : "This account")
                + ", measured " + Formats.timeOf(report.measuredAt());
    }

    /** The rows of the chosen status (all for none). */
    public List<Row> getRows() {
        return status == null || status.isEmpty() ? rows : rows.stream().filter(r -> r.status().equals(status)).toList();
    }

    /** Whether the person may see the page: audit:view, or a system administrator. */
    public boolean isPermitted() {
        return permitted;
    }

    public List<Row> getDuties() {
        return duties;
    }

    public List<String> getProblems() {
        return problems;
    }

    public String getHeading() {
        return heading;
    }

    /** The report as a PDF for an auditor, measured again when it is downloaded (every status, not the filter's). */
    public StreamedContent getPdf() {
        String ip = Pages.sourceIp();
        return Downloads.streamed("iec62443.pdf", "application/pdf", out -> {
            Actor actor = Actor.current(ip);
            pdf.write(pdf.measure(actor), actor, out);
        });
    }

    /** How many requirements have {@code word} as status ({@code implemented}, …). */
    public long count(String word) {
        return rows.stream().filter(r -> r.status().equals(word)).count();
    }

    public List<String> getStatuses() {
        return java.util.Arrays.stream(RequirementStatus.values()).map(RequirementStatus::word).toList();
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status == null ? "" : status;
    }
}
