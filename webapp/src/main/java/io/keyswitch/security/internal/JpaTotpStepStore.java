package io.keyswitch.security.internal;

import io.keyswitch.security.totp.TotpStepStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The accepted TOTP steps in table {@code totp_step}. "Advanced" means one statement changed a
 * row: a conditional {@code UPDATE}, or the {@code INSERT} of a user's first step; two logins
 * racing with one code cannot both change the row.
 */
@ApplicationScoped
public class JpaTotpStepStore implements TotpStepStore {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Override
    @Transactional
    public boolean advanceTo(String userId, long step) {
        if (update(userId, step) == 1) {
            return true;
        }
        int inserted = em.createNativeQuery("INSERT IGNORE INTO totp_step (user_key, last_step) VALUES (?1, ?2)")
                .setParameter(1, userId).setParameter(2, step).executeUpdate();
        // Not inserted: the row exists, made by now by a racing login; the conditional update decides.
        return inserted == 1 || update(userId, step) == 1;
    }

    private int update(String userId, long step) {
        return em.createNativeQuery("UPDATE totp_step SET last_step = ?1 WHERE user_key = ?2 AND last_step < ?1")
                .setParameter(1, step).setParameter(2, userId).executeUpdate();
    }

    @Override
    @Transactional
    public void forget(String userId) {
        em.createNativeQuery("DELETE FROM totp_step WHERE user_key = ?1").setParameter(1, userId).executeUpdate();
    }
}
