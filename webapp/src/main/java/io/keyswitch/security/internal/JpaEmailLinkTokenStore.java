package io.keyswitch.security.internal;

import io.keyswitch.security.maillink.EmailLinkTokenStore;
import io.keyswitch.security.maillink.StoredEmailLink;
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
 * E-mail link tokens in table {@code email_link_token} (one per user, by hash). {@link #take}
 * locks the row, then deletes it: two clicks racing on one link cannot both succeed.
 */
@ApplicationScoped
public class JpaEmailLinkTokenStore implements EmailLinkTokenStore {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Override
    @Transactional
    public void save(StoredEmailLink link) {
        em.createNativeQuery("DELETE FROM email_link_token WHERE user_key = ?1").setParameter(1, link.userId()).executeUpdate();
        em.createNativeQuery("INSERT INTO email_link_token (user_key, token_hash, expires_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, link.userId()).setParameter(2, link.tokenHash()).setParameter(3, utc(link.expiresAt()))
                .executeUpdate();
    }

    @Override
    @Transactional
    public Optional<StoredEmailLink> take(String tokenHash) {
        List<?> rows = em.createNativeQuery(
                "SELECT user_key, expires_at FROM email_link_token WHERE token_hash = ?1 FOR UPDATE")
                .setParameter(1, tokenHash).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        int deleted = em.createNativeQuery("DELETE FROM email_link_token WHERE token_hash = ?1")
                .setParameter(1, tokenHash).executeUpdate();
        return deleted == 1 ? Optional.of(new StoredEmailLink((String) row[0], tokenHash, instant(row[1]))) : Optional.empty();
    }

    @Override
    @Transactional
    public int deleteExpired(Instant now) {
        return em.createNativeQuery("DELETE FROM email_link_token WHERE expires_at <= ?1")
                .setParameter(1, utc(now)).executeUpdate();
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
        throw new IllegalStateException("Unexpected expires_at type " + (value == null ? "null" : value.getClass()));
    }
}
