package io.keyswitch.datapoint.history;

import java.time.Instant;

/**
 * A data point the aggregates job has to (re)compute, and from which hour. A point's raw values are appended in time
 * order ({@code SamplePolicy} stores a value only when it is later than the last stored one), so every value that
 * came since the job's last pass is later than {@code through}, the point's last stored time then; but it may still
 * fall into an hour the job aggregated before — a router that reports late, with the time it read the values. So
 * the job recomputes every hour from the one {@code through} is in, each whole from the raw values: a late value
 * lands in its own hour, and no hour is ever counted twice.
 *
 * @param storedAt the point's last stored time now; the job's new mark
 * @param through  the point's last stored time at the job's last pass, {@code null}: never aggregated
 */
public record Rollup(long pointId, Instant storedAt, Instant through) {

    /** The first hour to recompute: the hour of {@code through}, or {@code null} for all of the point's values. */
    public Instant fromHour() {
        return through == null ? null : Periods.hourOf(through);
    }

    /** Whether the point has values the aggregates do not hold yet. */
    public boolean pending() {
        return through == null || storedAt.isAfter(through);
    }
}
