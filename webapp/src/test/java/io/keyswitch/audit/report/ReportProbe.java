package io.keyswitch.audit.report;

import io.keyswitch.appliance.health.DiskSpaceCheck;
import io.keyswitch.platform.Actor;
import io.keyswitch.report.ReportFilter;
import io.keyswitch.report.ReportKind;
import io.keyswitch.report.ReportKinds;
import io.keyswitch.report.ReportPage;
import io.keyswitch.report.ReportWriter;
import io.keyswitch.token.api.BearerTokenFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test only (added to {@code ReportProtocolsIT}'s deployment, never in the WAR): the report kinds through
 * {@link ReportKinds} and {@link ReportWriter}, as the report API of branch s22-report-core will call them, with the
 * API token's actor; and the disk space check run now with a given threshold.
 */
@Path("test-reports")
@RequestScoped
public class ReportProbe {

    @Inject
    ReportKinds kinds;

    @Inject
    ReportWriter writer;

    @Inject
    DiskSpaceCheck disk;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @GET
    @Path("{kind}")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject page(@PathParam("kind") String name, @QueryParam("after") String after,
                           @QueryParam("limit") Integer limit) {
        ReportKind kind = kinds.named(name);
        Actor actor = actor();
        ReportFilter filter = filter();
        JsonObjectBuilder described = Json.createObjectBuilder();
        kind.describe(actor, filter).forEach(described::add);
        ReportPage page = kind.page(actor, filter, after, limit == null ? 50 : limit);
        JsonArrayBuilder rows = Json.createArrayBuilder();
        page.rows().forEach(r -> rows.add(Json.createObjectBuilder().add("key", r.key())
                .add("cells", Json.createArrayBuilder(r.cells()))));
        JsonObjectBuilder out = Json.createObjectBuilder().add("describe", described).add("rows", rows);
        if (page.next() != null) {
            out.add("next", page.next());
        }
        return out.build();
    }

    @GET
    @Path("{kind}/csv")
    @Produces("text/csv")
    public StreamingOutput csv(@PathParam("kind") String name) {
        ReportKind kind = kinds.named(name);
        Actor actor = actor();
        ReportFilter filter = filter();
        kind.describe(actor, filter);
        return out -> writer.csv(kind, actor, filter, out);
    }

    @GET
    @Path("{kind}/pdf")
    @Produces("application/pdf")
    public StreamingOutput pdf(@PathParam("kind") String name) {
        ReportKind kind = kinds.named(name);
        Actor actor = actor();
        ReportFilter filter = filter();
        kind.describe(actor, filter);
        return out -> writer.pdf(kind, actor, filter, out);
    }

    @POST
    @Path("disk-check")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject diskCheck(@QueryParam("threshold") int threshold) {
        return Json.createObjectBuilder().add("low", Json.createArrayBuilder(disk.check(threshold))).build();
    }

    private Actor actor() {
        return BearerTokenFilter.caller(request);
    }

    private ReportFilter filter() {
        Map<String, String> parameters = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((k, v) -> parameters.put(k, v.get(0)));
        return ReportFilter.parse(parameters);
    }
}
