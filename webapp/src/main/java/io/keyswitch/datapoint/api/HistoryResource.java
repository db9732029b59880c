package io.keyswitch.datapoint.api;

import io.keyswitch.datapoint.DataPoint;
import io.keyswitch.datapoint.DataPointValue;
import io.keyswitch.datapoint.api.HistoryJson.HistoryOut;
import io.keyswitch.datapoint.api.HistoryJson.PointOut;
import io.keyswitch.datapoint.history.Aggregation;
import io.keyswitch.datapoint.history.HistoryPeriod;
import io.keyswitch.datapoint.history.HistoryQuery;
import io.keyswitch.datapoint.history.HourAggregate;
import io.keyswitch.datapoint.history.Periods;
import io.keyswitch.platform.CsvCells;
import io.keyswitch.platform.Actor;
import io.keyswitch.token.api.BearerTokenFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A device's data points and their history, for programs with an API token: current values, the history of one
 * point over a period (raw or aggregated by hour or day), and the same as CSV, streamed page by page so that an export
 * of any size never sits in memory whole. Scoped by {@link HistoryQuery}: the caller's account, a technician's granted
 * devices only.
 */
@Path("devices/{deviceId}/data-points")
@RequestScoped
public class HistoryResource {

    /** Raw values one page of an export reads. */
    static final int EXPORT_PAGE = 5_000;

    @Inject
    HistoryQuery history;

    @Inject
    Clock clock;

    @Context
    HttpServletRequest request;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The device's data points with their current values (right device:view, or device:connect for"
            + " a granted device)")
    public List<PointOut> points(@PathParam("deviceId") Long deviceId) {
        return history.points(caller(), deviceId).stream().map(PointOut::of).toList();
    }

    @GET
    @Path("{name}/history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A data point's history: from/to (UTC) or period=day|week|month|year ending at to (default: the"
            + " last day); aggregate=raw|hour|day|auto (auto: raw up to 2 days, hours up to 92 days, else days)")
    public HistoryOut history(@PathParam("deviceId") Long deviceId, @PathParam("name") String name,
                              @BeanParam HistoryParams params) {
        Aggregation asked = params.aggregation();
        HistoryPeriod p = params.period(clock.instant());
        return HistoryOut.of(history.history(caller(), deviceId, name, p, asked));
    }

    @GET
    @Path("{name}/history.csv")
    @Produces("text/csv")
    @Operation(summary = "A data point's history as CSV (UTF-8, streamed, any size): the same parameters; aggregate=raw"
            + " (the default here), hour or day")
    public Response csv(@PathParam("deviceId") Long deviceId, @PathParam("name") String name,
                        @BeanParam HistoryParams params) {
        Aggregation asked = params.aggregation();
        Aggregation used = asked == Aggregation.AUTO ? Aggregation.RAW : asked;
        HistoryPeriod p = params.period(clock.instant());
        DataPoint point = history.point(caller(), deviceId, name); // not found, or not the caller's: before any byte
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            if (used == Aggregation.RAW) {
                try (CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader("time", "value").get().print(writer)) {
                    raw(csv, point, p);
                }
            } else {
                try (CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader("time", "min", "max", "avg", "count").get()
                        .print(writer)) {
                    List<HourAggregate> hours = history.hours(point.getId(), p.from(), p.to());
                    for (HourAggregate a : used == Aggregation.DAY ? Periods.days(hours) : hours) {
                        csv.printRecord(a.start(), a.min(), a.max(), a.avg(), a.count());
                    }
                }
            }
        };
        String file = point.getName().replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + used.word() + ".csv";
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"device-" + deviceId + "-" + file + "\"").build();
    }

    /** Page after page of raw values, each page flushed to the client before the next is read. */
    private void raw(CSVPrinter csv, DataPoint point, HistoryPeriod p) throws java.io.IOException {
        Instant after = p.from();
        boolean first = true;
        List<DataPointValue> page;
        do {
            page = history.rawPage(point.getId(), after, first, p.to(), EXPORT_PAGE);
            for (DataPointValue v : page) {
                Object value = HistoryJson.value(point.getKind(), v);
                csv.printRecord(v.getAt(), CsvCells.cell(value));
            }
            csv.flush();
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).getAt();
            }
            first = false;
        } while (page.size() == EXPORT_PAGE);
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
