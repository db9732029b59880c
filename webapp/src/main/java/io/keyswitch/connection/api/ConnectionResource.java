package io.keyswitch.connection.api;

import io.keyswitch.approval.ApprovalRequests;
import io.keyswitch.connection.Connection;
import io.keyswitch.connection.ConnectionQuery;
import io.keyswitch.connection.ConnectionService;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.api.PageRequest;
import io.keyswitch.platform.api.Paged;
import io.keyswitch.platform.Actor;
import io.keyswitch.token.api.BearerTokenFilter;
import io.keyswitch.vpn.TechnicianTunnels;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Technician connections: Connect, Disconnect, an administrator's End, and the live list and history (each
 * connection of the caller's account with {@code connection:view}, else the caller's own).
 */
@Path("connections")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConnectionResource {

    @Inject
    ConnectionService connections;

    @Inject
    TechnicianTunnels tunnels;

    @Inject
    Clock clock;

    @Inject
    ApprovalRequests approvals;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @POST
    @Operation(summary = "Connect to a device: its granted components open for the caller's VPN tunnel (state OPEN), or"
            + " as soon as the tunnel is up (WAITING); right device:connect and a grant on the device")
    public Response connect(ConnectionJson.ConnectIn in) {
        if (in == null || in.deviceId() == null) {
            throw ValidationFailed.of("deviceId", "Name the device to connect to (deviceId).");
        }
        Actor actor = caller();
        Connection c = connections.connect(actor, in.deviceId(), in.reason(), in.orderNumber());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(c.getId())).build()).entity(out(actor, c)).build();
    }

    @GET
    @Operation(summary = "Connections, newest first: state=live|closed|all (default live), deviceId, userId, from/to"
            + " (ISO-8601 instants, of the request time), text (device or user name prefix); all of the account with"
            + " connection:view, else the caller's own")
    public Paged<ConnectionJson.ConnectionOut> list(@QueryParam("state") @DefaultValue("live") String state,
                                                    @QueryParam("deviceId") Long deviceId, @QueryParam("userId") Long userId,
                                                    @QueryParam("from") String from, @QueryParam("to") String to,
                                                    @QueryParam("text") String text,
                                                    @QueryParam("page") @DefaultValue("0") Integer page,
                                                    @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Actor actor = caller();
        ConnectionQuery query = new ConnectionQuery(which(state), deviceId, userId, instant("from", from), instant("to", to), text);
        List<Connection> found = connections.page(actor, query, paging.first(), paging.size());
        var opened = connections.components(found);
        Instant now = clock.instant();
        var approvals = this.approvals.forConnections(found);
        List<ConnectionJson.ConnectionOut> items = found.stream().map(c -> ConnectionJson.ConnectionOut.of(c,
                waitingFor(c), opened.getOrDefault(c.getId(), List.of()), now, approvals.get(c.getId()))).toList();
        return Paged.of(items, paging, connections.count(actor, query));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One connection with what it opened")
    public ConnectionJson.ConnectionOut get(@PathParam("id") long id) {
        Actor actor = caller();
        return out(actor, connections.find(actor, id));
    }

    @POST
    @Path("{id}/disconnect")
    @Operation(summary = "Disconnect the caller's own connection: its rules go at once, flows through them are cut")
    public ConnectionJson.ConnectionOut disconnect(@PathParam("id") long id) {
        Actor actor = caller();
        return out(actor, connections.disconnect(actor, id));
    }

    @POST
    @Path("{id}/end")
    @Operation(summary = "End someone's connection with a reason (right connection:end)")
    public ConnectionJson.ConnectionOut end(@PathParam("id") long id, ConnectionJson.EndIn in) {
        Actor actor = caller();
        return out(actor, connections.end(actor, id, in == null ? null : in.reason()));
    }

    private ConnectionJson.ConnectionOut out(Actor actor, Connection c) {
        return ConnectionJson.ConnectionOut.of(c, waitingFor(c), connections.components(actor, c.getId()), clock.instant(),
                approvals.forConnections(List.of(c)).get(c.getId()));
    }

    private String waitingFor(Connection c) {
        return connections.waitingFor(c, c.getUserId() != null && tunnels.of(c.getUserId()).isPresent()).orElse(null);
    }

    private static ConnectionQuery.Which which(String state) {
        try {
            return ConnectionQuery.Which.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ValidationFailed.of("state", "state is live, closed or all.");
        }
    }

    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ValidationFailed.of(field, field + " is an ISO-8601 instant such as 2026-12-01T00:00:00Z.");
        }
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
