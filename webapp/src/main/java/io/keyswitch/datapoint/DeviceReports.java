package io.keyswitch.datapoint;

import io.keyswitch.device.TunnelMode;
import io.keyswitch.platform.BatchWriter;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.platform.StartupOrder;
import io.keyswitch.platform.ValidationFailed;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Takes a device's report, whole or not at all: the request checks the report's time and queues it for the reports'
 * one writer thread ({@link BatchWriter}), which writes whatever has queued up — up to {@link #BATCH} reports of any
 * devices — in one transaction ({@link ReportBatch}), and answers it after that commit: one commit and a few JDBC
 * batches for a burst of reports instead of a transaction each. A report that does not fit its points is refused
 * alone; a batch that fails is written again report by report. The answer says whether the tunnel is wanted: always
 * for a device whose {@link TunnelMode} is {@code ALWAYS}, else while {@link TunnelDemand} says so — unless a
 * {@link TunnelVeto} forbids it (the device's key switch is off).
 */
@ApplicationScoped
public class DeviceReports {

    /** How far ahead of the portal's clock a report's own time may be (routers' clocks drift). */
    static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    /** The most reports in one transaction. */
    static final int BATCH = 200;
    /** The most reports waiting for the writer (a minute of 20,000 routers); more are answered 503. */
    static final int CAPACITY = 20_000;
    /**
     * How long a request waits for its report's commit before it answers 503 (it holds one of the portal's 16 request
     * threads meanwhile).
     */
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(DeviceReports.class.getName());

    @Inject
    Clock clock;

    @Inject
    ReportBatch batch;

    @Resource
    ManagedThreadFactory threads;

    private volatile DataPointSettings settings = DataPointSettings.from(key -> null);
    private BatchWriter<PendingReport> writer;

    /** The writer is busy: {@link #CAPACITY} reports wait, or this one waited {@link #WAIT} (it may still be stored). */
    public static final class Busy extends RuntimeException {

        private final int retryAfterSeconds;

        Busy(String message, int retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    @PostConstruct
    void init() {
        writer = new BatchWriter<>("device-report-writer", BATCH, CAPACITY, new BatchWriter.Sink<>() {
            @Override
            public void write(List<PendingReport> reports) {
                batch.write(reports, settings);
            }

            @Override
            public void committed(List<PendingReport> reports) {
                reports.forEach(PendingReport::committed);
            }

            @Override
            public void failed(PendingReport report, RuntimeException e) {
                report.outcome.completeExceptionally(e);
            }
        });
    }

    void atStart(@Observes @Priority(StartupOrder.DEVICE_REPORTS) PortalStarted started) {
        settings = DataPointSettings.from(SettingsReader.portalLookup());
        LOG.info(settings.describe());
        writer.start(threads);
    }

    @PreDestroy
    void stop() {
        writer.stop();
    }

    public DataPointSettings settings() {
        return settings;
    }

    /**
     * Stores a report of an authenticated device, answered once it is committed.
     *
     * @param time     when the router read the values; {@code null}: now
     * @param readings the checked values (at least one)
     * @throws ValidationFailed naming the field, when a value does not fit its point or an unknown name is refused;
     *                          nothing is stored then
     * @throws Busy             when the writer cannot take or write it in time
     */
    public ReportAnswer accept(long accountId, long deviceId, TunnelMode mode, Instant time, List<Reading> readings,
                               String address) {
        Instant received = clock.instant();
        Instant at = time == null ? received : time;
        if (at.isAfter(received.plus(MAX_AHEAD))) {
            throw ValidationFailed.of("time", "Is " + Duration.between(received, at).toSeconds() + " s ahead of the"
                    + " portal's clock (" + received + "); at most " + MAX_AHEAD.toSeconds() + " s are taken. Set the"
                    + " router's clock (NTP) or leave the time out.");
        }
        PendingReport report = new PendingReport(accountId, deviceId, mode, at, received, readings, address);
        if (!writer.offer(report)) {
            if (writer.running()) {
                throw new Busy("The portal is taking " + CAPACITY + " reports already: report again later.",
                        settings.reportInterval());
            }
            batch.write(List.of(report), settings); // before the portal started (or while it stops): on this thread
            report.committed();
        }
        try {
            return report.outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new Busy("The report was not written within " + WAIT.toSeconds() + " s: the portal is busy. It may"
                    + " still be stored; report again later.", settings.reportInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy("The portal is stopping: report again later.", settings.reportInterval());
        }
    }

    /** Every value fits its point's type, and unknown names are allowed and within the device's limit. */
    static void check(List<Reading> readings, Map<String, DataPoint> points, DataPointSettings s) {
        Map<String, String> errors = new LinkedHashMap<>();
        int fresh = 0;
        for (Reading r : readings) {
            DataPoint p = points.get(r.name());
            if (p == null) {
                fresh++;
                if (!s.createUnknown()) {
                    errors.put(r.field(), "This device has no data point '" + r.name() + "', and the portal takes only"
                            + " known names (keyswitch.datapoints.create-unknown is false): ask an administrator.");
                }
            } else if (p.getKind() != r.type()) {
                errors.put(r.field(), "'" + r.name() + "' is a data point of " + kind(p.getKind()) + ", not of "
                        + kind(r.type()) + ".");
            }
        }
        if (fresh > 0 && errors.isEmpty() && points.size() + fresh > s.maxPerDevice()) {
            errors.put("values", "A device may have at most " + s.maxPerDevice() + " data points; this one has "
                    + points.size() + " and the report names " + fresh + " new.");
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }

    private static String kind(DataPointType type) {
        return switch (type) {
            case NUMBER -> "numbers";
            case BOOLEAN -> "true/false";
            case TEXT -> "text";
        };
    }
}
