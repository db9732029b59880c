package io.keyswitch.audit;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Walks every audit chain on the container's managed scheduler, every {@value #KEY_INTERVAL} (default daily; the
 * first run an hour after the start, when the start's work is done, or after one interval if that is shorter), so that a changed event shows
 * without anyone pressing "Check the chain". Each chain's result is kept ({@link AuditVerifications}: the IEC 62443
 * page's SR 3.9 evidence) and each run is an {@code audit.verify} event; a broken chain is logged as SEVERE. A failed
 * run is logged and the next one tries again.
 */
@ApplicationScoped
public class AuditChainCheck {

    /** How often every chain is walked: a duration (ISO-8601 or seconds), 10 seconds to 7 days. */
    public static final String KEY_INTERVAL = "keyswitch.audit.verify-interval";
    public static final Duration DEFAULT_INTERVAL = Duration.ofDays(1);
    private static final Duration FIRST_RUN = Duration.ofHours(1);

    private static final Logger LOG = Logger.getLogger(AuditChainCheck.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    AuditTrail trail;

    @Inject
    AuditVerifications verifications;

    @Inject
    Clock clock;

    private ScheduledFuture<?> task;
    private Duration interval = DEFAULT_INTERVAL;

    void atStart(@Observes @Priority(StartupOrder.AUDIT_CHECK) PortalStarted started) {
        interval = interval(SettingsReader.portalLookup().apply(KEY_INTERVAL));
        long first = Math.min(FIRST_RUN.toMillis(), interval.toMillis());
        task = scheduler.scheduleWithFixedDelay(this::run, first, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Audit chain check: every chain is walked every " + interval.toSeconds() + " s (" + KEY_INTERVAL
                + "), first in " + first / 1000 + " s.");
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** How often the check runs (for the evidence's words). */
    public Duration interval() {
        return interval;
    }

    /** One run: walks each chain in its own transaction, then keeps and audits the results. */
    public void run() {
        try {
            Map<Long, ChainVerification> results = new LinkedHashMap<>();
            for (long chainKey : verifications.chainKeys()) {
                ChainVerification v = trail.verify(chainKey == 0 ? null : chainKey);
                results.put(chainKey, v);
                if (!v.intact()) {
                    LOG.severe("Audit chain " + AuditVerifications.chainName(chainKey) + " is broken at event "
                            + v.firstBrokenEventId() + ": " + v.problem());
                }
            }
            verifications.record(clock.instant(), results);
        } catch (RuntimeException e) {
            LOG.warning("Audit chain check failed, next run in the next interval: " + e);
        }
    }

    static Duration interval(String value) {
        return SettingsReader.of(key -> value).duration(KEY_INTERVAL, DEFAULT_INTERVAL, Duration.ofSeconds(10), Duration.ofDays(7));
    }
}
