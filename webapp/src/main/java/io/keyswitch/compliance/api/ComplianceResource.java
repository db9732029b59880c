package io.keyswitch.compliance.api;

import io.keyswitch.compliance.CompliancePdf;
import io.keyswitch.compliance.ComplianceReport;
import io.keyswitch.platform.Actor;
import io.keyswitch.token.api.BearerTokenFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The IEC 62443-3-3 mapping with the evidence measured now: for a system administrator the appliance's with every
 * account, for a holder of audit:view their own account's; others get 403.
 */
@Path("compliance")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ComplianceResource {

    @Inject
    ComplianceReport report;

    @Inject
    CompliancePdf pdf;

    @Context
    HttpServletRequest request;

    /** One system requirement: its status and how it is met (as docs/secure/iec62443.md says), and the evidence now. */
    public record RequirementOut(String id, String title, String status, String how, List<String> evidence) {
        static RequirementOut of(ComplianceReport.Row row) {
            var r = row.requirement();
            return new RequirementOut(r.id(), r.title(), r.status().word(), r.how(), row.evidence());
        }
    }

    /**
     * The report: {@code scope} is {@code appliance} or {@code account} (then {@code accountId} is the caller's);
     * {@code operatorDuties} the ids of the requirements that are the operator's; {@code problems} the sources that
     * could not measure.
     */
    public record ReportOut(String scope, Long accountId, Instant measuredAt, List<RequirementOut> requirements,
                            List<String> operatorDuties, List<String> problems) {
    }

    @GET
    @Path("iec62443")
    @Operation(summary = "The 51 IEC 62443-3-3 system requirements with status, how they are met and the evidence measured now: "
            + "a system administrator's for the appliance and every account, else the caller's account's (right audit:view)")
    public ReportOut iec62443() {
        ComplianceReport.Report r = report.of(BearerTokenFilter.caller(request));
        return new ReportOut(r.scope().isAppliance() ? "appliance" : "account", r.scope().accountId(), r.measuredAt(),
                r.rows().stream().map(RequirementOut::of).toList(),
                r.operatorDuties().stream().map(row -> row.requirement().id()).toList(), r.problems());
    }

    @GET
    @Path("iec62443/pdf")
    @Produces("application/pdf")
    @Operation(summary = "The same report as a PDF for an auditor: title, when and by whom, scope, then per foundational requirement"
            + " the system requirements with status, how they are met and the evidence measured now, and the operator's duties")
    public Response iec62443Pdf() {
        Actor actor = BearerTokenFilter.caller(request);
        ComplianceReport.Report measured = pdf.measure(actor); // 403 before the first byte
        StreamingOutput body = out -> pdf.write(measured, actor, out);
        return Response.ok(body, "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"iec62443.pdf\"").build();
    }
}
