package io.keyswitch.audit;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.AccountScopedQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
        return list(actor, filter).count();
    }

    public List<AuditEvent> page(Actor actor, Filter filter, int first, int size) {
        return list(actor, filter).orderBy("e.id DESC").page(first, size);
    }

    /** The chosen chain's events (an account's chain key is its id; the appliance's is 0), narrowed by the filter. */
    private AccountScopedQuery<AuditEvent> list(Actor actor, Filter filter) {
        Long account = chain(actor, filter.trail());
        return AccountScopedQuery.of(em, AuditEvent.class, "e", "chainKey", account == null ? 0L : account)
                .startsWith(filter.action(), "e.action").startsWith(filter.actor(), "e.actor");
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
}
