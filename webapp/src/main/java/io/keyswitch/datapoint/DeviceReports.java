package io.keyswitch.datapoint;

import io.keyswitch.device.TunnelMode;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.platform.StartupOrder;
import io.keyswitch.platform.ValidationFailed;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Takes a device's report, whole or not at all, in one transaction: the device's data points are read in one query,
 * unknown names are made (or refused, {@code keyswitch.datapoints.create-unknown}), every point's current value is
 * updated and the values {@link SamplePolicy} keeps are appended to the history — EclipseLink sends the updates and
 * the inserts as JDBC batches — and the device's last report is one upsert. The answer says whether the tunnel is
 * wanted: always for a device whose {@link TunnelMode} is {@code ALWAYS}, else while {@link TunnelDemand} says so —
 * unless a {@link TunnelVeto} forbids it (the device's key switch is off).
 */
@ApplicationScoped
public class DeviceReports {

    /** How far ahead of the portal's clock a report's own time may be (routers' clocks drift). */
    static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(DeviceReports.class.getName());

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    TunnelDemand demand;

    @Inject
    jakarta.enterprise.event.Event<ReportStored> stored;

    @Inject
    jakarta.enterprise.inject.Instance<TunnelVeto> vetoes;

    private volatile DataPointSettings settings = DataPointSettings.from(key -> null);

    void atStart(@Observes @Priority(StartupOrder.DEVICE_REPORTS) PortalStarted started) {
        settings = DataPointSettings.from(SettingsReader.portalLookup());
        LOG.info(settings.describe());
    }

    public DataPointSettings settings() {
        return settings;
    }

    /**
     * Stores a report of an authenticated device.
     *
     * @param time     when the router read the values; {@code null}: now
     * @param readings the checked values (at least one)
     * @throws ValidationFailed naming the field, when a value does not fit its point or an unknown name is refused;
     *                          nothing is stored then
     */
    @Transactional
    public ReportAnswer accept(long accountId, long deviceId, TunnelMode mode, Instant time, List<Reading> readings,
                               String address) {
        DataPointSettings s = settings;
        Instant received = clock.instant();
        Instant at = time == null ? received : time;
        if (at.isAfter(received.plus(MAX_AHEAD))) {
            throw ValidationFailed.of("time", "Is " + Duration.between(received, at).toSeconds() + " s ahead of the"
                    + " portal's clock (" + received + "); at most " + MAX_AHEAD.toSeconds() + " s are taken. Set the"
                    + " router's clock (NTP) or leave the time out.");
        }
        Map<String, DataPoint> points = new HashMap<>();
        em.createQuery("SELECT p FROM DataPoint p WHERE p.deviceId = :d", DataPoint.class).setParameter("d", deviceId)
                .getResultList().forEach(p -> points.put(p.getName(), p));
        check(readings, points, s);
        SamplePolicy policy = SamplePolicy.of(s);
        List<DataPointValue> history = new ArrayList<>();
        List<DataPoint> made = new ArrayList<>();
        Map<DataPoint, Reading> firsts = new LinkedHashMap<>();
        List<Reading> current = new ArrayList<>();
        Map<String, String> previous = new HashMap<>();
        for (Reading r : readings) {
            DataPoint p = points.get(r.name());
            if (p == null) {
                p = new DataPoint(accountId, deviceId, r, at);
                em.persist(p);
                made.add(p);
                firsts.put(p, r);
                current.add(r);
            } else {
                if (!at.isBefore(p.getLastAt())) {
                    previous.put(r.name(), p.getShownValue());
                    current.add(r);
                    p.current(r, at);
                }
                if (policy.store(p, r, at)) {
                    p.stored(r, at);
                    history.add(new DataPointValue(p.getId(), at, r));
                }
            }
        }
        if (!made.isEmpty()) {
            em.flush(); // the new points' ids, for their first values
            firsts.forEach((p, r) -> history.add(new DataPointValue(p.getId(), at, r)));
        }
        history.forEach(em::persist);
        em.createNativeQuery("INSERT INTO device_report (device_id, account_id, last_report_at, last_address, reports)"
                        + " VALUES (?, ?, ?, ?, 1) ON DUPLICATE KEY UPDATE last_report_at = VALUES(last_report_at),"
                        + " last_address = VALUES(last_address), reports = reports + 1")
                .setParameter(1, deviceId).setParameter(2, accountId)
                .setParameter(3, LocalDateTime.ofInstant(received, ZoneOffset.UTC)).setParameter(4, address).executeUpdate();
        stored.fire(new ReportStored(accountId, deviceId, at, current, previous));
        boolean wanted = (mode == TunnelMode.ALWAYS || demand.wanted(deviceId))
                && vetoes.stream().noneMatch(v -> v.vetoes(accountId, deviceId, current));
        return new ReportAnswer(wanted, s.reportInterval(), history.size(), received);
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
