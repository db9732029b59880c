package io.keyswitch.report.api;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.report.ReportFilter;
import io.keyswitch.report.ReportKind;
import io.keyswitch.report.ReportKinds;
import io.keyswitch.report.ReportWriter;
import io.keyswitch.token.api.BearerTokenFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Every report kind through one API: the kinds the caller may run, a kind's rows a keyed page at a time (newest first;
 * {@code next} is the {@code after} of the following page), its totals, and the whole report as CSV or PDF, streamed.
 * Everything that can fail — unknown kind (404), a kind the caller may not run (403), a bad or unknown parameter (400,
 * named), an id of another account (404) — fails before the first byte.
 */
@Path("reports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    /** Rows a page has when {@code limit} is not given, and at most. */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    @Inject
    ReportKinds kinds;

    @Inject
    ReportWriter writer;

    @Inject
    Clock clock;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The report kinds the caller may run: name (for the paths below), title and columns")
    public List<ReportJson.KindOut> kinds() {
        return kinds.allowedFor(caller()).stream().map(ReportJson.KindOut::of).toList();
    }

    @GET
    @Path("{kind}")
    @Operation(summary = "One page of a report, newest first: from/to (a UTC day 2026-11-30, to inclusive, or an instant,"
            + " to exclusive), account (system administrators), project, device, user (ids); after (the previous page's"
            + " next), limit (1 to 1000, default 100)")
    public ReportJson.PageOut page(@PathParam("kind") String name, @QueryParam("after") String after,
                                   @QueryParam("limit") Integer limit) {
        Actor actor = caller();
        ReportKind kind = kinds.runnable(actor, name);
        ReportFilter filter = ReportFilter.parse(ReportParameters.filter(uri.getQueryParameters(), true));
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ValidationFailed.of("limit", "limit is 1 to " + MAX_LIMIT + ".");
        }
        Map<String, String> described = kind.describe(actor, filter);
        return ReportJson.PageOut.of(kind, described, kind.page(actor, filter, blankIsNull(after), size));
    }

    @GET
    @Path("{kind}/totals")
    @Operation(summary = "The report's sums for the same filters (e.g. connections per device, per technician, per project)")
    public ReportJson.AllTotalsOut totals(@PathParam("kind") String name) {
        Actor actor = caller();
        ReportKind kind = kinds.runnable(actor, name);
        ReportFilter filter = ReportFilter.parse(ReportParameters.filter(uri.getQueryParameters(), false));
        Map<String, String> described = kind.describe(actor, filter);
        return new ReportJson.AllTotalsOut(kind.name(), described,
                kind.totals(actor, filter).stream().map(ReportJson.TotalsOut::of).toList());
    }

    @GET
    @Path("{kind}/csv")
    @Produces("text/csv")
    @Operation(summary = "The whole report as CSV (UTF-8, RFC 4180, a header line, streamed: any size), the same filters")
    public Response csv(@PathParam("kind") String name) {
        Actor actor = caller();
        ReportKind kind = kinds.runnable(actor, name);
        ReportFilter filter = checked(kind, actor);
        StreamingOutput body = out -> writer.csv(kind, actor, filter, out);
        return Response.ok(body, "text/csv; charset=UTF-8").header("Content-Disposition", attachment(kind, "csv")).build();
    }

    @GET
    @Path("{kind}/pdf")
    @Produces("application/pdf")
    @Operation(summary = "The whole report as PDF (filters on its first page, page numbers, the totals at the end), streamed")
    public Response pdf(@PathParam("kind") String name) {
        Actor actor = caller();
        ReportKind kind = kinds.runnable(actor, name);
        ReportFilter filter = checked(kind, actor);
        StreamingOutput body = out -> writer.pdf(kind, actor, filter, out);
        return Response.ok(body, "application/pdf").header("Content-Disposition", attachment(kind, "pdf")).build();
    }

    /** The filter of an export, checked by the kind (rights, ids) before the answer starts. */
    private ReportFilter checked(ReportKind kind, Actor actor) {
        ReportFilter filter = ReportFilter.parse(ReportParameters.filter(uri.getQueryParameters(), false));
        kind.describe(actor, filter);
        return filter;
    }

    private String attachment(ReportKind kind, String extension) {
        return "attachment; filename=\"" + kind.name() + "-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + "."
                + extension + "\"";
    }

    private static String blankIsNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
