package io.keyswitch.audit;

import io.keyswitch.security.Actor;
import io.keyswitch.user.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.List;

/** Reads the audit trail of the actor's account, newest first, filtered and paged by the database. */
@ApplicationScoped
@Transactional
public class AuditQuery {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail trail;

    /**
     * What the audit table asks for.
     *
     * @param action an action the events' action starts with (e.g. {@code login}, {@code device.}), or blank
     * @param actor text the actor starts with, or blank
     */
    public record Filter(String action, String actor) {
    }

    public long count(Actor actor, Filter filter) {
        actor.require(Rights.AUDIT_VIEW);
        return bind(em.createQuery("SELECT COUNT(e) FROM AuditEvent e WHERE e.chainKey = :chain" + where(filter), Long.class),
                actor, filter).getSingleResult();
    }

    public List<AuditEvent> page(Actor actor, Filter filter, int first, int size) {
        actor.require(Rights.AUDIT_VIEW);
        return bind(em.createQuery("SELECT e FROM AuditEvent e WHERE e.chainKey = :chain" + where(filter)
                        + " ORDER BY e.id DESC", AuditEvent.class), actor, filter)
                .setFirstResult(first).setMaxResults(size).getResultList();
    }

    /** Walks the account's chain and reports the first broken link. */
    public ChainVerification verify(Actor actor) {
        actor.require(Rights.AUDIT_VIEW);
        return trail.verify(actor.accountId());
    }

    private static String where(Filter f) {
        return (blank(f.action()) ? "" : " AND e.action LIKE :action") + (blank(f.actor()) ? "" : " AND e.actor LIKE :actor");
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> q, Actor actor, Filter f) {
        q.setParameter("chain", actor.accountId());
        if (!blank(f.action())) {
            q.setParameter("action", like(f.action()));
        }
        if (!blank(f.actor())) {
            q.setParameter("actor", like(f.actor()));
        }
        return q;
    }

    private static String like(String prefix) {
        return prefix.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
