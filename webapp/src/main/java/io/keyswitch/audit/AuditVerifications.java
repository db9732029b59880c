package io.keyswitch.audit;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The remembered results of the scheduled chain check ({@link AuditChainCheck}): the last one of each chain in
 * {@code audit_verification}, and each run as an {@code audit.verify} event in the appliance's trail.
 */
@ApplicationScoped
@Transactional
public class AuditVerifications {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail trail;

    /** The last check of one chain ({@code chainKey} 0: the appliance's events). */
    public record Checked(long chainKey, Instant at, ChainVerification result) {
    }

    /** Stores the results of one run (one per chain, keyed by chain) and records the run in the appliance's trail. */
    public void record(Instant at, Map<Long, ChainVerification> results) {
        long events = 0;
        JsonArrayBuilder broken = Json.createArrayBuilder();
        for (Map.Entry<Long, ChainVerification> e : results.entrySet()) {
            ChainVerification v = e.getValue();
            events += v.eventsChecked();
            em.createNativeQuery("""
                    INSERT INTO audit_verification (chain_key, verified_at, events_checked, first_broken_event, problem)
                    VALUES (?1, ?2, ?3, ?4, ?5)
                    ON DUPLICATE KEY UPDATE verified_at = VALUES(verified_at), events_checked = VALUES(events_checked),
                        first_broken_event = VALUES(first_broken_event), problem = VALUES(problem)""")
                    .setParameter(1, e.getKey()).setParameter(2, UtcInstantConverter.toColumn(at)).setParameter(3, v.eventsChecked())
                    .setParameter(4, v.firstBrokenEventId()).setParameter(5, AuditEntry.bounded(v.problem(), 300))
                    .executeUpdate();
            if (!v.intact()) {
                broken.add(Json.createObjectBuilder().add("chain", chainName(e.getKey()))
                        .add("event", v.firstBrokenEventId()).add("problem", v.problem()));
            }
        }
        var brokenChains = broken.build();
        String details = Json.createObjectBuilder().add("chains", results.size()).add("events", events)
                .add("broken", brokenChains).build().toString();
        trail.record(AuditEntry.of(AuditAction.AUDIT_VERIFY, brokenChains.isEmpty() ? Outcome.SUCCESS : Outcome.FAILURE)
                .bySystem().on("audit-trail").withDetails(details));
    }

    /** Every chain there is (its key: the account id, 0 for the appliance's events), in key order. */
    public List<Long> chainKeys() {
        List<?> keys = em.createNativeQuery("SELECT chain_key FROM audit_chain_head ORDER BY chain_key").getResultList();
        return keys.stream().map(k -> ((Number) k).longValue()).toList();
    }

    /** The last check of the chain of {@code accountId} ({@code null}: the appliance's events), if there was one. */
    public Optional<Checked> last(Long accountId) {
        List<?> rows = em.createNativeQuery("SELECT chain_key, verified_at, events_checked, first_broken_event, problem "
                        + "FROM audit_verification WHERE chain_key = ?1")
                .setParameter(1, accountId == null ? 0L : accountId).getResultList();
        return rows.stream().map(r -> checked((Object[]) r)).findFirst();
    }

    /** The last check of every chain, by chain key. */
    public List<Checked> all() {
        List<?> rows = em.createNativeQuery("SELECT chain_key, verified_at, events_checked, first_broken_event, problem "
                + "FROM audit_verification ORDER BY chain_key").getResultList();
        return rows.stream().map(r -> checked((Object[]) r)).toList();
    }

    private static Checked checked(Object[] r) {
        Number broken = (Number) r[3];
        return new Checked(((Number) r[0]).longValue(), UtcInstantConverter.fromColumn(r[1]),
                new ChainVerification(((Number) r[2]).longValue(), broken == null ? null : broken.longValue(), (String) r[4]));
    }

    static String chainName(long chainKey) {
        return chainKey == 0 ? "appliance" : "account:" + chainKey;
    }
}
