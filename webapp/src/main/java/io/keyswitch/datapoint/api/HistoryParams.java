package io.keyswitch.datapoint.api;

import io.keyswitch.datapoint.history.Aggregation;
import io.keyswitch.datapoint.history.HistoryPeriod;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;

/** The query parameters of a history request (JSON and CSV alike): the period and the aggregation. */
public class HistoryParams {

    @QueryParam("from")
    String from;

    @QueryParam("to")
    String to;

    @QueryParam("period")
    String period;

    @QueryParam("aggregate")
    String aggregate;

    /** The aggregation asked for; throws a 400 problem naming {@code aggregate}. */
    Aggregation aggregation() {
        return Aggregation.of(aggregate);
    }

    /** The period asked for, relative to {@code now}; throws a 400 problem naming the parameter. */
    HistoryPeriod period(Instant now) {
        return HistoryPeriod.of(from, to, period, now);
    }
}
