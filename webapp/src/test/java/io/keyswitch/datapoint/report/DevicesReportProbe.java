package io.keyswitch.datapoint.report;

import io.keyswitch.platform.Actor;
import io.keyswitch.report.ReportFilter;
import io.keyswitch.report.ReportPage;
import io.keyswitch.report.ReportTotals;
import io.keyswitch.report.ReportWriter;
import io.keyswitch.token.api.BearerTokenFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test only, added to {@link DevicesReportIT}'s deployment: the devices report kind and {@link ReportWriter} reached over
 * HTTP with an API token, as the generic report API (built on another branch) will reach them — a page as JSON, the
 * filter in words, the totals, the CSV and the PDF.
 */
@Path("test-reports/devices")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DevicesReportProbe {

    @Inject
    DevicesReport kind;

    @Inject
    ReportWriter writer;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @GET
    public JsonObject page(@QueryParam("after") String after, @QueryParam("limit") @DefaultValue("50") int limit) {
        ReportPage page = kind.page(caller(), filter(), after, limit);
        JsonArrayBuilder rows = Json.createArrayBuilder();
        page.rows().forEach(r -> rows.add(Json.createObjectBuilder().add("key", r.key())
                .add("cells", Json.createArrayBuilder(r.cells()))));
        var out = Json.createObjectBuilder()
                .add("columns", Json.createArrayBuilder(kind.columns().stream().map(c -> c.heading()).toList()))
                .add("rows", rows);
        if (page.next() == null) {
            out.addNull("next");
        } else {
            out.add("next", page.next());
        }
        return out.build();
    }

    @GET
    @Path("describe")
    public JsonObject describe() {
        var out = Json.createObjectBuilder();
        kind.describe(caller(), filter()).forEach(out::add);
        return out.build();
    }

    @GET
    @Path("totals")
    public JsonObject totals() {
        var out = Json.createObjectBuilder();
        for (ReportTotals t : kind.totals(caller(), filter())) {
            JsonArrayBuilder rows = Json.createArrayBuilder();
            t.rows().forEach(r -> rows.add(Json.createArrayBuilder(r)));
            out.add(t.title(), rows);
        }
        return out.build();
    }

    @GET
    @Path("csv")
    @Produces("text/csv")
    public StreamingOutput csv() {
        Actor actor = caller();
        ReportFilter filter = filter();
        kind.describe(actor, filter);
        return out -> writer.csv(kind, actor, filter, out);
    }

    @GET
    @Path("pdf")
    @Produces("application/pdf")
    public StreamingOutput pdf() {
        Actor actor = caller();
        ReportFilter filter = filter();
        kind.describe(actor, filter);
        return out -> writer.pdf(kind, actor, filter, out);
    }

    private ReportFilter filter() {
        Map<String, String> parameters = new HashMap<>();
        uri.getQueryParameters().forEach((k, v) -> parameters.put(k, v.isEmpty() ? null : v.get(0)));
        for (String ignored : List.of("after", "limit")) {
            parameters.remove(ignored);
        }
        return ReportFilter.parse(parameters);
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
