package io.keyswitch.datapoint.presence;

import io.keyswitch.datapoint.DeviceReports;
import io.keyswitch.datapoint.ReportStored;
import io.keyswitch.device.DeviceRemoved;
import io.keyswitch.platform.PortalStarted;
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
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records when devices go online and offline ({@code device_presence_change}), where it is decided. By reports: a
 * stored report of a device that was offline by its reports writes "online" in the report's own transaction (most
 * reports change nothing and cost one map update in {@link ReportSilence}); every {@link #SWEEP} a sweep writes
 * "offline", dated when the device fell silent, for those whose last report grew older than the report interval × the
 * intervals after which a device is offline — in one batch. By tunnel: the VPN's status writer calls {@link #tunnel}
 * in its own transaction when a device's session is established or ends.
 */
@ApplicationScoped
public class PresenceChanges {

    /** How often the silent devices are looked for (in memory; writes only when some fell silent). */
    static final Duration SWEEP = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(PresenceChanges.class.getName());

    @Inject
    PresenceStore store;

    @Inject
    DeviceReports reports;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final ReportSilence silence = new ReportSilence(Duration.ofMinutes(3));
    private ScheduledFuture<?> task;

    void atStart(@Observes @Priority(StartupOrder.PRESENCE) PortalStarted started) {
        silence.offlineAfter(reports.settings().offlineAfter());
        store.onlineByReports().forEach(h -> silence.known(h.accountId(), h.deviceId(), h.lastReport()));
        task = scheduler.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Presence history: " + silence.size() + " device(s) online by their reports; silent ones looked for every "
                + SWEEP.toSeconds() + " s (offline after " + reports.settings().offlineAfter().toSeconds() + " s).");
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** In the report's transaction: online when the device was offline by its reports. */
    void reported(@Observes ReportStored report) {
        List<PresenceChange> changes = silence.reported(report.accountId(), report.deviceId(), clock.instant());
        if (!changes.isEmpty()) {
            store.insert(changes);
        }
    }

    void removed(@Observes DeviceRemoved event) {
        silence.forget(event.deviceId());
    }

    /**
     * A device's tunnel went up or down ({@code bytesIn}/{@code bytesOut}: the ended session's counts, when known), in
     * the caller's transaction.
     */
    public void tunnel(long accountId, long deviceId, boolean up, java.time.Instant at, Long bytesIn, Long bytesOut) {
        store.insert(List.of(new PresenceChange(accountId, deviceId, at, Channel.TUNNEL, up, up ? null : bytesIn,
                up ? null : bytesOut)));
    }

    /** Writes "offline" for the devices whose reports stopped; a failure is logged and the next sweep goes on. */
    void sweep() {
        try {
            List<PresenceChange> offline = silence.silent(clock.instant());
            if (!offline.isEmpty()) {
                store.insertNow(offline);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Presence sweep failed: " + e, e);
        }
    }
}
