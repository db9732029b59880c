package io.keyswitch.vpn.internal;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The VPN's periodic and deferred work (supervision, CRLs signed again, byte counts written, what an event asks for
 * after its commit), all on the container's {@link ManagedScheduledExecutorService}, the portal's one scheduling
 * mechanism: its tasks may use JPA and JTA, and the container owns the threads. A task that fails is logged, never
 * ends its schedule. Nothing runs before {@link #start()} (the VPN never started) or after {@link #stop()}.
 */
@ApplicationScoped
public class VpnScheduler {

    private static final Logger LOG = Logger.getLogger(VpnScheduler.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;

    private final List<ScheduledFuture<?>> schedules = new CopyOnWriteArrayList<>();
    private volatile boolean started;

    public void start() {
        started = true;
    }

    /** Runs {@code task} every {@code period}, the first time one period from now; {@code what} names it in the log. */
    public void every(Duration period, String what, Runnable task) {
        if (started) {
            schedules.add(executor.scheduleWithFixedDelay(guarded(what, task), period.toMillis(), period.toMillis(),
                    TimeUnit.MILLISECONDS));
        }
    }

    /** Runs {@code task} soon, in its own transactions; nothing when the VPN never started. */
    public void later(Runnable task) {
        if (started) {
            executor.execute(guarded("VPN task failed", task));
        }
    }

    /** Ends every schedule; deferred tasks not begun yet are not run. */
    public void stop() {
        started = false;
        schedules.forEach(s -> s.cancel(false));
        schedules.clear();
    }

    private Runnable guarded(String what, Runnable task) {
        return () -> {
            if (!started) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, what + ": " + e.getMessage(), e);
            }
        };
    }
}
