package io.keyswitch.security;

import jakarta.annotation.Priority;
import io.keyswitch.platform.StartupOrder;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.platform.SettingsReader;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Deletes expired e-mail login links and SMS codes every {@value #KEY_INTERVAL} (default 5
 * minutes), on the container's managed scheduler. They are refused once expired anyway; this keeps
 * the tables to the few logins in progress. A failed run is logged and the next one tries again.
 */
@ApplicationScoped
public class SecondFactorHousekeeping {

    /** How often expired links and codes are deleted: a duration (ISO-8601 or seconds), 1 second to 1 day. */
    public static final String KEY_INTERVAL = "keyswitch.housekeeping.interval";
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

    private static final Logger LOG = Logger.getLogger(SecondFactorHousekeeping.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    EmailLinkAuthenticator mailLinks;

    @Inject
    SmsCodeAuthenticator smsCodes;

    private ScheduledFuture<?> task;

    void atStart(@Observes @Priority(StartupOrder.HOUSEKEEPING) PortalStarted started) {
        Duration interval = interval(SettingsReader.portalLookup().apply(KEY_INTERVAL));
        task = scheduler.scheduleWithFixedDelay(this::run, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Housekeeping: expired e-mail login links and SMS codes are deleted every " + interval.toSeconds() + " s ("
                + KEY_INTERVAL + ").");
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** One run: deletes what has expired; returns how many rows went. */
    public int run() {
        try {
            int links = mailLinks.deleteExpired();
            int codes = smsCodes.deleteExpired();
            if (links + codes > 0) {
                LOG.info("Housekeeping: deleted " + links + " expired e-mail login link(s) and " + codes + " expired SMS code(s).");
            }
            return links + codes;
        } catch (RuntimeException e) {
            LOG.warning("Housekeeping failed, next run in the next interval: " + e);
            return 0;
        }
    }

    static Duration interval(String value) {
        return SettingsReader.of(key -> value).duration(KEY_INTERVAL, DEFAULT_INTERVAL, Duration.ofSeconds(1), Duration.ofDays(1));
    }
}
