package io.keyswitch.token.api;

import io.keyswitch.platform.api.OwnAuthentication;
import io.keyswitch.platform.api.Problem;
import io.keyswitch.platform.Actor;
import io.keyswitch.token.ApiTokens;
import io.keyswitch.jail.Ban;
import io.keyswitch.jail.LoginJail;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;
import java.util.Optional;

/**
 * Every API request needs a live token: {@code Authorization: Bearer ks_…}; else 401 problem+json.
 * Wrong tokens count in the same login jail as wrong passwords, and a banned address gets 429. Resources marked
 * {@link OwnAuthentication} (device reports) authenticate their callers themselves.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    /** The request attribute that carries the caller's {@link Actor}. */
    public static final String ACTOR = "keyswitch.api.actor";

    @Inject
    ApiTokens tokens;

    @Inject
    LoginJail jail;

    @Inject
    Clock clock;

    @Context
    HttpServletRequest request;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext context) {
        if (resource.getResourceClass() != null && resource.getResourceClass().isAnnotationPresent(OwnAuthentication.class)) {
            return; // e.g. device reports: the device's identity and secret, checked by the resource
        }
        String address = request.getRemoteAddr();
        Optional<Ban> ban = jail.activeBan(address, null);
        if (ban.isPresent()) {
            context.abortWith(Problem.tooManyRequests(ban.get().until(), clock.instant()));
            return;
        }
        String header = context.getHeaderString(HttpHeaders.AUTHORIZATION);
        String secret = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        Optional<Actor> actor = tokens.authenticate(secret, address);
        if (actor.isEmpty()) {
            if (secret != null) {
                jail.recordFailure(address, null);
            }
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
