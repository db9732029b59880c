package io.keyswitch.audit.internal;

import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditEvent;
import io.keyswitch.audit.AuditRecorded;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.ChainVerification;
import io.keyswitch.audit.EventHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Appends audit events to per-account hash chains in the database, serialized by a locked chain head. Each event
 * is sealed with an HMAC under the {@link AuditKey} in the portal's home, so that write access to the database is
 * not enough to rewrite an event and its hash; events older than the key keep their plain SHA-256.
 */
@ApplicationScoped
public class HashChainedAuditTrail implements AuditTrail {

    private static final int VERIFY_PAGE = 1000;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    Clock clock;

    /** Tells the trail's forwarders (SIEM) after the commit that there is more to read. */
    @Inject
    Event<AuditRecorded> recorded;

    private volatile AuditKey key;

    /** The audit key, read (or made) at first use: before this portal writes its first event. */
    private AuditKey key() {
        AuditKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    java.nio.file.Path home = io.keyswitch.platform.PortalHome.path().orElseThrow(() -> new IllegalStateException(
                            "No portal home folder (keyswitch.home) for the audit chain's key"));
                    key = AuditKey.of(home, () -> em.createQuery("SELECT COALESCE(MAX(e.id), 0) FROM AuditEvent e", Long.class)
                            .getSingleResult());
                    java.util.logging.Logger.getLogger(HashChainedAuditTrail.class.getName()).info("Audit chain: events are "
                            + "sealed with HMAC-SHA256 under the key in " + home.resolve(AuditKey.FILE) + " (key id " + key.id()
                            + "); events up to id " + key.plainUpTo() + " were written before it and carry a plain SHA-256.");
                }
                k = key;
            }
        }
        return k;
    }

    /** The seal of an event as the key says it must be. */
    private String seal(AuditEvent e, AuditKey k) {
        return e.getId() != null && e.getId() <= k.plainUpTo() ? EventHash.of(e) : EventHash.keyed(e, k.key());
    }

    @Override
    @Transactional
    public AuditEvent record(AuditEntry entry) {
        long chainKey = chainKey(entry.accountId());
        AuditKey k = key();
        AuditChainHead head = lockedHead(chainKey);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AuditEvent event = new AuditEvent(chainKey, now, entry, head.lastHash());
        event.seal(EventHash.keyed(event, k.key()));
        em.persist(event);
        em.flush();
        head.advance(event.getId(), event.getHash());
        recorded.fire(new AuditRecorded(event.getId()));
        return event;
    }

    @Override
    @Transactional
    public void recordAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long chainKey = chainKey(entries.get(0).accountId());
        if (entries.stream().anyMatch(e -> chainKey(e.accountId()) != chainKey)) {
            throw new IllegalArgumentException("recordAll takes the events of one account");
        }
        AuditKey k = key();
        AuditChainHead head = lockedHead(chainKey);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String prev = head.lastHash();
        long lastId = 0;
        for (AuditEntry entry : entries) {
            AuditEvent event = new AuditEvent(chainKey, now, entry, prev);
            event.seal(EventHash.keyed(event, k.key()));
            // One insert at a time: EclipseLink does not keep the order of objects persisted in one
            // flush, and the chain is read back in id order. Detached, the next flush stays small.
            em.persist(event);
            em.flush();
            em.detach(event);
            prev = event.getHash();
            lastId = event.getId();
        }
        head.advance(lastId, prev);
        recorded.fire(new AuditRecorded(lastId));
    }

    /**
     * The chain's head, locked for this transaction. Only the first event of a chain makes the row, and without a
     * locking read before it: a {@code SELECT … FOR UPDATE} of a missing row takes a gap lock, and two writers
     * inserting into the gap each holds deadlock (seen: parallel failed logins, the first events of an account's
     * chain, one answered 500). An INSERT IGNORE on an existing row would take a shared lock that two writers then
     * both upgrade (deadlock too); {@code ON DUPLICATE KEY UPDATE} takes the exclusive lock at once, so a second
     * writer waits for the first to commit.
     */
    private AuditChainHead lockedHead(long chainKey) {
        Number rows = (Number) em.createNativeQuery("SELECT COUNT(*) FROM audit_chain_head WHERE chain_key = ?")
                .setParameter(1, chainKey)
                .getSingleResult();
        if (rows.longValue() == 0) {
            em.createNativeQuery("INSERT INTO audit_chain_head (chain_key, last_hash) VALUES (?, ?)"
                            + " ON DUPLICATE KEY UPDATE chain_key = chain_key")
                    .setParameter(1, chainKey)
                    .setParameter(2, EventHash.GENESIS)
                    .executeUpdate();
        }
        AuditChainHead head = em.find(AuditChainHead.class, chainKey, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(head, LockModeType.PESSIMISTIC_WRITE);
        return head;
    }

    @Override
    @Transactional
    public ChainVerification verify(Long accountId) {
        AuditKey k = key();
        long chainKey = chainKey(accountId);
        String expectedPrev = EventHash.GENESIS;
        long checked = 0;
        long lastId = 0;
        while (true) {
            List<AuditEvent> page = em.createQuery(
                            "SELECT e FROM AuditEvent e WHERE e.chainKey = :k AND e.id > :after ORDER BY e.id",
                            AuditEvent.class)
                    .setParameter("k", chainKey)
                    .setParameter("after", lastId)
                    .setMaxResults(VERIFY_PAGE)
                    .getResultList();
            if (page.isEmpty()) {
                return endOfChain(chainKey, checked, lastId, expectedPrev);
            }
            for (AuditEvent e : page) {
                checked++;
                if (!e.getPrevHash().equals(expectedPrev)) {
                    return new ChainVerification(checked, e.getId(),
                            "does not link to the event before it: an event was removed or inserted");
                }
                if (!seal(e, k).equals(e.getHash())) {
                    return new ChainVerification(checked, e.getId(),
                            "its content does not match its hash: the event was changed");
                }
                expectedPrev = e.getHash();
                lastId = e.getId();
            }
            em.clear();
        }
    }

    /** The head remembers the last hash: an event removed from the end of the chain shows there. */
    private ChainVerification endOfChain(long chainKey, long checked, long lastId, String lastHash) {
        AuditChainHead head = em.find(AuditChainHead.class, chainKey);
        String headHash = head == null ? EventHash.GENESIS : head.lastHash();
        if (!headHash.equals(lastHash)) {
            return new ChainVerification(checked, lastId,
                    "the chain ends before its recorded last event: events were removed from its end");
        }
        return new ChainVerification(checked, null, null);
    }

    private static long chainKey(Long accountId) {
        return accountId == null ? 0L : accountId;
    }
}
