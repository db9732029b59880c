package io.keyswitch.jail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The addresses each user completed a login from (password and every factor; table {@code known_login_address}):
 * the last {@value #KEPT} per user, each for {@value #REMEMBERED_DAYS} days after its last login. A user name
 * banned by failures from elsewhere still logs in from one of them (see {@code LoginJail.admit}), so that an
 * anonymous attacker cannot lock a known user out of the places they work from. IPv6 addresses count per /64.
 */
@ApplicationScoped
public class KnownAddresses {

    /** Addresses kept per user, most recent first. */
    static final int KEPT = 20;

    /** How long an address stays known after the user's last login from it. */
    static final long REMEMBERED_DAYS = 90;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    Clock clock;

    /** Whether the user completed a login from this address (or IPv6 /64) within the last {@value #REMEMBERED_DAYS} days. */
    @Transactional
    public boolean signedInFrom(long userId, String address) {
        String key = key(address);
        return key != null && !em.createNativeQuery("SELECT 1 FROM known_login_address WHERE user_id = ? AND address = ? "
                        + "AND last_login_at > ?")
                .setParameter(1, userId).setParameter(2, key)
                .setParameter(3, LocalDateTime.ofInstant(clock.instant().minus(Duration.ofDays(REMEMBERED_DAYS)), ZoneOffset.UTC))
                .getResultList().isEmpty();
    }

    /** The user completed a login from this address now; joins the login's transaction. */
    @Transactional
    public void remember(long userId, String address) {
        String key = key(address);
        if (key == null) {
            return;
        }
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        em.createNativeQuery("INSERT INTO known_login_address (user_id, address, last_login_at) VALUES (?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE last_login_at = VALUES(last_login_at)")
                .setParameter(1, userId).setParameter(2, key).setParameter(3, now).executeUpdate();
        em.createNativeQuery("DELETE FROM known_login_address WHERE user_id = ? AND address NOT IN (SELECT address FROM "
                        + "(SELECT address FROM known_login_address WHERE user_id = ? ORDER BY last_login_at DESC LIMIT ?) AS kept)")
                .setParameter(1, userId).setParameter(2, userId).setParameter(3, KEPT).executeUpdate();
    }

    private static String key(String address) {
        try {
            return IpAddresses.subject(address, 64);
        } catch (IllegalArgumentException notAnAddress) {
            return null;
        }
    }
}
