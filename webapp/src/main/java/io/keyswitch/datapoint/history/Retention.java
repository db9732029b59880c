package io.keyswitch.datapoint.history;

import io.keyswitch.platform.BatchedDelete;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Which history is old enough to go, and how it goes: whole UTC hours older than the kept days (so an hour is either
 * all there or all gone, and the job never recomputes an hour from half its values), deleted for a chunk of data points
 * at a time by {@link BatchedDelete} (statements of at most {@code batch} rows — a range of each point's key — with a
 * pause after every statement that removed rows).
 */
public final class Retention {

    /** Data points one delete statement names (their ids in one IN list: one key range per point). */
    static final int POINTS_PER_STATEMENT = 1_000;

    /** The data points after {@code afterId}, by id, at most {@code size}. */
    public interface PointIds {
        List<Long> after(long afterId, int size);
    }

    /** Deletes rows of these points older than {@code before}, at most {@code limit}; returns how many went. */
    public interface Delete {
        int rows(List<Long> pointIds, Instant before, int limit);
    }

    private Retention() {
    }

    /** Raw values before this go: the hour that began {@code rawDays} days ago, and everything earlier, stays. */
    public static Instant rawBefore(Clock clock, HistorySettings s) {
        return Periods.hourOf(clock.instant().minus(Duration.ofDays(s.rawDays())));
    }

    /** Hourly aggregates before this go. */
    public static Instant hourlyBefore(Clock clock, HistorySettings s) {
        return Periods.hourOf(clock.instant().minus(Duration.ofDays(s.hourlyDays())));
    }

    /**
     * Deletes everything before {@code before} of every point, in batches.
     *
     * @return the rows deleted
     * @throws InterruptedException when the portal stops meanwhile (what went is gone; the rest goes next time)
     */
    public static long run(PointIds points, Delete delete, Instant before, int batch, Duration pause,
                           BatchedDelete.Pause sleeper) throws InterruptedException {
        long total = 0;
        long after = 0;
        List<Long> ids;
        while (!(ids = points.after(after, POINTS_PER_STATEMENT)).isEmpty()) {
            List<Long> chunk = ids;
            total += BatchedDelete.drain(limit -> delete.rows(chunk, before, limit), batch, pause, sleeper);
            after = ids.get(ids.size() - 1);
        }
        return total;
    }
}
