package io.keyswitch.alarm;

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
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Alarm retention, every {@code keyswitch.alarms.retention-interval} on the container's managed scheduler: alarms
 * cleared more than {@code keyswitch.alarms.retention-days} ago (with their messages and escalations) and messages sent
 * before then are deleted by {@link BatchedDelete}, as the data point history's are. Active alarms are never deleted,
 * nor an alarm whose message is still pending. A failed run is logged; the next one deletes what is left.
 */
@ApplicationScoped
public class AlarmRetention {

    /** Rows one delete statement removes at most (an alarm takes its few messages with it). */
    static final int BATCH = 1_000;
    /** The pause after each statement that removed rows. */
    static final Duration PAUSE = Duration.ofMillis(200);
    private static final Logger LOG = Logger.getLogger(AlarmRetention.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    OldAlarms old;

    @Inject
    Clock clock;

    private volatile AlarmSettings settings = AlarmSettings.from(key -> null);
    private ScheduledFuture<?> task;

    /** What one run deleted. */
    public record Outcome(long alarms, long messages) {
    }

    void atStart(@Observes @Priority(StartupOrder.ALARMS) PortalStarted started) {
        settings = AlarmSettings.from(SettingsReader.portalLookup());
        long every = settings.retentionInterval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::scheduled, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Alarms cleared and messages sent before this go. */
    static Instant before(Clock clock, AlarmSettings s) {
        return clock.instant().minus(Duration.ofDays(s.retentionDays()));
    }

    private void scheduled() {
        try {
            Outcome o = run();
            if (o.alarms() + o.messages() > 0) {
                LOG.info("Alarm retention: " + o.alarms() + " cleared alarm(s) and " + o.messages()
                        + " sent message(s) older than " + settings.retentionDays() + " days deleted.");
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Alarm retention failed; the next run deletes what is left: " + e, e);
        }
    }

    /** One run: old sent messages, then old cleared alarms. */
    public Outcome run() throws InterruptedException {
        Instant before = before(clock, settings);
        long messages = BatchedDelete.drain(limit -> old.deleteSent(before, limit), BATCH, PAUSE, BatchedDelete.SLEEP);
        long alarms = BatchedDelete.drain(limit -> old.deleteCleared(before, limit), BATCH, PAUSE, BatchedDelete.SLEEP);
        return new Outcome(alarms, messages);
    }
}
