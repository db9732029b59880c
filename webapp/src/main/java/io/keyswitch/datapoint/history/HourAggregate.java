package io.keyswitch.datapoint.history;

import java.time.Instant;

/**
 * A data point's values in one period (an hour, or a day summed from hours): their smallest, largest and sum, and how
 * many there were. Text points have only the count ({@code min}, {@code max}, {@code sum} are {@code null}).
 *
 * @param start the period's start (UTC)
 */
public record HourAggregate(long pointId, Instant start, Double min, Double max, Double sum, int count) {

    /** The mean of the values, or {@code null} for text. */
    public Double avg() {
        return sum == null || count == 0 ? null : sum / count;
    }

    /** This period and {@code later} as one (a day of hours). */
    public HourAggregate plus(HourAggregate later) {
        return new HourAggregate(pointId, start, min == null ? later.min : later.min == null ? min : Math.min(min, later.min),
                max == null ? later.max : later.max == null ? max : Math.max(max, later.max),
                sum == null ? later.sum : later.sum == null ? sum : sum + later.sum, count + later.count);
    }
}
