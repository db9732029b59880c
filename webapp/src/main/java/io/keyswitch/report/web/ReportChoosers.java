package io.keyswitch.report.web;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Like;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * What the report page's filter offers to choose — accounts (system administrators), projects, devices, users — by
 * name, a few at a time, within what the reader may see: their own account, or for a system administrator the chosen
 * account or every one (then each name says its account). Names of others are offered only to readers who see others'
 * records ({@link #offersNames}); a technician's reports are their own anyway. The kind checks the chosen ids again.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ReportChoosers {

    /** Names a chooser offers at once. */
    static final int OFFERED = 15;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    /** One thing to choose: its id (what the filter takes) and how it reads. */
    public record Choice(long id, String label) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Whether the reader may choose any account (a system administrator). */
    public static boolean anyAccount(Actor actor) {
        return actor.rights().test(Rights.ACCOUNT_MANAGE);
    }

    /** Whether the reader sees records of others, so that choosing projects, devices and users makes sense. */
    public static boolean offersNames(Actor actor) {
        return anyAccount(actor) || actor.rights().test(Rights.CONNECTION_VIEW) || actor.rights().test(Rights.REPORT_VIEW)
                || actor.rights().test(Rights.AUDIT_VIEW) || actor.rights().test(Rights.DEVICE_VIEW)
                || actor.rights().test(Rights.USER_MANAGE);
    }

    /** Every account, by name (system administrators only; none for others). */
    public List<Choice> accounts(Actor actor) {
        if (!anyAccount(actor)) {
            return List.of();
        }
        return em.createQuery("SELECT a.id, a.name FROM Account a ORDER BY a.name", Object[].class).setMaxResults(1000)
                .getResultList().stream().map(r -> new Choice(((Number) r[0]).longValue(), (String) r[1])).toList();
    }

    public List<Choice> projects(Actor actor, Long accountId, String typed) {
        return offer(actor, accountId, "SELECT x.id, x.name, a.name FROM Project x, Account a WHERE a.id = x.accountId",
                "x.accountId", "x.name", typed);
    }

    public List<Choice> devices(Actor actor, Long accountId, String typed) {
        return offer(actor, accountId, "SELECT x.id, x.name, a.name FROM Device x, Account a WHERE a.id = x.accountId",
                "x.accountId", "x.name", typed);
    }

    public List<Choice> users(Actor actor, Long accountId, String typed) {
        return offer(actor, accountId, "SELECT x.id, x.username, a.name FROM User x JOIN x.account a WHERE 1 = 1",
                "a.id", "x.username", typed);
    }

    /** How the project, device or user {@code id} reads in the chooser; empty when the reader may not see it. */
    public Optional<String> label(Actor actor, Long accountId, String what, long id) {
        String select = switch (what) {
            case "project" -> "SELECT x.id, x.name, a.name FROM Project x, Account a WHERE a.id = x.accountId";
            case "device" -> "SELECT x.id, x.name, a.name FROM Device x, Account a WHERE a.id = x.accountId";
            case "user" -> "SELECT x.id, x.username, a.name FROM User x JOIN x.account a WHERE 1 = 1";
            default -> throw new IllegalArgumentException(what);
        };
        Long scope = anyAccount(actor) ? accountId : Long.valueOf(actor.accountId());
        TypedQuery<Object[]> q = em.createQuery(select + " AND x.id = :id" + (scope == null ? "" : " AND a.id = :account"),
                Object[].class).setParameter("id", id);
        if (scope != null) {
            q.setParameter("account", scope);
        }
        return q.getResultList().stream().findFirst().map(r -> label(r, scope == null));
    }

    private List<Choice> offer(Actor actor, Long accountId, String select, String accountPath, String namePath, String typed) {
        if (!offersNames(actor)) {
            return List.of();
        }
        Long scope = anyAccount(actor) ? accountId : Long.valueOf(actor.accountId());
        String jpql = select + (scope == null ? "" : " AND " + accountPath + " = :account")
                + (typed == null || typed.isBlank() ? "" : " AND " + namePath + " LIKE :typed")
                + " ORDER BY " + namePath;
        TypedQuery<Object[]> q = em.createQuery(jpql, Object[].class).setMaxResults(OFFERED);
        if (scope != null) {
            q.setParameter("account", scope);
        }
        if (typed != null && !typed.isBlank()) {
            q.setParameter("typed", Like.prefix(typed));
        }
        return q.getResultList().stream().map(r -> new Choice(((Number) r[0]).longValue(), label(r, scope == null))).toList();
    }

    private static String label(Object[] row, boolean everyAccount) {
        return everyAccount ? row[1] + " · " + row[2] : (String) row[1];
    }
}
