package io.keyswitch.user;

import io.keyswitch.account.AccountPolicies;
import io.keyswitch.account.AccountPolicy;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A user changes their own password: the current one is checked (a try of the login jail, like a login: a wrong
 * current password counts, so an open session is no way to guess the password), the new one must follow the
 * account's password policy and may not be the current one or one of the last N (kept as bcrypt hashes in
 * {@code password_history}).
 */
@ApplicationScoped
public class PasswordChange {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    AccountPolicies policies;

    @Inject
    jakarta.enterprise.event.Event<PasswordChanged> changed;

    @Inject
    io.keyswitch.jail.LoginJail jail;

    @Inject
    io.keyswitch.jail.KnownAddresses known;

    /**
     * How a change ended: what is wrong (nothing stored then; empty when it is done), or refused by the login jail
     * without checking anything until {@code refusedUntil}.
     */
    public record Result(List<String> problems, java.time.Instant refusedUntil) {

        public boolean done() {
            return refusedUntil == null && problems.isEmpty();
        }
    }

    /** Changes the password of {@code userId}, if the current one is right and the new one may be used. */
    @Transactional
    public Result change(long userId, char[] current, char[] proposed, char[] confirmation, String sourceIp) {
        User user = em.find(User.class, userId);
        if (user == null) {
            return new Result(List.of("The current password is not correct."), null);
        }
        io.keyswitch.jail.Admission admission = jail.admit(sourceIp,
                user.getAccount().getName() + "/" + user.getUsername(), () -> known.signedInFrom(userId, sourceIp));
        if (!admission.admitted()) {
            return new Result(List.of(), admission.refusedUntil());
        }
        if (!hasher.matches(current, user.getPasswordHash())) {
            jail.failed(admission);
            audit.record(AuditEntry.of(AuditAction.USER_PASSWORD_CHANGE, Outcome.FAILURE).in(user.getAccount().getId())
                    .by(user.getAccount().getName() + "/" + user.getUsername(), user.getId()).from(sourceIp)
                    .on("user:" + user.getUsername()).withDetails("wrong current password"));
            return new Result(List.of("The current password is not correct."), null);
        }
        jail.succeeded(admission);
        return new Result(check(user, proposed, confirmation, sourceIp), null);
    }

    private List<String> check(User user, char[] proposed, char[] confirmation, String sourceIp) {
        List<String> problems = new ArrayList<>();
        if (!Arrays.equals(proposed, confirmation)) {
            problems.add("The new password and its confirmation differ.");
            return problems;
        }
        String candidate = new String(proposed);
        AccountPolicy policy = policies.of(user.getAccount().getId());
        List<String> missing = policy.passwordPolicy().problems(candidate, user.getUsername());
        if (!missing.isEmpty()) {
            problems.add("The new password needs " + String.join(", ", missing) + ".");
            return problems;
        }
        if (hasher.matches(proposed, user.getPasswordHash())) {
            problems.add("The new password must differ from the current one.");
            return problems;
        }
        List<String> earlier = earlierHashes(user.getId(), policy.getPasswordHistory());
        if (earlier.stream().anyMatch(hash -> hasher.matches(proposed, hash))) {
            problems.add("The new password must differ from your last " + policy.getPasswordHistory()
                    + " passwords.");
            return problems;
        }
        remember(user, policy.getPasswordHistory());
        user.changePasswordHash(hasher.hash(proposed), clock.instant());
        audit.record(AuditEntry.of(AuditAction.USER_PASSWORD_CHANGE, Outcome.SUCCESS).in(user.getAccount().getId())
                .by(user.getUsername(), user.getId()).from(sourceIp).on("user:" + user.getUsername())
                .because("changed by the user"));
        changed.fire(new PasswordChanged(user.getId(), user.isSystemAdmin()));
        return problems;
    }

    @SuppressWarnings("unchecked")
    private List<String> earlierHashes(long userId, int howMany) {
        if (howMany <= 0) {
            return List.of();
        }
        return em.createNativeQuery("SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY id DESC")
                .setParameter(1, userId).setMaxResults(howMany).getResultList();
    }

    /** Keeps the hash being replaced, and no more than the policy needs. */
    private void remember(User user, int keep) {
        if (keep > 0) {
            em.createNativeQuery("INSERT INTO password_history (user_id, password_hash, replaced_at) VALUES (?, ?, ?)")
                    .setParameter(1, user.getId()).setParameter(2, user.getPasswordHash())
                    .setParameter(3, java.time.LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC))
                    .executeUpdate();
        }
        em.createNativeQuery("DELETE FROM password_history WHERE user_id = ? AND id NOT IN (SELECT id FROM "
                        + "(SELECT id FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?) AS kept)")
                .setParameter(1, user.getId()).setParameter(2, user.getId()).setParameter(3, keep)
                .executeUpdate();
    }

    /** Said after a user's password was changed. */
    public record PasswordChanged(long userId, boolean systemAdmin) {
    }
}
