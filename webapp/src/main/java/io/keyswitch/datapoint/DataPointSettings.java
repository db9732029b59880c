package io.keyswitch.datapoint;

import io.keyswitch.platform.SettingsReader;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The appliance-wide settings of device reports, read once at start and logged by {@link #describe()}.
 *
 * @param createUnknown         whether a name a device has not reported before makes a new data point (false: the
 *                              report is refused, naming it)
 * @param maxPerDevice          data points a device may have
 * @param maxPerReport          values one report may carry
 * @param deadBand              a number is stored again when it differs from the last stored one by more than this
 *                              (0: any change)
 * @param sampleInterval        a value is stored, changed or not, when the last stored one is this old
 * @param reportInterval        how often a device should report (told in every answer)
 * @param offlineAfterIntervals a device without a tunnel is offline when it has not reported for this many intervals
 */
public record DataPointSettings(boolean createUnknown, int maxPerDevice, int maxPerReport, double deadBand,
                                Duration sampleInterval, int reportInterval, int offlineAfterIntervals) {

    public static DataPointSettings from(UnaryOperator<String> lookup) {
        SettingsReader points = SettingsReader.of(lookup, "keyswitch.datapoints.");
        return new DataPointSettings(
                points.bool("create-unknown", true),
                points.integer("max-per-device", 100, 1, 10_000),
                points.integer("max-per-report", 50, 1, 1_000),
                points.value("dead-band", "0", DataPointSettings::deadBand),
                points.duration("sample-interval", Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofDays(1)),
                points.integer("report-interval-seconds", 60, 5, 86_400),
                points.integer("offline-after-intervals", 3, 1, 1_000));
    }

    /** How long a device may be silent before it is offline (when it has no tunnel either). */
    public Duration offlineAfter() {
        return Duration.ofSeconds((long) reportInterval * offlineAfterIntervals);
    }

    /** One line for the start-up log: every setting in force. */
    public String describe() {
        return "Device report settings: datapoints.create-unknown=" + createUnknown + ", max-per-device=" + maxPerDevice
                + ", max-per-report=" + maxPerReport + ", dead-band=" + deadBand + ", sample-interval=" + sampleInterval
                + ", report-interval-seconds=" + reportInterval + ", offline-after-intervals=" + offlineAfterIntervals;
    }

    private static double deadBand(String text) {
        try {
            double d = Double.parseDouble(text);
            if (d >= 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("must be a number of at least 0, not '" + text + "'");
    }
}
