package io.keyswitch.security.api;

import io.keyswitch.platform.api.Problem;
import io.keyswitch.security.Actor;
import io.keyswitch.security.ApiTokens;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/** Every API request needs a live token: {@code Authorization: Bearer ks_…}; else 401 problem+json. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    /** The request attribute that carries the caller's {@link Actor}. */
    public static final String ACTOR = "keyswitch.api.actor";

    @Inject
    ApiTokens tokens;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        String header = context.getHeaderString(HttpHeaders.AUTHORIZATION);
        String secret = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        Optional<Actor> actor = tokens.authenticate(secret, request.getRemoteAddr());
        if (actor.isEmpty()) {
            Response unauthorized = Problem.response(401, "Unauthorized",
                    "Send a valid API token: Authorization: Bearer ks_…");
            context.abortWith(Response.fromResponse(unauthorized).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
            return;
        }
        request.setAttribute(ACTOR, actor.get());
    }

    /** The caller of the API request at hand. */
    public static Actor caller(HttpServletRequest request) {
        return (Actor) request.getAttribute(ACTOR);
    }
}
