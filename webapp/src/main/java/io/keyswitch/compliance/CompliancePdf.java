package io.keyswitch.compliance;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.pdf.TablePdf;
import io.keyswitch.platform.web.Formats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IEC 62443-3-3 report as a PDF for an auditor ({@link TablePdf}): the title, when and by whom it was made and its
 * scope (the appliance with every account, or one account) on the first page, then per foundational requirement its
 * system requirements with status, how they are met and the evidence measured now, then the operator's duties. The
 * same {@link ComplianceReport} as the page and the API, so the three never disagree; rights as there.
 */
@ApplicationScoped
public class CompliancePdf {

    static final String TITLE = "IEC 62443-3-3: system requirements and live evidence";

    @Inject
    ComplianceReport compliance;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    /**
     * The report {@code actor} may see, measured now: call it before the response starts, so that a refusal is a 403
     * and not a broken download, then {@link #write} it.
     *
     * @throws io.keyswitch.platform.Forbidden without audit:view (or a system administrator)
     */
    public ComplianceReport.Report measure(Actor actor) {
        return compliance.of(actor);
    }

    /** Writes {@code report} (as {@link #measure} gave it to {@code actor}) to {@code out}, which stays open. */
    public void write(ComplianceReport.Report report, Actor actor, OutputStream out) {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("Scope", report.scope().isAppliance() ? "the appliance and every account"
                : "the account " + accountName(report.scope().accountId()) + " only");
        shown.put("Measured", Formats.timeOf(report.measuredAt()));
        shown.put("Source", "docs/secure/iec62443.md as packed into this portal, with the evidence it measures live");
        try (TablePdf pdf = TablePdf.start(out, TITLE, shown,
                "Made " + Formats.timeOf(report.measuredAt()) + " by " + actor.name() + " (Keyswitch)")) {
            if (!report.problems().isEmpty()) {
                pdf.heading("Not measured");
                TablePdf.Table problems = pdf.table(new float[] {1}, "Evidence source");
                report.problems().forEach(problems::row);
                problems.end();
            }
            FoundationalRequirement current = null;
            TablePdf.Table table = null;
            for (ComplianceReport.Row row : report.rows()) {
                SystemRequirement sr = row.requirement();
                FoundationalRequirement fr = FoundationalRequirement.of(sr.id());
                if (fr != current) {
                    if (table != null) {
                        table.end();
                    }
                    pdf.heading(fr.heading());
                    table = pdf.table(new float[] {0.5f, 2, 1, 6, 3.5f}, "SR", "Requirement", "Status", "How, tests, plan",
                            "Live evidence");
                    current = fr;
                }
                table.row(sr.id(), sr.title(), sr.status().word(), InlineMarkdown.toPlain(sr.how()),
                        row.evidence().isEmpty() ? "" : "- " + String.join("\n- ", row.evidence()));
            }
            if (table != null) {
                table.end();
            }
            pdf.heading("The operator's duties (outside the appliance)");
            TablePdf.Table duties = pdf.table(new float[] {0.5f, 2, 9}, "SR", "Requirement", "The operator's duty");
            report.operatorDuties().forEach(d -> duties.row(d.requirement().id(), d.requirement().title(),
                    InlineMarkdown.toPlain(d.requirement().how())));
            duties.end();
        }
    }

    private String accountName(long accountId) {
        List<?> names = em.createNativeQuery("SELECT name FROM account WHERE id = ?1").setParameter(1, accountId).getResultList();
        return names.isEmpty() ? "#" + accountId : names.get(0) + " (#" + accountId + ")";
    }
}
