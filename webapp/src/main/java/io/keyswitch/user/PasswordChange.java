package io.keyswitch.user;

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

/** A user changes their own password: the current one is checked, the new one must follow the policy. */
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
        List<String> missing = PasswordPolicy.DEFAULT.problems(candidate, user.getUsername());
        if (!missing.isEmpty()) {
            problems.add("The new password needs " + String.join(", ", missing) + ".");
            return problems;
        }
        if (hasher.matches(proposed, user.getPasswordHash())) {
            problems.add("The new password must differ from the current one.");
            return problems;
        }
        user.changePasswordHash(hasher.hash(proposed), clock.instant());
        audit.record(new AuditEntry(user.getAccount().getId(), user.getUsername(), user.getId(), sourceIp,
                "user.password.change", "user:" + user.getUsername(), Outcome.SUCCESS,
                null, "changed by the user"));
        changed.fire(new PasswordChanged(user.getId(), user.isSystemAdmin()));
        return problems;
    }

    /** Said after a user's password was changed. */
    public record PasswordChanged(long userId, boolean systemAdmin) {
    }
}
