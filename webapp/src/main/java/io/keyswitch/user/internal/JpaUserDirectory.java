package io.keyswitch.user.internal;

import io.keyswitch.user.User;
import io.keyswitch.user.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads users, accounts and group rights with JPA queries. */
@ApplicationScoped
@Transactional
public class JpaUserDirectory implements UserDirectory {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Override
    public Optional<User> findForLogin(String accountName, String username) {
        return em.createQuery("SELECT u FROM User u JOIN FETCH u.account a "
                        + "WHERE a.name = :account AND u.username = :username", User.class)
                .setParameter("account", accountName)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<User> find(long userId) {
        return Optional.ofNullable(em.find(User.class, userId));
    }

    @Override
    public Optional<Long> accountIdByName(String accountName) {
        return em.createQuery("SELECT a.id FROM Account a WHERE a.name = :name", Long.class)
                .setParameter("name", accountName)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Set<String> rightsOf(long userId) {
        return new HashSet<>(em.createQuery("SELECT DISTINCT r FROM UserGroup g JOIN g.members m JOIN g.rights r "
                        + "WHERE m.id = :user", String.class)
                .setParameter("user", userId)
                .getResultList());
    }

    @Override
    public Set<Long> holding(String right, java.util.Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("SELECT DISTINCT m.id FROM UserGroup g JOIN g.members m JOIN g.rights r"
                        + " WHERE r = :right AND m.id IN :users", Long.class)
                .setParameter("right", right).setParameter("users", List.copyOf(userIds)).getResultList());
    }

    @Override
    public Set<String> rightsNow(long userId, java.time.Instant now) {
        // one scalar query for "may this user act now?" (and are they a system administrator), no entity loaded
        List<Boolean> systemAdmin = em.createQuery("SELECT u.systemAdmin FROM User u WHERE u.id = :u AND u.status = :active "
                        + "AND u.account.status = :accountActive AND (u.validFrom IS NULL OR u.validFrom <= :now) "
                        + "AND (u.validUntil IS NULL OR u.validUntil > :now)", Boolean.class)
                .setParameter("u", userId).setParameter("active", io.keyswitch.user.UserStatus.ACTIVE)
                .setParameter("accountActive", io.keyswitch.account.AccountStatus.ACTIVE).setParameter("now", now)
                .getResultList();
        if (systemAdmin.isEmpty()) {
            return Set.of();
        }
        Set<String> rights = rightsOf(userId);
        if (Boolean.TRUE.equals(systemAdmin.get(0))) {
            rights.add(io.keyswitch.platform.Rights.ACCOUNT_MANAGE);
        }
        return rights;
    }

    @Override
    public long countUsers() {
        return em.createQuery("SELECT COUNT(u) FROM User u", Long.class).getSingleResult();
    }
}
