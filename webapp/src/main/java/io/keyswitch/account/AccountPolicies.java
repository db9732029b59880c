package io.keyswitch.account;

import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules of each account (reason for changes, inactivity, password policy): read by every
 * service that changes something or checks a password, changed by an account administrator
 * ({@code settings:manage}) with a reason, audited.
 */
@ApplicationScoped
@Transactional
public class AccountPolicies {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** The account's rules; the defaults when it never changed them. Not managed: changes need {@link #update}. */
    // REQUIRED, not SUPPORTS (here and in reason, whose call of this one is not intercepted): detaching needs a
    // transaction; outside one, an account that had changed its rules made every caller fail (the technician profile)
    @Transactional(Transactional.TxType.REQUIRED)
    public AccountPolicy of(long accountId) {
        AccountPolicy stored = em.find(AccountPolicy.class, accountId);
        if (stored == null) {
            return new AccountPolicy(accountId);
        }
        em.detach(stored);
        return stored;
    }

    /**
     * The reason given for a change by {@code actor}: required (at least 3 characters) when the
     * actor's account says so, which is the default; always at most {@link Actor#MAX_REASON}
     * characters. Field "reason". Returns null for "no reason given" where none is required.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public String reason(Actor actor, String reason) {
        if (of(actor.accountId()).isReasonRequired() || (reason != null && !reason.isBlank())) {
            return Actor.requireReason(reason);
        }
        return null;
    }

    /** Changes the actor's account's rules. */
    public AccountPolicy update(Actor actor, AccountPolicy proposed, String reason) {
        actor.require(Rights.SETTINGS_MANAGE);
        String why = reason(actor, reason);
        Map<String, String> errors = new LinkedHashMap<>();
        range(errors, "inactivityDays", proposed.getInactivityDays(), 0, 3650,
                "Between 0 (never) and 3650 days.");
        range(errors, "passwordMinLength", proposed.getPasswordMinLength(), 8, 128,
                "Between 8 and 128 characters (IEC 62443 and NIST SP 800-63B ask for at least 8).");
        range(errors, "passwordHistory", proposed.getPasswordHistory(), 0, 24, "Between 0 and 24 earlier passwords.");
        range(errors, "passwordMaxAgeDays", proposed.getPasswordMaxAgeDays(), 0, 3650,
                "Between 0 (passwords do not expire) and 3650 days.");
        range(errors, "connectionIdleMinutes", proposed.getConnectionIdleMinutes(), 0, 1440,
                "Between 0 (never) and 1440 minutes (a day).");
        range(errors, "connectionsPerAccount", proposed.getConnectionsPerAccount(), 0, 100_000,
                "Between 0 (only the appliance's limit) and 100000.");
        range(errors, "connectionsPerUser", proposed.getConnectionsPerUser(), 1, 100, "Between 1 and 100 devices at once.");
        range(errors, "connectionsPerDevice", proposed.getConnectionsPerDevice(), 1, 100,
                "Between 1 and 100 technicians at once.");
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        AccountPolicy stored = em.find(AccountPolicy.class, actor.accountId());
        if (stored == null) {
            stored = new AccountPolicy(actor.accountId());
            em.persist(stored);
        }
        Changes changes = Changes.of()
                .field("reasonRequired", stored.isReasonRequired(), proposed.isReasonRequired())
                .field("inactivityDays", stored.getInactivityDays(), proposed.getInactivityDays())
                .field("passwordMinLength", stored.getPasswordMinLength(), proposed.getPasswordMinLength())
                .field("passwordLower", stored.isPasswordLower(), proposed.isPasswordLower())
                .field("passwordUpper", stored.isPasswordUpper(), proposed.isPasswordUpper())
                .field("passwordDigit", stored.isPasswordDigit(), proposed.isPasswordDigit())
                .field("passwordSymbol", stored.isPasswordSymbol(), proposed.isPasswordSymbol())
                .field("passwordHistory", stored.getPasswordHistory(), proposed.getPasswordHistory())
                .field("passwordMaxAgeDays", stored.getPasswordMaxAgeDays(), proposed.getPasswordMaxAgeDays())
                .field("connectionReasonRequired", stored.isConnectionReasonRequired(), proposed.isConnectionReasonRequired())
                .field("connectionIdleMinutes", stored.getConnectionIdleMinutes(), proposed.getConnectionIdleMinutes())
                .field("connectionsPerAccount", stored.getConnectionsPerAccount(), proposed.getConnectionsPerAccount())
                .field("connectionsPerUser", stored.getConnectionsPerUser(), proposed.getConnectionsPerUser())
                .field("connectionsPerDevice", stored.getConnectionsPerDevice(), proposed.getConnectionsPerDevice());
        stored.setReasonRequired(proposed.isReasonRequired());
        stored.setInactivityDays(proposed.getInactivityDays());
        stored.setPasswordMinLength(proposed.getPasswordMinLength());
        stored.setPasswordLower(proposed.isPasswordLower());
        stored.setPasswordUpper(proposed.isPasswordUpper());
        stored.setPasswordDigit(proposed.isPasswordDigit());
        stored.setPasswordSymbol(proposed.isPasswordSymbol());
        stored.setPasswordHistory(proposed.getPasswordHistory());
        stored.setPasswordMaxAgeDays(proposed.getPasswordMaxAgeDays());
        stored.setConnectionReasonRequired(proposed.isConnectionReasonRequired());
        stored.setConnectionIdleMinutes(proposed.getConnectionIdleMinutes());
        stored.setConnectionsPerAccount(proposed.getConnectionsPerAccount());
        stored.setConnectionsPerUser(proposed.getConnectionsPerUser());
        stored.setConnectionsPerDevice(proposed.getConnectionsPerDevice());
        stored.touch(clock.instant());
        if (!changes.isEmpty()) {
            audit.record(AuditEntry.change(actor, io.keyswitch.audit.AuditAction.ACCOUNT_POLICY, "account-policy", changes, why));
        }
        em.flush();
        return stored;
    }

    private static void range(Map<String, String> errors, String field, int value, int min, int max, String message) {
        if (value < min || value > max) {
            errors.put(field, message);
        }
    }
}
