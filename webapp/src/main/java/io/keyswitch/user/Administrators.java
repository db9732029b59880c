package io.keyswitch.user;

import io.keyswitch.account.Account;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * An account's group "Administrators", with every right, and its first member: made the same way for the
 * appliance's first system administrator and for each new account's administrator. Joins the caller's transaction.
 */
@ApplicationScoped
public class Administrators {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    /** The group and its member {@code username} in {@code account}, stored (not yet flushed). */
    public User found(Account account, String username, String fullName, char[] password, boolean mustChangePassword,
                      boolean systemAdmin, Instant now) {
        User admin = new User(account, username, fullName, hasher.hash(password), now);
        admin.setSystemAdmin(systemAdmin);
        admin.setMustChangePassword(mustChangePassword);
        em.persist(admin);
        UserGroup group = new UserGroup(account, "Administrators", now);
        group.setDescription("Every right in this account.");
        group.getRights().addAll(Rights.ALL);
        group.getMembers().add(admin);
        em.persist(group);
        return admin;
    }
}
