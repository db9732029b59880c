package io.keyswitch.datapoint.web;

import io.keyswitch.datapoint.DataPointType;
import io.keyswitch.datapoint.DataPointValue;
import io.keyswitch.datapoint.history.Aggregation;
import io.keyswitch.datapoint.history.History;
import io.keyswitch.datapoint.history.HistoryPeriod;
import io.keyswitch.datapoint.history.HourAggregate;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.function.Function;

/**
 * A history as a Chart.js configuration (the JSON PrimeFaces' {@code p:chart} takes): a time axis; raw values as one
 * line (stepped for on/off), aggregates as the mean with the hour's or day's minimum and maximum as a band around it.
 */
final class HistoryChart {

    private static final String LINE = "#2563eb";
    private static final String BAND = "rgba(37, 99, 235, 0.15)";

    private HistoryChart() {
    }

    /** Colours of the lines of a chart across devices, one per device, in turn. */
    private static final String[] PALETTE = {"#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777",
        "#4b5563", "#65a30d", "#9333ea"};

    /** How a chart of a period reads its history: raw values for a day, hours for a week or month, days for a year. */
    static Aggregation aggregationFor(HistoryPeriod.Length period) {
        return switch (period) {
            case DAY -> Aggregation.AUTO;
            case WEEK, MONTH -> Aggregation.HOUR;
            case YEAR -> Aggregation.DAY;
        };
    }

    /**
     * One data point of several devices as one line per device, labelled with the device's name: raw values as they are,
     * aggregates as their mean.
     */
    static String lines(List<History> histories, List<String> devices) {
        JsonArrayBuilder datasets = Json.createArrayBuilder();
        for (int i = 0; i < histories.size(); i++) {
            History h = histories.get(i);
            JsonArrayBuilder data = h.aggregation() == Aggregation.RAW ? raw(h) : series(h, HourAggregate::avg);
            datasets.add(dataset(devices.get(i), data, PALETTE[i % PALETTE.length], false)
                    .add("stepped", h.point().getKind() == DataPointType.BOOLEAN));
        }
        return config(datasets);
    }

    static String json(History h) {
        String label = h.point().getName() + (h.point().getUnit() == null ? "" : " (" + h.point().getUnit() + ")");
        boolean onOff = h.point().getKind() == DataPointType.BOOLEAN;
        JsonArrayBuilder datasets = Json.createArrayBuilder();
        if (h.aggregation() == Aggregation.RAW) {
            datasets.add(dataset(label, raw(h), LINE, false).add("stepped", onOff));
        } else {
            datasets.add(dataset("min", series(h, HourAggregate::min), BAND, false).add("borderWidth", 0));
            datasets.add(dataset("max", series(h, HourAggregate::max), BAND, true).add("borderWidth", 0));
            datasets.add(dataset(label + " · mean per " + h.aggregation().word(), series(h, HourAggregate::avg), LINE, false));
        }
        return config(datasets);
    }

    /** The chart: lines on a time axis, with a legend. */
    private static String config(JsonArrayBuilder datasets) {
        JsonObjectBuilder x = Json.createObjectBuilder().add("type", "time")
                .add("time", Json.createObjectBuilder().add("tooltipFormat", "YYYY-MM-DD HH:mm")
                        .add("displayFormats", Json.createObjectBuilder().add("minute", "HH:mm").add("hour", "HH:mm")
                                .add("day", "MMM D").add("month", "MMM YYYY")));
        JsonObjectBuilder options = Json.createObjectBuilder().add("animation", false).add("maintainAspectRatio", false)
                .add("scales", Json.createObjectBuilder().add("x", x))
                .add("plugins", Json.createObjectBuilder().add("legend", Json.createObjectBuilder().add("display", true)));
        return Json.createObjectBuilder().add("type", "line")
                .add("data", Json.createObjectBuilder().add("datasets", datasets)).add("options", options).build().toString();
    }

    private static JsonArrayBuilder raw(History h) {
        JsonArrayBuilder data = Json.createArrayBuilder();
        for (DataPointValue v : h.raw()) {
            if (v.getNumber() != null) {
                data.add(Json.createObjectBuilder().add("x", v.getAt().toEpochMilli()).add("y", v.getNumber()));
            }
        }
        return data;
    }

    private static JsonArrayBuilder series(History h, Function<HourAggregate, Double> value) {
        JsonArrayBuilder data = Json.createArrayBuilder();
        for (HourAggregate a : h.aggregates()) {
            Double y = value.apply(a);
            if (y != null) {
                data.add(Json.createObjectBuilder().add("x", a.start().toEpochMilli()).add("y", y));
            }
        }
        return data;
    }

    /** A line: {@code fillBelow} fills down to the dataset before it (the band between min and max). */
    private static JsonObjectBuilder dataset(String label, JsonArrayBuilder data, String color, boolean fillBelow) {
        JsonObjectBuilder d = Json.createObjectBuilder().add("label", label).add("data", data).add("borderColor", color)
                .add("backgroundColor", color).add("pointRadius", 0).add("borderWidth", 2);
        return fillBelow ? d.add("fill", "-1") : d.add("fill", false);
    }
}
