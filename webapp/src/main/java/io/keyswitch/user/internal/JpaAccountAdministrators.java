package io.keyswitch.user.internal;

import io.keyswitch.account.Account;
import io.keyswitch.account.AccountAdministrators;
import io.keyswitch.platform.RandomTokens;
import io.keyswitch.platform.Rights;
import io.keyswitch.user.PasswordHasher;
import io.keyswitch.user.User;
import io.keyswitch.user.UserGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/** A new account's administrators as rows of {@code app_user} and {@code user_group}, in the caller's transaction. */
@ApplicationScoped
public class JpaAccountAdministrators implements AccountAdministrators {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Override
    public String found(Account account, String username, String fullName, Instant now) {
        String password = RandomTokens.readable(16);
        User user = new User(account, username, fullName, hasher.hash(password.toCharArray()), now);
        user.setMustChangePassword(true);
        em.persist(user);
        UserGroup administrators = new UserGroup(account, "Administrators", now);
        administrators.setDescription("Every right in this account.");
        administrators.getRights().addAll(Rights.ALL);
        administrators.getMembers().add(user);
        em.persist(administrators);
        return password;
    }
}
