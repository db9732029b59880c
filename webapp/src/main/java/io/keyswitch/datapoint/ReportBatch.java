package io.keyswitch.datapoint;

import io.keyswitch.device.TunnelMode;
import io.keyswitch.platform.ValidationFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a batch of device reports in one transaction, for the reports' writer thread: the batch's devices' data points
 * are read in one query, unknown names made (one flush for all their ids), every point's current value updated and the
 * values {@link SamplePolicy} keeps appended to the history — EclipseLink sends the updates and the inserts as JDBC
 * batches across the reports —, the devices' last report is one multi-row upsert and the tunnel demand one question.
 * A report that does not fit its device's points is refused alone, before anything of it is written.
 */
@ApplicationScoped
@Transactional
public class ReportBatch {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    TunnelDemand demand;

    @Inject
    Event<ReportStored> stored;

    @Inject
    Instance<TunnelVeto> vetoes;

    /** Writes {@code reports} in their order; each gets its answer or its refusal (told once the transaction commits). */
    public void write(List<PendingReport> reports, DataPointSettings settings) {
        reports.forEach(PendingReport::reset);
        Map<Long, Map<String, DataPoint>> byDevice = points(reports);
        Map<PendingReport, Set<DataPoint>> made = new IdentityHashMap<>();
        List<PendingReport> accepted = new ArrayList<>();
        for (PendingReport r : reports) {
            Map<String, DataPoint> points = byDevice.computeIfAbsent(r.deviceId, k -> new HashMap<>());
            try {
                DeviceReports.check(r.readings, points, settings);
            } catch (ValidationFailed refused) {
                r.refused = refused;
                continue;
            }
            accepted.add(r);
            for (Reading reading : r.readings) {
                if (!points.containsKey(reading.name())) {
                    DataPoint p = new DataPoint(r.accountId, r.deviceId, reading, r.at);
                    em.persist(p);
                    points.put(reading.name(), p);
                    made.computeIfAbsent(r, k -> new HashSet<>()).add(p);
                }
            }
        }
        if (!made.isEmpty()) {
            em.flush(); // the new points' ids, for their first values
        }
        SamplePolicy policy = SamplePolicy.of(settings);
        List<DataPointValue> history = new ArrayList<>();
        Map<PendingReport, Written> written = new IdentityHashMap<>();
        for (PendingReport r : accepted) {
            Map<String, DataPoint> points = byDevice.get(r.deviceId);
            Set<DataPoint> mine = made.getOrDefault(r, Set.of());
            List<Reading> current = new ArrayList<>();
            Map<String, String> previous = new HashMap<>();
            int before = history.size();
            for (Reading reading : r.readings) {
                DataPoint p = points.get(reading.name());
                if (mine.contains(p)) {
                    current.add(reading);
                    history.add(new DataPointValue(p.getId(), r.at, reading));
                    continue;
                }
                if (!r.at.isBefore(p.getLastAt())) {
                    previous.put(reading.name(), p.getShownValue());
                    current.add(reading);
                    p.current(reading, r.at);
                }
                if (policy.store(p, reading, r.at)) {
                    p.stored(reading, r.at);
                    history.add(new DataPointValue(p.getId(), r.at, reading));
                }
            }
            written.put(r, new Written(history.size() - before, current));
            stored.fire(new ReportStored(r.accountId, r.deviceId, r.at, current, previous));
        }
        history.forEach(em::persist);
        lastReports(accepted);
        Set<Long> wanted = demand.wanted(accepted.stream().filter(r -> r.mode != TunnelMode.ALWAYS).map(r -> r.deviceId)
                .distinct().toList());
        for (PendingReport r : accepted) {
            Written w = written.get(r);
            boolean tunnel = (r.mode == TunnelMode.ALWAYS || wanted.contains(r.deviceId))
                    && vetoes.stream().noneMatch(v -> v.vetoes(r.accountId, r.deviceId, w.current()));
            r.answer = new ReportAnswer(tunnel, settings.reportInterval(), w.stored(), r.received);
        }
    }

    /** What a report wrote: how many history rows, and the readings that became current (a late one's do not). */
    private record Written(int stored, List<Reading> current) {
    }

    private Map<Long, Map<String, DataPoint>> points(List<PendingReport> reports) {
        Map<Long, Map<String, DataPoint>> byDevice = new HashMap<>();
        em.createQuery("SELECT p FROM DataPoint p WHERE p.deviceId IN :d", DataPoint.class)
                .setParameter("d", reports.stream().map(r -> r.deviceId).distinct().toList()).getResultList()
                .forEach(p -> byDevice.computeIfAbsent(p.getDeviceId(), k -> new HashMap<>()).put(p.getName(), p));
        return byDevice;
    }

    /** Each accepted report's device: its last report and address, one more report counted — one statement. */
    private void lastReports(List<PendingReport> accepted) {
        if (accepted.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO device_report (device_id, account_id, last_report_at,"
                + " last_address, reports) VALUES ");
        for (int i = 0; i < accepted.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, 1)");
        }
        sql.append(" ON DUPLICATE KEY UPDATE last_report_at = VALUES(last_report_at), last_address = VALUES(last_address),"
                + " reports = reports + 1");
        Query upsert = em.createNativeQuery(sql.toString());
        int k = 1;
        for (PendingReport r : accepted) {
            upsert.setParameter(k++, r.deviceId).setParameter(k++, r.accountId)
                    .setParameter(k++, LocalDateTime.ofInstant(r.received, ZoneOffset.UTC)).setParameter(k++, r.address);
        }
        upsert.executeUpdate();
    }
}
