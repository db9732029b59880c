package io.keyswitch.schedule;

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
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Scheduled reports in the background, on the container's managed scheduler: every
 * {@code keyswitch.report-schedules.interval} the schedules that are due become runs, and the runs that are due (new,
 * or a retry whose time came) are written and mailed, one after another; a "send now" run is due at once and taken by
 * the next pass (it is not handed to the executor from the request's commit: that breaks the container's invocation
 * stack, as SiemForwarder notes). The first run after a start catches up what came due while the portal was down (once
 * per schedule).
 */
@ApplicationScoped
public class ScheduleRunner {

    private static final Logger LOG = Logger.getLogger(ScheduleRunner.class.getName());
    /** Schedules started, or runs attempted, per read; a run goes on until none is due. */
    static final int BATCH = 50;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ScheduleRuns runs;

    @Inject
    ScheduledReportMail mail;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile ScheduleSettings settings;
    private ScheduledFuture<?> task;

    void atStart(@Observes @Priority(StartupOrder.REPORT_SCHEDULES) PortalStarted started) {
        settings = ScheduleSettings.read(SettingsReader.portalLookup());
        long every = settings.interval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
        LOG.info("Scheduled report settings: " + settings.describe());
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** One run: due schedules become runs, then every due run is attempted. */
    public void run() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            while (runs.startDue(BATCH) == BATCH) {
                // more schedules came due than one read takes
            }
            for (List<Long> due = runs.due(BATCH); !due.isEmpty(); due = due.size() == BATCH ? runs.due(BATCH) : List.of()) {
                due.forEach(id -> mail.attempt(id, settings));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The scheduled report run failed; the next one tries again: " + e, e);
        } finally {
            running.set(false);
        }
    }
}
