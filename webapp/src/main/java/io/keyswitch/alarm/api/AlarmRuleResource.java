package io.keyswitch.alarm.api;

import io.keyswitch.alarm.AlarmRule;
import io.keyswitch.alarm.AlarmRules;
import io.keyswitch.alarm.RuleForm;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.api.PageRequest;
import io.keyswitch.platform.api.Paged;
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

/** The account's alarm rules (right alarm:manage); every change with a reason, audited. */
@Path("alarm-rules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlarmRuleResource {

    @Inject
    AlarmRules rules;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    public record RuleOut(long id, String builtin, String name, Long deviceId, Long projectId, String kind, String dataPoint,
                          String stateValue, Double threshold, double hysteresis, Integer offlineMinutes, String severity,
                          String text, boolean enabled) {
        static RuleOut of(AlarmRule r) {
            return new RuleOut(r.getId(), r.getBuiltin(), r.getName(), r.getDeviceId(), r.getProjectId(), r.getKind().name(),
                    r.getDataPoint(), r.getStateValue(), r.getThreshold(), r.getHysteresis(), r.getOfflineMinutes(),
                    r.getSeverity().name(), r.getText(), r.isEnabled());
        }
    }

    /** A rule as sent: a built-in key fills what is left out; the reason goes to the audit trail. */
    public record RuleIn(String builtin, String name, Long deviceId, Long projectId, String kind, String dataPoint,
                         String stateValue, Double threshold, Double hysteresis, Integer offlineMinutes, String severity,
                         String text, Boolean enabled, String reason) {
        RuleForm form() {
            return new RuleForm(builtin, name, deviceId, projectId, kind, dataPoint, stateValue, threshold, hysteresis,
                    offlineMinutes, severity, text, enabled);
        }
    }

    @GET
    @Operation(summary = "The account's alarm rules (right alarm:manage)")
    public Paged<RuleOut> list(@QueryParam("page") @DefaultValue("0") Integer page,
                               @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Actor actor = caller();
        return Paged.of(rules.page(actor, paging.first(), paging.size()).stream().map(RuleOut::of).toList(), paging,
                rules.count(actor));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One alarm rule (right alarm:manage)")
    public RuleOut get(@PathParam("id") long id) {
        return RuleOut.of(rules.find(caller(), id));
    }

    @POST
    @Operation(summary = "Create an alarm rule, or switch on a built-in one (builtin: offline, usb, key-switch) (right alarm:manage)")
    public Response create(RuleIn in) {
        RuleIn r = body(in);
        RuleOut out = RuleOut.of(rules.create(caller(), r.form(), r.reason()));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(out.id())).build()).entity(out).build();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change an alarm rule (all fields); enabled=false switches it off and clears its alarms (right alarm:manage)")
    public RuleOut update(@PathParam("id") long id, RuleIn in) {
        RuleIn r = body(in);
        return RuleOut.of(rules.update(caller(), id, r.form(), r.reason()));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an alarm rule, clearing its open alarms; ?reason= (right alarm:manage)")
    public Response delete(@PathParam("id") long id, @QueryParam("reason") String reason) {
        rules.delete(caller(), id, reason);
        return Response.noContent().build();
    }

    private static RuleIn body(RuleIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send the alarm rule as JSON.");
        }
        return in;
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
