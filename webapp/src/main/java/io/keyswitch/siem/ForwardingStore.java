package io.keyswitch.siem;

import io.keyswitch.account.Account;
import io.keyswitch.audit.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The forwarder's reads and writes, each its own short transaction: targets, the events after a cursor, positions. */
@ApplicationScoped
@Transactional
public class ForwardingStore {

    /** The lag shown is counted up to this many events (a count beyond would cost more than it tells). */
    public static final long LAG_CAP = 100_000;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    public List<SyslogTarget> enabledTargets() {
        return em.createQuery("SELECT t FROM SyslogTarget t WHERE t.enabled = TRUE ORDER BY t.id", SyslogTarget.class)
                .getResultList();
    }

    /** The stored cursor of a target, or {@code null} when the target is gone. */
    public Cursor cursor(long targetId) {
        ForwardingPosition p = em.find(ForwardingPosition.class, targetId);
        return p == null ? null : p.cursor();
    }

    /**
     * The next events for a target after {@code cursor}, in id order: above the position or inside one of its gaps,
     * of the target's account's chain (an account's target) or of every chain (appliance-wide).
     */
    public List<AuditEvent> after(SyslogTarget target, Cursor cursor, int batch) {
        // native SQL with the gaps as numbers (longs from the cursor, never text from outside): there may be thousands,
        // one id each, which as JPQL parameters would make a new query to parse for every read
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_event WHERE (id > ").append(cursor.position());
        StringJoiner singles = new StringJoiner(",", " OR id IN (", ")").setEmptyValue("");
        for (Cursor.Gap g : cursor.gaps()) {
            if (g.from() == g.to()) {
                singles.add(Long.toString(g.from()));
            } else {
                sql.append(" OR id BETWEEN ").append(g.from()).append(" AND ").append(g.to());
            }
        }
        sql.append(singles).append(')');
        if (!target.isApplianceWide()) {
            sql.append(" AND chain_key = ").append(target.getAccountId().longValue());
        }
        sql.append(" ORDER BY id LIMIT ").append(batch);
        @SuppressWarnings("unchecked")
        List<AuditEvent> events = em.createNativeQuery(sql.toString(), AuditEvent.class).getResultList();
        events.forEach(em::detach);
        return events;
    }

    /** The names of these accounts by id (for the messages' {@code account}). */
    public Map<Long, String> accountNames(Collection<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Account a : em.createQuery("SELECT a FROM Account a WHERE a.id IN :ids", Account.class)
                    .setParameter("ids", ids).getResultList()) {
                names.put(a.getId(), a.getName());
            }
        }
        return names;
    }

    /** The server of {@code targetId} took {@code events} events, up to {@code cursor}. */
    public void confirmed(long targetId, Cursor cursor, long events, Instant at) {
        ForwardingPosition p = em.find(ForwardingPosition.class, targetId);
        if (p != null) {
            p.confirmed(cursor, events, at);
        }
    }

    public void failed(long targetId, String words, Instant at) {
        ForwardingPosition p = em.find(ForwardingPosition.class, targetId);
        if (p != null) {
            p.failed(words, at);
        }
    }

    /** A new target starts at the trail's current end (its scope's): it receives the events recorded from now on. */
    void start(SyslogTarget target) {
        TypedQuery<Long> end = target.isApplianceWide()
                ? em.createQuery("SELECT COALESCE(MAX(e.id), 0) FROM AuditEvent e", Long.class)
                : em.createQuery("SELECT COALESCE(MAX(e.id), 0) FROM AuditEvent e WHERE e.chainKey = :chain", Long.class)
                        .setParameter("chain", target.getAccountId());
        em.persist(new ForwardingPosition(target.getId(), end.getSingleResult()));
    }

    /** The stored position and status of a target, or {@code null}. */
    public ForwardingPosition position(long targetId) {
        return em.find(ForwardingPosition.class, targetId);
    }

    /** Events of the target's scope after its stored position, counted up to {@link #LAG_CAP}. */
    public long lag(SyslogTarget target, long position) {
        String sql = "SELECT COUNT(*) FROM (SELECT 1 FROM audit_event WHERE id > ?"
                + (target.isApplianceWide() ? "" : " AND chain_key = ?") + " LIMIT " + LAG_CAP + ") x";
        var q = em.createNativeQuery(sql).setParameter(1, position);
        if (!target.isApplianceWide()) {
            q.setParameter(2, target.getAccountId());
        }
        return ((Number) q.getSingleResult()).longValue();
    }
}
