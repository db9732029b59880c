package io.keyswitch.user.internal;

import io.keyswitch.user.User;
import io.keyswitch.user.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashSet;
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
    public Set<String> rightsNow(long userId, java.time.Instant now) {
        User u = em.find(User.class, userId);
        if (u == null || u.getStatus() != io.keyswitch.user.UserStatus.ACTIVE || !u.getAccount().isActive()
                || (u.getValidFrom() != null && now.isBefore(u.getValidFrom()))
                || (u.getValidUntil() != null && !now.isBefore(u.getValidUntil()))) {
            return Set.of();
        }
        Set<String> rights = rightsOf(userId);
        if (u.isSystemAdmin()) {
            rights.add(io.keyswitch.user.Rights.ACCOUNT_MANAGE);
        }
        return rights;
    }

    @Override
    public long countUsers() {
        return em.createQuery("SELECT COUNT(u) FROM User u", Long.class).getSingleResult();
    }
}
