package io.keyswitch.appliance.health;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.platform.PortalHome;
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
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Checks the free space of the disks the appliance writes to — the file system of the portal's home and the root file
 * system (the database's, on the appliance) — every {@value #KEY_INTERVAL} (default hourly, the first a minute after
 * the start) on the container's managed scheduler. Below {@value #KEY_MIN_FREE_PERCENT} (default 10 %) it writes a
 * {@code disk.space-low} event to the appliance's audit trail and a warning to the log, at most once a day per file
 * system while it stays low, so the system protocol shows it without filling up what it warns about.
 */
@ApplicationScoped
public class DiskSpaceCheck {

    public static final String KEY_MIN_FREE_PERCENT = "keyswitch.disk.min-free-percent";
    public static final String KEY_INTERVAL = "keyswitch.disk.check-interval";
    static final int DEFAULT_MIN_FREE_PERCENT = 10;
    static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    static final Duration REPEAT = Duration.ofDays(1);
    private static final Duration FIRST_RUN = Duration.ofMinutes(1);

    private static final Logger LOG = Logger.getLogger(DiskSpaceCheck.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    AuditTrail trail;

    @Inject
    Clock clock;

    /** When each file system was last said to be low; forgotten once it is not. */
    private final Map<String, Instant> warned = new ConcurrentHashMap<>();
    private volatile int minFreePercent = DEFAULT_MIN_FREE_PERCENT;
    private ScheduledFuture<?> task;

    void atStart(@Observes @Priority(StartupOrder.HEALTH) PortalStarted started) {
        SettingsReader settings = SettingsReader.portal();
        minFreePercent = settings.integer(KEY_MIN_FREE_PERCENT, DEFAULT_MIN_FREE_PERCENT, 1, 99);
        Duration interval = settings.duration(KEY_INTERVAL, DEFAULT_INTERVAL, Duration.ofMinutes(1), Duration.ofDays(1));
        task = scheduler.scheduleWithFixedDelay(this::run, FIRST_RUN.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Disk space check: every " + interval.toMinutes() + " min (" + KEY_INTERVAL + "), a warning below "
                + minFreePercent + " % free (" + KEY_MIN_FREE_PERCENT + ").");
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** One scheduled run with the configured threshold; a failure is logged and the next run tries again. */
    void run() {
        try {
            check(minFreePercent);
        } catch (RuntimeException e) {
            LOG.warning("Disk space check failed, next run in the next interval: " + e);
        }
    }

    /**
     * Checks every file system now against {@code threshold} percent, records the low ones not said in the last day.
     *
     * @return the file systems found below the threshold now (whether recorded now or within the last day)
     */
    public List<String> check(int threshold) {
        List<String> low = new ArrayList<>();
        Instant now = clock.instant();
        for (DiskSpace space : spaces()) {
            if (!space.below(threshold)) {
                warned.remove(space.store());
                continue;
            }
            String words = space.words(threshold);
            low.add(words);
            Instant last = warned.get(space.store());
            if (last == null || !now.isBefore(last.plus(REPEAT))) {
                warned.put(space.store(), now);
                LOG.warning("Disk space low: " + words);
                trail.record(AuditEntry.of(AuditAction.DISK_SPACE_LOW, Outcome.FAILURE).bySystem()
                        .on("disk:" + space.store()).withDetails(words));
            }
        }
        return low;
    }

    /** The portal home's file system and the root's (once each). */
    private static List<DiskSpace> spaces() {
        Map<String, DiskSpace> spaces = new LinkedHashMap<>();
        List<Path> paths = new ArrayList<>();
        PortalHome.path().ifPresent(paths::add);
        paths.add(Path.of("/"));
        for (Path path : paths) {
            try {
                FileStore store = Files.getFileStore(path);
                String name = store.name() + " (" + path + ")";
                spaces.putIfAbsent(store.name(), new DiskSpace(name, store.getUsableSpace(), store.getTotalSpace()));
            } catch (IOException e) {
                LOG.warning("Disk space of " + path + " not readable: " + e.getMessage());
            }
        }
        return List.copyOf(spaces.values());
    }
}
