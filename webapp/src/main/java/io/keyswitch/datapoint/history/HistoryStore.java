package io.keyswitch.datapoint.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The aggregates job's and retention's statements on {@code data_point_value}, {@code data_point_hour} and
 * {@code data_point_rollup}. Reads are plain (consistent, non-locking) selects, so the job never holds locks on the
 * rows reports append to; writes are multi-row upserts and bounded range deletes, each in a short transaction.
 */
@ApplicationScoped
public class HistoryStore {

    /** Rows one multi-row upsert writes. */
    private static final int ROWS_PER_UPSERT = 500;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    /**
     * Points after {@code afterId} (by id) with values the aggregates do not hold yet, at most {@code size}. (In a
     * transaction: the job's thread has no request whose persistence context a plain read could use.)
     */
    @Transactional
    public List<Rollup> pending(long afterId, int size) {
        List<Rollup> out = new ArrayList<>();
        for (Object row : em.createNativeQuery("SELECT p.id, p.stored_at, r.through FROM data_point p"
                        + " LEFT JOIN data_point_rollup r ON r.data_point_id = p.id"
                        + " WHERE p.id > ? AND (r.through IS NULL OR p.stored_at > r.through) ORDER BY p.id LIMIT ?")
                .setParameter(1, afterId).setParameter(2, size).getResultList()) {
            Object[] r = (Object[]) row;
            out.add(new Rollup(((Number) r[0]).longValue(), instant(r[1]), r[2] == null ? null : instant(r[2])));
        }
        return out;
    }

    /**
     * Recomputes the hours of these points from each one's {@link Rollup#fromHour()} on, whole, from the raw values
     * (one grouped read of one key range per point), writes them, and moves each point's mark to its stored time — all
     * in one transaction, so aggregates and marks never disagree.
     *
     * @return the hours written
     */
    @Transactional
    public int rollUp(List<Rollup> points) {
        if (points.isEmpty()) {
            return 0;
        }
        List<Object> params = new ArrayList<>();
        StringBuilder ranges = new StringBuilder();
        for (Rollup p : points) {
            ranges.append(ranges.isEmpty() ? "" : " OR ");
            params.add(p.pointId());
            if (p.fromHour() == null) {
                ranges.append("(v.data_point_id = ?)");
            } else {
                ranges.append("(v.data_point_id = ? AND v.at >= ?)");
                params.add(LocalDateTime.ofInstant(p.fromHour(), ZoneOffset.UTC));
            }
        }
        Query read = em.createNativeQuery("SELECT v.data_point_id, DATE_FORMAT(v.at, '%Y-%m-%d %H:00:00') h,"
                + " MIN(v.number_value), MAX(v.number_value), SUM(v.number_value), COUNT(*) FROM data_point_value v WHERE "
                + ranges + " GROUP BY v.data_point_id, h");
        bind(read, params);
        List<HourAggregate> hours = new ArrayList<>();
        for (Object row : read.getResultList()) {
            Object[] r = (Object[]) row;
            hours.add(new HourAggregate(((Number) r[0]).longValue(),
                    LocalDateTime.parse(r[1].toString(), HOUR).toInstant(ZoneOffset.UTC), number(r[2]), number(r[3]),
                    number(r[4]), ((Number) r[5]).intValue()));
        }
        for (int i = 0; i < hours.size(); i += ROWS_PER_UPSERT) {
            upsertHours(hours.subList(i, Math.min(hours.size(), i + ROWS_PER_UPSERT)));
        }
        List<Object> marks = new ArrayList<>();
        for (Rollup p : points) {
            marks.add(p.pointId());
            marks.add(LocalDateTime.ofInstant(p.storedAt(), ZoneOffset.UTC));
        }
        Query mark = em.createNativeQuery("INSERT INTO data_point_rollup (data_point_id, through) VALUES "
                + points.stream().map(p -> "(?, ?)").collect(Collectors.joining(", "))
                + " ON DUPLICATE KEY UPDATE through = VALUES(through)");
        bind(mark, marks);
        mark.executeUpdate();
        return hours.size();
    }

    private void upsertHours(List<HourAggregate> hours) {
        List<Object> params = new ArrayList<>();
        for (HourAggregate h : hours) {
            params.add(h.pointId());
            params.add(LocalDateTime.ofInstant(h.start(), ZoneOffset.UTC));
            params.add(h.min());
            params.add(h.max());
            params.add(h.sum());
            params.add(h.count());
        }
        Query upsert = em.createNativeQuery("INSERT INTO data_point_hour (data_point_id, hour, min_value, max_value,"
                + " sum_value, value_count) VALUES " + hours.stream().map(h -> "(?, ?, ?, ?, ?, ?)")
                .collect(Collectors.joining(", ")) + " ON DUPLICATE KEY UPDATE min_value = VALUES(min_value),"
                + " max_value = VALUES(max_value), sum_value = VALUES(sum_value), value_count = VALUES(value_count)");
        bind(upsert, params);
        upsert.executeUpdate();
    }

    /** Data point ids after {@code afterId}, by id, at most {@code size} (retention's walk over all points). */
    @Transactional
    public List<Long> pointIds(long afterId, int size) {
        List<Long> out = new ArrayList<>();
        for (Object id : em.createNativeQuery("SELECT id FROM data_point WHERE id > ? ORDER BY id LIMIT ?")
                .setParameter(1, afterId).setParameter(2, size).getResultList()) {
            out.add(((Number) id).longValue());
        }
        return out;
    }

    /** Deletes at most {@code limit} raw values of these points older than {@code before}, in its own transaction. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int deleteRaw(List<Long> pointIds, Instant before, int limit) {
        return delete("data_point_value", "at", pointIds, before, limit);
    }

    /** Deletes at most {@code limit} hourly aggregates of these points older than {@code before}, in its own transaction. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int deleteHours(List<Long> pointIds, Instant before, int limit) {
        return delete("data_point_hour", "hour", pointIds, before, limit);
    }

    private int delete(String table, String time, List<Long> pointIds, Instant before, int limit) {
        if (pointIds.isEmpty()) {
            return 0;
        }
        String ids = pointIds.stream().map(String::valueOf).collect(Collectors.joining(",")); // longs only
        return em.createNativeQuery("DELETE FROM " + table + " WHERE data_point_id IN (" + ids + ") AND " + time
                        + " < ? LIMIT ?").setParameter(1, LocalDateTime.ofInstant(before, ZoneOffset.UTC))
                .setParameter(2, limit).executeUpdate();
    }

    private static void bind(Query q, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
    }

    /** A DOUBLE column's value, or {@code null}. */
    static Double number(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    /** A DATETIME column's value (UTC) as the driver hands it. */
    static Instant instant(Object o) {
        if (o instanceof Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (o instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a DATETIME: " + o);
    }
}
