package io.keyswitch.security.internal;

import io.keyswitch.security.totp.RecoveryCodeStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** The hashes of unused recovery codes in table {@code recovery_code}; redeeming deletes one row atomically. */
@ApplicationScoped
public class JpaRecoveryCodeStore implements RecoveryCodeStore {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Override
    @Transactional
    public void replaceAll(String userId, List<String> codeHashes) {
        em.createNativeQuery("DELETE FROM recovery_code WHERE user_key = ?1").setParameter(1, userId).executeUpdate();
        for (String hash : codeHashes) {
            em.createNativeQuery("INSERT INTO recovery_code (user_key, code_hash) VALUES (?1, ?2)")
                    .setParameter(1, userId).setParameter(2, hash).executeUpdate();
        }
    }

    @Override
    @Transactional
    public boolean remove(String userId, String codeHash) {
        return em.createNativeQuery("DELETE FROM recovery_code WHERE user_key = ?1 AND code_hash = ?2")
                .setParameter(1, userId).setParameter(2, codeHash).executeUpdate() == 1;
    }

    @Override
    @Transactional
    public int remaining(String userId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM recovery_code WHERE user_key = ?1")
                .setParameter(1, userId).getSingleResult()).intValue();
    }
}
