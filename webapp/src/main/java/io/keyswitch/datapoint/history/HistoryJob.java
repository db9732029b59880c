package io.keyswitch.datapoint.history;

import io.keyswitch.platform.BatchedDelete;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.platform.StartupOrder;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The history's background job, every {@code keyswitch.datapoints.history-interval} on the container's managed
 * scheduler: first the hourly aggregates of every point with new raw values ({@link Rollup}), a chunk of points per
 * transaction; then retention ({@link Retention}): raw values older than the kept days, then hourly aggregates older
 * than theirs, in batches with pauses. Aggregating first means retention never deletes a raw value the aggregates do
 * not hold yet. A failed run is logged and the next one starts over where the marks say.
 */
@ApplicationScoped
public class HistoryJob {

    /** Points one aggregating transaction takes. */
    static final int POINTS_PER_ROLLUP = 200;
    private static final Logger LOG = Logger.getLogger(HistoryJob.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    HistoryStore store;

    @Inject
    Clock clock;

    private volatile HistorySettings settings = HistorySettings.from(key -> null);
    private ScheduledFuture<?> task;

    /** What one run did. */
    public record Outcome(int points, int hours, long rawDeleted, long hoursDeleted) {
    }

    void atStart(@Observes @Priority(StartupOrder.DATA_POINT_HISTORY) PortalStarted started) {
        settings = HistorySettings.from(SettingsReader.portalLookup());
        LOG.info(settings.describe());
        long every = settings.interval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::scheduled, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    public HistorySettings settings() {
        return settings;
    }

    private void scheduled() {
        try {
            Outcome o = run();
            if (o.rawDeleted() + o.hoursDeleted() > 0 || o.points() > 1_000) {
                LOG.info("Data point history: " + o.hours() + " hour(s) of " + o.points() + " point(s) aggregated, "
                        + o.rawDeleted() + " raw value(s) and " + o.hoursDeleted() + " hourly aggregate(s) deleted.");
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Data point history job failed; the next run starts where this one stopped: " + e, e);
        }
    }

    /** One run: aggregate, then retention. */
    public Outcome run() throws InterruptedException {
        int points = 0;
        int hours = 0;
        long after = 0;
        List<Rollup> chunk;
        while (!(chunk = store.pending(after, POINTS_PER_ROLLUP)).isEmpty()) {
            hours += store.rollUp(chunk);
            points += chunk.size();
            after = chunk.get(chunk.size() - 1).pointId();
        }
        HistorySettings s = settings;
        Instant rawBefore = Retention.rawBefore(clock, s);
        Instant hourlyBefore = Retention.hourlyBefore(clock, s);
        long raw = Retention.run(store::pointIds, store::deleteRaw, rawBefore, s.batch(), s.pause(), BatchedDelete.SLEEP);
        long old = Retention.run(store::pointIds, store::deleteHours, hourlyBefore, s.batch(), s.pause(), BatchedDelete.SLEEP);
        return new Outcome(points, hours, raw, old);
    }
}
