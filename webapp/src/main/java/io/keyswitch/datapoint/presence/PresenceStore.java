package io.keyswitch.datapoint.presence;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The table {@code device_presence_change}: changes appended (many in one statement), and what the start reads. */
@ApplicationScoped
public class PresenceStore {

    /** Rows one INSERT carries at most. */
    private static final int BATCH = 500;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    /** A device online by its reports, with its account and last report. */
    record Heard(long accountId, long deviceId, Instant lastReport) {
    }

    /**
     * Appends the changes in the caller's transaction (one multi-row INSERT per {@value #BATCH}). {@code IGNORE}: a
     * change at the same millisecond as one recorded already, or of a device deleted meanwhile, is left out.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(List<PresenceChange> changes) {
        for (int start = 0; start < changes.size(); start += BATCH) {
            List<PresenceChange> part = changes.subList(start, Math.min(changes.size(), start + BATCH));
            StringBuilder sql = new StringBuilder("INSERT IGNORE INTO device_presence_change"
                    + " (device_id, at, channel, online, account_id, bytes_in, bytes_out) VALUES ");
            List<Object> values = new ArrayList<>();
            for (PresenceChange c : part) {
                sql.append(values.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
                values.addAll(java.util.Arrays.asList(c.deviceId(), UtcInstantConverter.toColumn(c.at()),
                        c.channel().name(), c.online(), c.accountId(), c.bytesIn(), c.bytesOut()));
            }
            var insert = em.createNativeQuery(sql.toString());
            for (int i = 0; i < values.size(); i++) {
                insert.setParameter(i + 1, values.get(i));
            }
            insert.executeUpdate();
        }
    }

    /** {@link #insert} in a transaction of its own (the sweep's). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void insertNow(List<PresenceChange> changes) {
        insert(changes);
    }

    /** The devices whose last recorded change by reports is "online", with their last report (one query, at start). */
    @Transactional
    List<Heard> onlineByReports() {
        List<Heard> out = new ArrayList<>();
        for (Object row : em.createNativeQuery("SELECT r.account_id, r.device_id, r.last_report_at FROM device_report r"
                + " WHERE (SELECT c.online FROM device_presence_change c WHERE c.device_id = r.device_id"
                + " AND c.channel = 'REPORT' ORDER BY c.at DESC LIMIT 1)").getResultList()) {
            Object[] r = (Object[]) row;
            out.add(new Heard(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), UtcInstantConverter.fromColumn(r[2])));
        }
        return out;
    }
}
