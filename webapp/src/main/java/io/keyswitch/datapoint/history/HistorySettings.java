package io.keyswitch.datapoint.history;

import io.keyswitch.platform.SettingsReader;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The appliance-wide settings of data point history ({@code keyswitch.datapoints.*}), read once at start and logged by
 * {@link #describe()}.
 *
 * @param rawDays        raw values are kept this many days (whole hours older are deleted)
 * @param hourlyDays     hourly aggregates are kept this many days
 * @param interval       how often the background job aggregates new values and deletes old ones
 * @param batch          rows one delete statement removes at most
 * @param pause          the pause after each delete statement that removed rows, so reports keep their share
 * @param rawLimit       raw values one JSON answer holds at most (a longer period asks for an aggregate or the CSV)
 */
public record HistorySettings(int rawDays, int hourlyDays, Duration interval, int batch, Duration pause, int rawLimit) {

    public static HistorySettings from(UnaryOperator<String> lookup) {
        SettingsReader points = SettingsReader.of(lookup, "keyswitch.datapoints.");
        return new HistorySettings(
                points.integer("raw-days", 30, 1, 3_650),
                points.integer("hourly-days", 730, 1, 36_500),
                points.duration("history-interval", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofHours(1)),
                points.integer("retention-batch", 5_000, 100, 100_000),
                points.duration("retention-pause", Duration.ofMillis(200), Duration.ZERO, Duration.ofMinutes(1)),
                points.integer("history-raw-limit", 20_000, 100, 1_000_000));
    }

    /** One line for the start-up log: every setting in force. */
    public String describe() {
        return "Data point history: raw values kept " + rawDays + " days (datapoints.raw-days), hourly aggregates "
                + hourlyDays + " days (hourly-days); aggregated and pruned every " + interval.toSeconds()
                + " s (history-interval) in deletes of at most " + batch + " rows (retention-batch) with "
                + pause.toMillis() + " ms between them (retention-pause); at most " + rawLimit
                + " raw values per answer (history-raw-limit)";
    }
}
