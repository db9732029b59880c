package io.keyswitch.token.api;

import io.keyswitch.platform.api.PageRequest;
import io.keyswitch.platform.api.Paged;
import io.keyswitch.platform.Actor;
import io.keyswitch.token.ApiToken;
import io.keyswitch.token.ApiTokens;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The live API tokens of the caller's account, for its user administrators (right user:manage). */
@Path("tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    ApiTokens tokens;

    @Context
    HttpServletRequest request;

    /** A token as administrators see it: never its secret (which is not kept) nor its hash. */
    public record TokenOut(long id, String name, String owner, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

        static TokenOut of(ApiToken t) {
            return new TokenOut(t.getId(), t.getName(), t.getUser().getUsername(), t.getCreatedAt(), t.getExpiresAt(),
                    t.getLastUsedAt());
        }
    }

    @GET
    @Operation(summary = "The account's live tokens (not revoked, not expired), by owner (right user:manage)")
    public Paged<TokenOut> list(@QueryParam("page") @DefaultValue("0") Integer page,
                                @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Actor actor = caller();
        return Paged.of(tokens.accountTokens(actor, paging.first(), paging.size()).stream().map(TokenOut::of).toList(), paging,
                tokens.countAccountTokens(actor));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a user's token; ?reason= (right user:manage, and every right of its owner)")
    public Response revoke(@PathParam("id") long id, @QueryParam("reason") String reason) {
        tokens.revokeAsAdministrator(caller(), id, reason);
        return Response.noContent().build();
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
