package io.keyswitch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The {@code setting} table through the portal's persistence unit, in the caller's transaction — reads make one of
 * their own when there is none: settings are read on the managed executor's threads and while a response streams
 * (after the resource method's transaction), where the container's transaction-scoped EntityManager outside a
 * transaction is already closed ("Attempting to execute an operation on a closed EntityManager").
 */
@ApplicationScoped
public class JpaSettingRepository implements SettingRepository {

    private static final Logger LOG = Logger.getLogger(JpaSettingRepository.class.getName());

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    SecretSealer sealer;

    @Override
    @Transactional
    public Optional<String> find(long scope, String key) {
        List<?> rows = em.createNativeQuery("SELECT setting_value FROM setting WHERE scope_id = ?1 AND setting_key = ?2")
                .setParameter(1, scope).setParameter(2, key).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((String) rows.get(0));
    }

    @Override
    @Transactional
    public Map<String, String> findAll(long scope, String keyPrefix) {
        Map<String, String> values = new HashMap<>();
        List<?> rows = em.createNativeQuery(
                "SELECT setting_key, setting_value FROM setting WHERE scope_id = ?1 AND setting_key LIKE ?2")
                .setParameter(1, scope).setParameter(2, Like.prefix(keyPrefix)).getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            values.put((String) r[0], (String) r[1]);
        }
        return values;
    }

    @Override
    public void put(long scope, String key, String value) {
        em.createNativeQuery("INSERT INTO setting (scope_id, setting_key, setting_value, updated_at) "
                + "VALUES (?1, ?2, ?3, UTC_TIMESTAMP(3)) "
                + "ON DUPLICATE KEY UPDATE setting_value = VALUES(setting_value), updated_at = VALUES(updated_at)")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, value == null ? "" : value).executeUpdate();
    }

    @Override
    public boolean putIfAbsent(long scope, String key, String value) {
        return em.createNativeQuery("INSERT IGNORE INTO setting (scope_id, setting_key, setting_value, updated_at) "
                + "VALUES (?1, ?2, ?3, UTC_TIMESTAMP(3))")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, value).executeUpdate() == 1;
    }

    @Override
    @Transactional // its read of find() is a call on this object, which the interceptor does not see
    public String findSecret(long scope, String key) {
        String stored = find(scope, key).orElse("");
        try {
            return sealer.open(key, stored);
        } catch (IllegalStateException e) {
            LOG.warning("The stored setting " + key + " cannot be used: " + e.getMessage());
            return "";
        }
    }

    @Override
    public void putSecret(long scope, String key, String secret) {
        put(scope, key, sealer.seal(key, secret));
    }

    @Override
    public boolean sealIfClear(long scope, String key) {
        String stored = find(scope, key).orElse("");
        if (stored.isEmpty() || sealer.isSealed(stored)) {
            return false;
        }
        put(scope, key, sealer.seal(key, stored));
        return true;
    }
}
