package io.keyswitch.datapoint.api;

import io.keyswitch.datapoint.DataPoint;
import io.keyswitch.datapoint.DataPointType;
import io.keyswitch.datapoint.DataPointValue;
import io.keyswitch.datapoint.history.Aggregation;
import io.keyswitch.datapoint.history.History;
import io.keyswitch.datapoint.history.HourAggregate;
import java.util.List;

/** A device's data points and a data point's history as the API gives them (see {@code docs/integrate/rest-api.md}). */
public final class HistoryJson {

    private HistoryJson() {
    }

    /** A data point with its current value ({@code value}: a number, true/false or text) and its time. */
    public record PointOut(String name, String type, String unit, Object value, String at) {
        static PointOut of(DataPoint p) {
            return new PointOut(p.getName(), p.getKind().name().toLowerCase(java.util.Locale.ROOT), p.getUnit(),
                    HistoryJson.value(p.getKind(), p.getLastNumber(), p.getLastText()), p.getLastAt().toString());
        }
    }

    /** A raw value: when it was read and the value (a number, true/false or text). */
    public record ValueOut(String at, Object value) {
    }

    /** An hour's or a day's values: smallest, largest, mean (numbers and true/false as 0/1 only) and how many. */
    public record AggregateOut(String at, Double min, Double max, Double avg, int count) {
    }

    /** The history of one data point over a period. */
    public record HistoryOut(String name, String type, String unit, String from, String to, String aggregate,
                             List<ValueOut> values, List<AggregateOut> aggregates) {
        static HistoryOut of(History h) {
            DataPoint p = h.point();
            boolean raw = h.aggregation() == Aggregation.RAW;
            return new HistoryOut(p.getName(), p.getKind().name().toLowerCase(java.util.Locale.ROOT), p.getUnit(),
                    h.period().from().toString(), h.period().to().toString(), h.aggregation().word(),
                    raw ? h.raw().stream().map(v -> new ValueOut(v.getAt().toString(), HistoryJson.value(p.getKind(), v))).toList() : null,
                    raw ? null : h.aggregates().stream().map(HistoryJson::aggregate).toList());
        }
    }

    static AggregateOut aggregate(HourAggregate a) {
        return new AggregateOut(a.start().toString(), a.min(), a.max(), a.avg(), a.count());
    }

    static Object value(DataPointType type, DataPointValue v) {
        return value(type, v.getNumber(), v.getText());
    }

    static Object value(DataPointType type, Double number, String text) {
        return switch (type) {
            case BOOLEAN -> number == null ? null : number != 0;
            case NUMBER -> number;
            case TEXT -> text;
        };
    }
}
