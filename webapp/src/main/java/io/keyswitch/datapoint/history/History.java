package io.keyswitch.datapoint.history;

import io.keyswitch.datapoint.DataPoint;
import io.keyswitch.datapoint.DataPointValue;
import java.util.List;

/**
 * A data point's history over a period: its raw values ({@code aggregation} {@code RAW}) or its hourly or daily
 * aggregates, by time.
 */
public record History(DataPoint point, HistoryPeriod period, Aggregation aggregation, List<DataPointValue> raw,
                      List<HourAggregate> aggregates) {
}
