package io.keyswitch.workreport.api;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.api.PageRequest;
import io.keyswitch.platform.api.Paged;
import io.keyswitch.token.api.BearerTokenFilter;
import io.keyswitch.workreport.ReportForm;
import io.keyswitch.workreport.ReportState;
import io.keyswitch.workreport.WorkReport;
import io.keyswitch.workreport.WorkReportExport;
import io.keyswitch.workreport.WorkReportQuery;
import io.keyswitch.workreport.WorkReportRules;
import io.keyswitch.workreport.WorkReports;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Work reports for programs with an API token: the list (filtered, paged) and its CSV and PDF, one report with its
 * versions and its PDF, the author's writing and correction (PUT, within the edit window; 409 once final), and the
 * account's own fields. Technicians see their own reports; {@code connection:view} or {@code report:view} the account's.
 */
@Path("work-reports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkReportResource {

    @Inject
    WorkReports reports;

    @Inject
    WorkReportRules rules;

    @Inject
    WorkReportExport export;

    @Inject
    Clock clock;

    @Context
    HttpServletRequest request;

    /** The filters every list takes (JSON, CSV and PDF alike). */
    public static class Filters {
        @QueryParam("state")
        @DefaultValue("all")
        String state;
        @QueryParam("deviceId")
        Long deviceId;
        @QueryParam("userId")
        Long userId;
        @QueryParam("projectId")
        Long projectId;
        @QueryParam("from")
        String from;
        @QueryParam("to")
        String to;
        @QueryParam("text")
        String text;

        WorkReportQuery query() {
            return new WorkReportQuery(state(state), deviceId, userId, projectId, instant("from", from), instant("to", to),
                    text);
        }
    }

    @GET
    @Operation(summary = "Work reports, the latest connection first: state=open|written|all (default all), deviceId,"
            + " userId, projectId, from/to (ISO-8601 instants: the connection closed in [from, to)), text (device or"
            + " technician name prefix), page, size; the caller's own, or the account's with connection:view or report:view")
    public Paged<WorkReportJson.ReportOut> list(@BeanParam Filters filters, @QueryParam("page") @DefaultValue("0") Integer page,
                                                @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        WorkReportQuery query = filters.query();
        Actor actor = caller();
        Instant now = clock.instant();
        List<WorkReportJson.ReportOut> items = reports.page(actor, query, paging.first(), paging.size()).stream()
                .map(r -> WorkReportJson.ReportOut.of(r, now)).toList();
        return Paged.of(items, paging, reports.count(actor, query));
    }

    @GET
    @Path("list.csv")
    @Produces("text/csv")
    @Operation(summary = "The list as CSV (UTF-8, streamed, any size), the same filters: a column per field of the account's own")
    public Response csv(@BeanParam Filters filters) {
        WorkReportQuery query = filters.query();
        Actor actor = caller();
        StreamingOutput body = out -> export.csv(actor, query, out);
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"work-reports.csv\"").build();
    }

    @GET
    @Path("list.pdf")
    @Produces("application/pdf")
    @Operation(summary = "The list as PDF for invoicing (streamed), the same filters, shown on its first page; minutes summed")
    public Response pdf(@BeanParam Filters filters) {
        WorkReportQuery query = filters.query();
        Actor actor = caller();
        StreamingOutput body = out -> export.pdf(actor, query, out);
        return Response.ok(body, "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"work-reports.pdf\"").build();
    }

    @GET
    @Path("fields")
    @Operation(summary = "The fields of the account's own every report has (name, kind, choices, required), in their order")
    public List<WorkReportJson.FieldDefinitionOut> fields() {
        return rules.fields(caller().accountId()).stream().map(WorkReportJson.FieldDefinitionOut::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One work report")
    public WorkReportJson.ReportOut get(@PathParam("id") long id) {
        return WorkReportJson.ReportOut.of(reports.visible(caller(), id), clock.instant());
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Write or correct one's own report (all of it, each time): a new version; within the account's"
            + " edit window after the first writing, 409 once final; 403 for someone else's")
    public WorkReportJson.ReportOut write(@PathParam("id") long id, WorkReportJson.ReportIn in) {
        if (in == null) {
            throw ValidationFailed.of("whatWasDone", "Please say what was done.");
        }
        WorkReport r = reports.write(caller(), id, new ReportForm(in.whatWasDone(), in.orderNumber(), in.setupMinutes(),
                in.travelMinutes(), in.workingMinutes(), in.fieldMap()));
        return WorkReportJson.ReportOut.of(r, clock.instant());
    }

    @GET
    @Path("{id}/versions")
    @Operation(summary = "Every version of a report as its author wrote it, the first first")
    public List<WorkReportJson.VersionOut> versions(@PathParam("id") long id) {
        return reports.versions(caller(), id).stream().map(WorkReportJson.VersionOut::of).toList();
    }

    @GET
    @Path("{id}/report.pdf")
    @Produces("application/pdf")
    @Operation(summary = "One report as PDF, with the connection and every version")
    public Response reportPdf(@PathParam("id") long id) {
        Actor actor = caller();
        reports.visible(actor, id); // not found, or not the caller's: before any byte
        StreamingOutput body = out -> export.pdf(actor, id, out);
        return Response.ok(body, "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"work-report-" + id + ".pdf\"").build();
    }

    private static ReportState state(String state) {
        String s = state == null ? "all" : state.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "all" -> null;
            case "open" -> ReportState.OPEN;
            case "written" -> ReportState.WRITTEN;
            default -> throw ValidationFailed.of("state", "state is open, written or all.");
        };
    }

    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ValidationFailed.of(field, field + " is an ISO-8601 instant such as 2026-12-01T00:00:00Z.");
        }
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
