package io.keyswitch.audit;

import io.keyswitch.platform.Like;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Reads an audit trail, newest first, filtered and paged by the database: the actor's account's, or, for
 * system administrators, the appliance's (the chain outside any account: the setup wizard's refused codes,
 * login bans and their lifting, logins naming an account that does not exist).
 */
@ApplicationScoped
@Transactional
public class AuditQuery {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail trail;

    /** Which chain to read. */
    public enum Trail {
        /** The actor's account (right {@code audit:view}). */
        ACCOUNT,
        /** Events outside any account (right {@code account:manage}: system administrators only). */
        APPLIANCE
    }

    /**
     * What the audit table asks for.
     *
     * @param action an action the events' action starts with (e.g. {@code login}, {@code device.}), or blank
     * @param actor text the actor starts with, or blank
     * @param trail which chain; {@code null} reads the account's
     */
    public record Filter(String action, String actor, Trail trail) {

        public Filter(String action, String actor) {
            this(action, actor, Trail.ACCOUNT);
        }
    }

    public long count(Actor actor, Filter filter) {
        return bind(em.createQuery("SELECT COUNT(e) FROM AuditEvent e WHERE e.chainKey = :chain" + where(filter), Long.class),
                actor, filter).getSingleResult();
    }

    public List<AuditEvent> page(Actor actor, Filter filter, int first, int size) {
        return bind(em.createQuery("SELECT e FROM AuditEvent e WHERE e.chainKey = :chain" + where(filter)
                        + " ORDER BY e.id DESC", AuditEvent.class), actor, filter)
                .setFirstResult(first).setMaxResults(size).getResultList();
    }

    /** Walks the account's chain and reports the first broken link. */
    public ChainVerification verify(Actor actor) {
        return verify(actor, Trail.ACCOUNT);
    }

    /** Walks the chosen chain and reports the first broken link. */
    public ChainVerification verify(Actor actor, Trail which) {
        return trail.verify(chain(actor, which));
    }

    /** The chain's account id ({@code null}: outside any account), once the actor's right to read it is checked. */
    private static Long chain(Actor actor, Trail which) {
        if (which == Trail.APPLIANCE) {
            actor.require(Rights.ACCOUNT_MANAGE);
            return null;
        }
        actor.require(Rights.AUDIT_VIEW);
        return actor.accountId();
    }

    private static String where(Filter f) {
        return (blank(f.action()) ? "" : " AND e.action LIKE :action") + (blank(f.actor()) ? "" : " AND e.actor LIKE :actor");
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> q, Actor actor, Filter f) {
        Long account = chain(actor, f.trail());
        q.setParameter("chain", account == null ? 0L : account);
        if (!blank(f.action())) {
            q.setParameter("action", Like.prefix(f.action()));
        }
        if (!blank(f.actor())) {
            q.setParameter("actor", Like.prefix(f.actor()));
        }
        return q;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
