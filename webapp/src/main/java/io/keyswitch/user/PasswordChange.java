package io.keyswitch.user;

import io.keyswitch.account.AccountPolicies;
import io.keyswitch.account.AccountPolicy;
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
 * A user changes their own password: the current one is checked, the new one must follow the
 * account's password policy and may not be the current one or one of the last N (kept as bcrypt
 * hashes in {@code password_history}).
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

    /**
     * Changes the password of {@code userId}; returns what is wrong (nothing is stored then), or an empty list.
     */
    @Transactional
    public List<String> change(long userId, char[] current, char[] proposed, char[] confirmation, String sourceIp) {
        User user = em.find(User.class, userId);
        List<String> problems = new ArrayList<>();
        if (user == null || !hasher.matches(current, user.getPasswordHash())) {
            problems.add("The current password is not correct.");
            return problems;
        }
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
        audit.record(new AuditEntry(user.getAccount().getId(), user.getUsername(), user.getId(), sourceIp,
                "user.password.change", "user:" + user.getUsername(), Outcome.SUCCESS,
                null, "changed by the user"));
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
