package io.keyswitch.platform;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Id bounds for a period in a table whose ids grow with a time column — the audit trail, whose events are appended
 * with the time they are recorded (connection records are not bounded so: their period alone measured 0.45 s with a
 * million records, and records made by other means than Connect may carry older times): a keyed report page filtered by period then reads a narrow id range of an
 * {@code (account_id, id)} or {@code (user_id, id)} key instead of walking millions of rows outside the period (with
 * 10 million audit events a period as a plain time condition took 5 s; as an id range, milliseconds). The bounds are
 * found by a binary search over the primary key, about 25 lookups for 10 million rows, and are widened by
 * {@link #SLACK} so that rows whose id and time are slightly out of order (transactions committing out of step) stay
 * inside; callers keep their exact time conditions as well.
 */
public final class IdsByTime {

    /** How far ids and times may be out of order: longer than any transaction. */
    public static final Duration SLACK = Duration.ofMinutes(5);

    /** The first row at or after an id: its id and time, if there is one. */
    @FunctionalInterface
    public interface Rows {
        Optional<Row> firstFrom(long id);
    }

    /** A row's id and time. */
    public record Row(long id, Instant at) {
    }

    private IdsByTime() {
    }

    /** Every row of {@code table} with time {@code ≥ from} has an id {@code ≥} this. */
    public static long lowerBound(EntityManager em, String table, String timeColumn, Instant from) {
        return firstAtOrAfter(rows(em, table, timeColumn), from.minus(SLACK), maxId(em, table));
    }

    /** Every row of {@code table} with time {@code < to} has an id {@code <} this. */
    public static long upperBound(EntityManager em, String table, String timeColumn, Instant to) {
        return firstAtOrAfter(rows(em, table, timeColumn), to.plus(SLACK), maxId(em, table));
    }

    /**
     * The id of the first row whose time is at or after {@code t} ({@code maxId + 1} when there is none), given that
     * times grow with ids: the smallest position p in [0, maxId + 1] where the first row from p is at or after t.
     */
    static long firstAtOrAfter(Rows rows, Instant t, long maxId) {
        long lo = 0;
        long hi = maxId + 1;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            Optional<Row> row = rows.firstFrom(mid);
            if (row.isEmpty() || !row.get().at().isBefore(t)) {
                hi = mid;
            } else {
                lo = row.get().id() + 1;
            }
        }
        return rows.firstFrom(lo).map(Row::id).orElse(maxId + 1);
    }

    private static long maxId(EntityManager em, String table) {
        Object max = em.createNativeQuery("SELECT MAX(id) FROM " + table).getSingleResult();
        return max == null ? 0 : ((Number) max).longValue();
    }

    private static Rows rows(EntityManager em, String table, String timeColumn) {
        String sql = "SELECT id, " + timeColumn + " FROM " + table + " WHERE id >= ?1 ORDER BY id LIMIT 1";
        return id -> {
            List<?> found = em.createNativeQuery(sql).setParameter(1, id).getResultList();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Object[] r = (Object[]) found.get(0);
            return Optional.of(new Row(((Number) r[0]).longValue(), UtcInstantConverter.fromColumn(r[1])));
        };
    }
}
