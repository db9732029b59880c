package io.keyswitch.workreport;

import io.keyswitch.connection.ConnectConsent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The consent "work reports written": where the account's rule makes them mandatory, a technician with open reports
 * may not Connect (to any device) until they are written; live connections go on. One query on the open reports'
 * index, joined to the account's rule, so an account without the rule costs a primary-key look-up.
 */
@ApplicationScoped
public class OpenReportsConsent implements ConnectConsent {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Refusal> refusal(long accountId, long userId, long deviceId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT r.device_name, r.closed_at FROM work_report r"
                        + " JOIN work_report_rule w ON w.account_id = r.account_id AND w.mandatory = TRUE"
                        + " WHERE r.user_id = ? AND r.state = 'OPEN' AND r.account_id = ?"
                        + " ORDER BY r.closed_at LIMIT " + (OpenReports.LISTED + 1))
                .setParameter(1, userId).setParameter(2, accountId).getResultList();
        List<OpenReports.Open> open = rows.stream().map(r -> new OpenReports.Open((String) r[0], instant(r[1]))).toList();
        return OpenReports.refusal(true, open).map(Refusal::atConnect);
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.time.LocalDateTime t) {
            return t.toInstant(java.time.ZoneOffset.UTC);
        }
        return Instant.EPOCH;
    }
}
