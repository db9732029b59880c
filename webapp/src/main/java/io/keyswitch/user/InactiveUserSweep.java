package io.keyswitch.user;

import io.keyswitch.account.AccountPolicies;
import io.keyswitch.account.AccountPolicy;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.audit.Outcome;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;

/**
 * Disables, every hour, the users of each account who have not logged in for the account's number
 * of days (default 90; 0 = never), each with an audit event. System administrators are exempt: the
 * appliance must not lock itself out. The login checks the same rule at the door.
 */
@Singleton
public class InactiveUserSweep {

    private static final Logger LOG = Logger.getLogger(InactiveUserSweep.class.getName());

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AccountPolicies policies;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Schedule(hour = "*", minute = "7", persistent = false)
    public void hourly() {
        int disabled = sweep(clock.instant());
        if (disabled > 0) {
            LOG.info(() -> "Disabled " + disabled + " user(s) after the accounts' days without login");
        }
    }

    /** Disables every user inactive too long at {@code now}; returns how many. */
    public int sweep(Instant now) {
        int disabled = 0;
        List<Long> accounts = em.createQuery("SELECT a.id FROM Account a", Long.class).getResultList();
        for (long accountId : accounts) {
            AccountPolicy rules = policies.of(accountId);
            if (rules.getInactivityDays() <= 0) {
                continue;
            }
            Instant cutoff = now.minus(Duration.ofDays(rules.getInactivityDays()));
            @SuppressWarnings("unchecked")
            List<Number> idle = em.createNativeQuery("SELECT id FROM app_user WHERE account_id = ?1 AND status = 'ACTIVE'"
                            + " AND system_admin = FALSE AND COALESCE(last_login_at, created_at) <= ?2")
                    .setParameter(1, accountId).setParameter(2, LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                    .getResultList();
            for (Number id : idle) {
                User u = em.find(User.class, id.longValue());
                u.setStatus(UserStatus.DISABLED);
                audit.record(AuditEntry.of(AuditAction.USER_DISABLE_INACTIVE, Outcome.SUCCESS).in(accountId).bySystem()
                        .on("user:" + u.getUsername())
                        .withDetails(Changes.of().field("status", UserStatus.ACTIVE, UserStatus.DISABLED).toJson())
                        .because("no login for " + rules.getInactivityDays() + " days (account rule)"));
                disabled++;
            }
        }
        return disabled;
    }
}
