package io.keyswitch.security.internal;

import io.keyswitch.security.sms.SmsCodeStore;
import io.keyswitch.security.sms.SmsCodes;
import io.keyswitch.security.sms.StoredSmsCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * SMS login codes in table {@code sms_code} (one per user, only the hash). {@link #attempt} locks
 * the user's row ({@code SELECT … FOR UPDATE}) and applies {@link SmsCodes#attempt}'s decision in
 * the same transaction: two tries racing on one code cannot both succeed, nor both count as one.
 */
@ApplicationScoped
public class JpaSmsCodeStore implements SmsCodeStore {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Override
    @Transactional
    public void save(StoredSmsCode code) {
        em.createNativeQuery("DELETE FROM sms_code WHERE user_key = ?1").setParameter(1, code.userId()).executeUpdate();
        em.createNativeQuery("INSERT INTO sms_code (user_key, code_hash, issued_at, expires_at, attempts_left) "
                + "VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, code.userId()).setParameter(2, code.codeHash()).setParameter(3, utc(code.issuedAt()))
                .setParameter(4, utc(code.expiresAt())).setParameter(5, code.attemptsLeft())
                .executeUpdate();
    }

    @Override
    @Transactional
    public Optional<StoredSmsCode> find(String userId) {
        return row(userId, false);
    }

    @Override
    @Transactional
    public SmsCodes.Check attempt(String userId, String codeHash, Instant now) {
        StoredSmsCode stored = row(userId, true).orElse(null);
        SmsCodes.Attempt attempt = SmsCodes.attempt(stored, codeHash, now);
        switch (attempt.after()) {
            case DELETE -> delete(userId);
            case COUNT_DOWN -> em.createNativeQuery("UPDATE sms_code SET attempts_left = attempts_left - 1 WHERE user_key = ?1")
                    .setParameter(1, userId).executeUpdate();
            case KEEP -> { }
        }
        return attempt.check();
    }

    @Override
    @Transactional
    public void delete(String userId) {
        em.createNativeQuery("DELETE FROM sms_code WHERE user_key = ?1").setParameter(1, userId).executeUpdate();
    }

    @Override
    @Transactional
    public int deleteExpired(Instant now) {
        return em.createNativeQuery("DELETE FROM sms_code WHERE expires_at <= ?1").setParameter(1, utc(now)).executeUpdate();
    }

    private Optional<StoredSmsCode> row(String userId, boolean lock) {
        List<?> rows = em.createNativeQuery("SELECT code_hash, issued_at, expires_at, attempts_left FROM sms_code WHERE user_key = ?1"
                + (lock ? " FOR UPDATE" : "")).setParameter(1, userId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new StoredSmsCode(userId, (String) r[0], instant(r[1]), instant(r[2]), ((Number) r[3]).intValue()));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected time type " + (value == null ? "null" : value.getClass()));
    }
}
