package io.keyswitch.siem.api;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.api.PageRequest;
import io.keyswitch.platform.api.Paged;
import io.keyswitch.siem.ForwardingPosition;
import io.keyswitch.siem.SyslogTarget;
import io.keyswitch.siem.SyslogTargets;
import io.keyswitch.siem.TargetForm;
import io.keyswitch.siem.TestMessages;
import io.keyswitch.token.api.BearerTokenFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Syslog targets of SIEM forwarding: appliance-wide (system administrators) or the caller's account's (settings:manage
 * with audit:view), with where forwarding to each stands; every change with a reason, audited; "send test message".
 */
@Path("siem-targets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SiemTargetResource {

    @Inject
    SyslogTargets targets;

    @Inject
    TestMessages tests;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    /** Where forwarding stands: the last audit event id the server took, events after it, the last success and error. */
    public record StatusOut(long position, long lag, int openGaps, long forwarded, String lastSuccessAt, String lastError,
                            String lastErrorAt) {
        static StatusOut of(ForwardingPosition p, long lag) {
            return p == null ? null : new StatusOut(p.getLastEventId(), lag, p.getOpenGaps(), p.getForwarded(),
                    p.getLastSuccessAt() == null ? null : p.getLastSuccessAt().toString(), p.getLastError(),
                    p.getLastErrorAt() == null ? null : p.getLastErrorAt().toString());
        }
    }

    public record TargetOut(long id, String name, String scope, Long accountId, String host, int port, String transport,
                            String caPem, boolean enabled, StatusOut status) {
        static TargetOut of(SyslogTargets.Row row) {
            SyslogTarget t = row.target();
            return new TargetOut(t.getId(), t.getName(), t.isApplianceWide() ? "APPLIANCE" : "ACCOUNT", t.getAccountId(),
                    t.getHost(), t.getPort(), t.getTransport().name(), t.getCaPem(), t.isEnabled(),
                    StatusOut.of(row.position(), row.lag()));
        }
    }

    public record TargetIn(String name, String scope, String host, Integer port, String transport, String caPem,
                           Boolean enabled, String reason) {
        TargetForm form() {
            return new TargetForm(name, scope, host, port, transport, caPem, enabled);
        }
    }

    public record TestOut(boolean delivered, String result) {
    }

    @GET
    @Operation(summary = "The syslog targets the caller manages, with their forwarding status")
    public Paged<TargetOut> list(@QueryParam("page") @DefaultValue("0") Integer page,
                                 @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Actor actor = caller();
        return Paged.of(targets.page(actor, paging.first(), paging.size()).stream().map(TargetOut::of).toList(), paging,
                targets.count(actor));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One syslog target with its forwarding status")
    public TargetOut get(@PathParam("id") long id) {
        return TargetOut.of(targets.find(caller(), id));
    }

    @POST
    @Operation(summary = "Create a syslog target (scope APPLIANCE: system administrators; ACCOUNT: the caller's account)")
    public Response create(TargetIn in) {
        TargetIn t = body(in);
        Actor actor = caller();
        SyslogTarget made = targets.create(actor, t.form(), t.reason());
        TargetOut out = TargetOut.of(targets.find(actor, made.getId()));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(out.id())).build()).entity(out).build();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change a syslog target (all fields; the scope stays)")
    public TargetOut update(@PathParam("id") long id, TargetIn in) {
        TargetIn t = body(in);
        Actor actor = caller();
        targets.update(actor, id, t.form(), t.reason());
        return TargetOut.of(targets.find(actor, id));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a syslog target; ?reason=")
    public Response delete(@PathParam("id") long id, @QueryParam("reason") String reason) {
        targets.delete(caller(), id, reason);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/test")
    @Operation(summary = "Send a test message to the target and say what happened (audited)")
    public TestOut test(@PathParam("id") long id) {
        TestMessages.Result r = tests.send(caller(), id);
        return new TestOut(r.delivered(), r.words());
    }

    private static TargetIn body(TargetIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send the syslog target as JSON.");
        }
        return in;
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
