package io.keyswitch.audit;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Counts over the audit trail for evidence pages, each one indexed query: events of an action since a time
 * ({@code ix_audit_action}), events per day of an account or of every account ({@code ix_audit_account_time}), the
 * oldest event, the table's size. Never a walk over the whole trail.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AuditStatistics {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    /**
     * How many events of {@code action} (with {@code outcome}, or any for {@code null}) happened since {@code since}:
     * in the account {@code accountId}, or in every trail for {@code null}.
     */
    public long count(AuditAction action, Outcome outcome, Long accountId, Instant since) {
        Query q = em.createNativeQuery("SELECT COUNT(*) FROM audit_event WHERE action = ?1 AND occurred_at >= ?2"
                        + (outcome == null ? "" : " AND outcome = ?3") + (accountId == null ? "" : " AND account_id = ?4"))
                .setParameter(1, action.value()).setParameter(2, UtcInstantConverter.toColumn(since));
        if (outcome != null) {
            q.setParameter(3, outcome.name());
        }
        if (accountId != null) {
            q.setParameter(4, accountId);
        }
        return ((Number) q.getSingleResult()).longValue();
    }

    /**
     * Events per UTC day since {@code since}, of the account {@code accountId} or, for {@code null}, of every account
     * and the appliance's trail (one index range per account, so that the table is never scanned whole).
     */
    public Map<LocalDate, Long> perDay(Long accountId, Instant since) {
        String where;
        if (accountId != null) {
            where = "account_id = " + accountId;
        } else {
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery("SELECT id FROM account").getResultList();
            where = "(account_id IS NULL" + (ids.isEmpty() ? "" : " OR account_id IN ("
                    + ids.stream().map(n -> Long.toString(n.longValue())).collect(Collectors.joining(",")) + ")") + ")";
        }
        Map<LocalDate, Long> days = new TreeMap<>();
        for (Object row : em.createNativeQuery("SELECT DATE(occurred_at), COUNT(*) FROM audit_event WHERE " + where
                + " AND occurred_at >= ?1 GROUP BY DATE(occurred_at)").setParameter(1, UtcInstantConverter.toColumn(since))
                .getResultList()) {
            Object[] r = (Object[]) row;
            days.put(LocalDate.parse(r[0].toString()), ((Number) r[1]).longValue());
        }
        return days;
    }

    /** When the oldest event of the account (or of the whole trail, for {@code null}) happened. */
    public Optional<Instant> oldest(Long accountId) {
        List<?> rows = accountId == null
                ? em.createNativeQuery("SELECT occurred_at FROM audit_event ORDER BY id LIMIT 1").getResultList()
                : em.createNativeQuery("SELECT MIN(occurred_at) FROM audit_event WHERE account_id = ?1")
                        .setParameter(1, accountId).getResultList();
        return rows.stream().filter(r -> r != null).findFirst().map(UtcInstantConverter::fromColumn);
    }

    /** The audit table's size on disk (data and indexes, bytes) and its estimated number of rows (InnoDB's estimate). */
    public record TableSize(long bytes, long estimatedRows) {
    }

    /** What {@code information_schema} says of the audit table (an estimate the server keeps; no scan). */
    public TableSize tableSize() {
        Object[] r = (Object[]) em.createNativeQuery("SELECT COALESCE(data_length + index_length, 0), COALESCE(table_rows, 0) "
                + "FROM information_schema.TABLES WHERE table_schema = DATABASE() AND table_name = 'audit_event'").getSingleResult();
        return new TableSize(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }
}
