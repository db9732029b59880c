package io.keyswitch.audit.api;

import io.keyswitch.audit.AuditEvent;
import io.keyswitch.audit.AuditQuery;
import io.keyswitch.audit.ChainVerification;
import io.keyswitch.platform.api.PageRequest;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.api.Paged;
import io.keyswitch.platform.Actor;
import io.keyswitch.token.api.BearerTokenFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The caller's account's audit trail, newest first, and the check of its hash chain (right audit:view);
 * with {@code trail=appliance}, the appliance's events outside any account (right account:manage).
 */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditQuery audit;

    @Context
    HttpServletRequest request;

    /** One audit event; {@code details} is the JSON of the changed fields (before/after). */
    public record EventOut(long id, Instant occurredAt, String actor, String sourceIp, String action, String target,
                           String outcome, String details, String reason, String hash) {
        static EventOut of(AuditEvent e) {
            return new EventOut(e.getId(), e.getOccurredAt(), e.getActor(), e.getSourceIp(), e.getAction(), e.getTarget(),
                    e.getOutcome().name(), e.getDetails(), e.getReason(), e.getHash());
        }
    }

    /** The chain check: how many events were checked and the first broken one, if any. */
    public record VerificationOut(boolean intact, long checked, Long firstBrokenEventId, String problem) {
    }

    @GET
    @Operation(summary = "Audit events, newest first; action and actor filter by prefix (right audit:view); "
            + "trail=appliance: the events outside any account, such as refused setup codes and login bans (right account:manage)")
    public Paged<EventOut> list(@QueryParam("action") String action, @QueryParam("actor") String actorPrefix,
                                @QueryParam("trail") @DefaultValue("account") String trail,
                                @QueryParam("page") @DefaultValue("0") Integer page,
                                @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Actor actor = BearerTokenFilter.caller(request);
        AuditQuery.Filter filter = new AuditQuery.Filter(action, actorPrefix, trail(trail));
        return Paged.of(audit.page(actor, filter, paging.first(), paging.size()).stream().map(EventOut::of).toList(), paging,
                audit.count(actor, filter));
    }

    @GET
    @Path("verify")
    @Operation(summary = "Walk the account's hash chain (or with trail=appliance the appliance's) and report the first broken link")
    public VerificationOut verify(@QueryParam("trail") @DefaultValue("account") String trail) {
        ChainVerification v = audit.verify(BearerTokenFilter.caller(request), trail(trail));
        return new VerificationOut(v.intact(), v.eventsChecked(), v.firstBrokenEventId(), v.problem());
    }

    private static AuditQuery.Trail trail(String value) {
        return switch (value) {
            case "account" -> AuditQuery.Trail.ACCOUNT;
            case "appliance" -> AuditQuery.Trail.APPLIANCE;
            default -> throw ValidationFailed.of("trail", "trail is account (the default) or appliance.");
        };
    }
}
