package io.keyswitch.user;

import io.keyswitch.account.AccountPolicies;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.shiro.authz.permission.WildcardPermission;

/**
 * A user acting outside a request of theirs (an API token, a scheduled report): whether they may act now — active, in an
 * active account, within their temporary access, no password change due — and, if so, the {@link Actor} with their
 * groups' rights as they are now (and {@code account:manage} for a system administrator).
 */
@ApplicationScoped
@Transactional
public class UserActors {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    UserDirectory directory;

    @Inject
    AccountPolicies policies;

    /** The user may act now, or why not. */
    public record Standing(Actor actor, String refusal) {
    }

    /** The standing of the user {@code userId} now, shown as "account/user (as)" (audit, PDF). */
    public Standing of(long userId, String as, String sourceIp, Instant now) {
        User user = em.find(User.class, userId);
        if (user == null) {
            return new Standing(null, "the user no longer exists");
        }
        return refusal(user, now).map(why -> new Standing(null, why))
                .orElseGet(() -> new Standing(actor(user, user.getAccount().getName() + "/" + user.getUsername() + " (" + as + ")",
                        sourceIp), null));
    }

    /** Why the user may not act now; empty when they may. */
    public Optional<String> refusal(User user, Instant now) {
        String who = user.getAccount().getName() + "/" + user.getUsername();
        if (!user.getAccount().isActive()) {
            return Optional.of("the account " + user.getAccount().getName() + " is disabled");
        }
        if (user.getStatus() != UserStatus.ACTIVE) {
            return Optional.of(who + " is " + user.getStatus().name().toLowerCase(Locale.ROOT));
        }
        if (user.getValidFrom() != null && now.isBefore(user.getValidFrom())) {
            return Optional.of(who + "'s temporary access has not begun");
        }
        if (user.getValidUntil() != null && !now.isBefore(user.getValidUntil())) {
            return Optional.of(who + "'s temporary access has ended");
        }
        if (user.isMustChangePassword() || policies.of(user.getAccount().getId()).passwordExpired(user.getPasswordChangedAt(), now)) {
            return Optional.of(who + " must change their password first");
        }
        return Optional.empty();
    }

    /** The user as an actor with their rights now, shown as {@code name}; call {@link #refusal} first. */
    public Actor actor(User user, String name, String sourceIp) {
        Set<String> rights = new HashSet<>(directory.rightsOf(user.getId()));
        if (user.isSystemAdmin()) {
            rights.add(Rights.ACCOUNT_MANAGE);
        }
        List<WildcardPermission> granted = rights.stream().map(WildcardPermission::new).toList();
        return new Actor(user.getAccount().getId(), user.getId(), name, sourceIp,
                right -> granted.stream().anyMatch(p -> p.implies(new WildcardPermission(right))));
    }
}
