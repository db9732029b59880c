package io.keyswitch.security;

import io.keyswitch.jail.KnownAddresses;
import io.keyswitch.account.Account;
import io.keyswitch.account.AccountPolicies;
import io.keyswitch.account.AccountPolicy;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.jail.Admission;
import io.keyswitch.jail.LoginJail;
import io.keyswitch.user.User;
import io.keyswitch.user.UserStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The steps every login takes, whichever way it comes in (the web's {@link LoginService}, the VPN's
 * {@link TechnicianLogin}): the jail's try → the credential (each way checks its own) → the account's and user's
 * state at the door (the inactivity rule, enabled, the temporary window, the login limit) → the second factor (each
 * way asks its own) → the record: the login counted under the user's lock, the jail told, the address remembered,
 * the success audited. The ways in compose these steps; what differs between them is what they say in the audit.
 */
@ApplicationScoped
public class LoginPipeline {

    @Inject
    LoginJail jail;

    @Inject
    KnownAddresses known;

    @Inject
    AuditTrail audit;

    @Inject
    AccountPolicies policies;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    /** The jail's try for {@code name} ({@code null}: a name that cannot exist) from the attempt's address. */
    Admission admit(String sourceIp, String name, BooleanSupplier userSignedInFromThere) {
        return jail.admit(sourceIp, name, userSignedInFromThere);
    }

    /** The jail's try for a user already known: a ban of the name does not hold at an address the user came from. */
    Admission admit(LoginAttempt attempt) {
        return jail.admit(attempt.sourceIp(), attempt.tried(), () -> known.signedInFrom(attempt.userId(), attempt.sourceIp()));
    }

    /** The credential or code was wrong: the try counts in the jail, then the attempt is audited (nothing can undo the count). */
    void failed(Admission admission, AuditEntry entry) {
        failed(admission);
        audit.record(entry);
    }

    /** The credential or code was wrong, and what was tried audits itself (an enrolment): the try counts in the jail. */
    void failed(Admission admission) {
        jail.failed(admission);
    }

    /** The credential or code was right: the try is given back. */
    void succeeded(Admission admission) {
        jail.succeeded(admission);
    }

    /** Audits what the attempt came to. */
    void audit(AuditEntry entry) {
        audit.record(entry);
    }

    /**
     * The state at the door, once the password was right: a user the account's inactivity rule should have disabled
     * is disabled now (the hourly sweep may not have come by yet; audited as the sweep's), then why the user may not
     * log in now, if anything stops them.
     */
    Optional<String> stateAtTheDoor(User user, LoginAttempt attempt, Instant now) {
        AccountPolicy rules = policies.of(user.getAccount().getId());
        if (user.getStatus() == UserStatus.ACTIVE && !user.isSystemAdmin() && rules.inactiveTooLong(user.lastActivity(), now)) {
            user.setStatus(UserStatus.DISABLED);
            audit.record(AuditEntry.of(AuditAction.USER_DISABLE_INACTIVE, Outcome.SUCCESS).in(attempt.accountId()).bySystem()
                    .from(attempt.sourceIp()).on(attempt.target())
                    .because("no login for " + rules.getInactivityDays() + " days (account rule)"));
        }
        return refusal(user, now);
    }

    /**
     * Every factor is checked: re-checks the state under the user's lock (so that logins of one user at the same time
     * count one after the other and a temporary user's last allowed login is given once), counts the login, clears the
     * jail's failures, remembers the address and audits the success; a refusal found now is audited instead.
     *
     * @param action the way in's action ({@code login}, {@code vpn.login})
     * @param channel the details of a refusal ({@code VPN} for the VPN's, none for the web's)
     * @param success the details of the success (the second factor used)
     * @return why the login was refused at the last moment, or empty when it is recorded
     */
    Optional<String> record(LoginAttempt attempt, Instant now, AuditAction action, String channel, String success) {
        User locked = em.find(User.class, attempt.userId(), LockModeType.PESSIMISTIC_WRITE);
        Optional<String> refusal = refusal(locked, now);
        if (refusal.isPresent()) {
            audit.record(attempt.entry(action, Outcome.DENIED).withDetails(channel).because(refusal.get()));
            return refusal;
        }
        locked.recordLogin(now);
        jail.recordSuccess(attempt.sourceIp(), attempt.tried());
        known.remember(attempt.userId(), attempt.sourceIp());
        audit.record(attempt.entry(action, Outcome.SUCCESS).withDetails(success));
        return Optional.empty();
    }

    /** Why a user whose password was right may still not log in now; said only after the password was right. */
    static Optional<String> refusal(User user, Instant now) {
        Account account = user.getAccount();
        if (!account.isActive()) {
            return Optional.of("This account is disabled. Please contact your administrator.");
        }
        if (user.getStatus() != UserStatus.ACTIVE) {
            return Optional.of("This user is disabled. Please contact your administrator.");
        }
        if (user.getValidFrom() != null && now.isBefore(user.getValidFrom())) {
            return Optional.of("This temporary access is not valid yet: it starts at " + user.getValidFrom() + ".");
        }
        if (user.getValidUntil() != null && !now.isBefore(user.getValidUntil())) {
            return Optional.of("This temporary access has expired: it ended at " + user.getValidUntil() + ".");
        }
        if (user.getMaxLogins() != null && user.getLoginCount() >= user.getMaxLogins()) {
            return Optional.of("This temporary access has used all of its " + user.getMaxLogins() + " logins.");
        }
        return Optional.empty();
    }
}
