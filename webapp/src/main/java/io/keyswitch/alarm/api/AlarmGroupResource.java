package io.keyswitch.alarm.api;

import io.keyswitch.alarm.AlarmGroup;
import io.keyswitch.alarm.AlarmGroups;
import io.keyswitch.alarm.GroupForm;
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

/** The account's alarm groups: who is told of which alarms (right alarm:manage); every change with a reason, audited. */
@Path("alarm-groups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlarmGroupResource {

    @Inject
    AlarmGroups groups;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    public record GroupOut(long id, String name, long userGroupId, Long projectId, Long deviceId, String minSeverity,
                           boolean byMail, boolean bySms, String quietFrom, String quietUntil, String timeZone,
                           Integer escalateMinutes, Long escalateTo) {
        static GroupOut of(AlarmGroup g) {
            return new GroupOut(g.getId(), g.getName(), g.getUserGroupId(), g.getProjectId(), g.getDeviceId(),
                    g.getMinSeverity().name(), g.isByMail(), g.isBySms(),
                    g.getQuietFrom() == null ? null : g.getQuietFrom().toString(),
                    g.getQuietUntil() == null ? null : g.getQuietUntil().toString(), g.getTimeZone(),
                    g.getEscalateMinutes(), g.getEscalateTo());
        }
    }

    public record GroupIn(String name, Long userGroupId, Long projectId, Long deviceId, String minSeverity, Boolean byMail,
                          Boolean bySms, String quietFrom, String quietUntil, String timeZone, Integer escalateMinutes,
                          Long escalateTo, String reason) {
        GroupForm form() {
            return new GroupForm(name, userGroupId, projectId, deviceId, minSeverity, byMail, bySms, quietFrom, quietUntil,
                    timeZone, escalateMinutes, escalateTo);
        }
    }

    @GET
    @Operation(summary = "The account's alarm groups (right alarm:manage)")
    public Paged<GroupOut> list(@QueryParam("page") @DefaultValue("0") Integer page,
                                @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Actor actor = caller();
        return Paged.of(groups.page(actor, paging.first(), paging.size()).stream().map(GroupOut::of).toList(), paging,
                groups.count(actor));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One alarm group (right alarm:manage)")
    public GroupOut get(@PathParam("id") long id) {
        return GroupOut.of(groups.find(caller(), id));
    }

    @POST
    @Operation(summary = "Create an alarm group (right alarm:manage)")
    public Response create(GroupIn in) {
        GroupIn g = body(in);
        GroupOut out = GroupOut.of(groups.create(caller(), g.form(), g.reason()));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(out.id())).build()).entity(out).build();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change an alarm group (all fields) (right alarm:manage)")
    public GroupOut update(@PathParam("id") long id, GroupIn in) {
        GroupIn g = body(in);
        return GroupOut.of(groups.update(caller(), id, g.form(), g.reason()));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an alarm group; ?reason= (right alarm:manage)")
    public Response delete(@PathParam("id") long id, @QueryParam("reason") String reason) {
        groups.delete(caller(), id, reason);
        return Response.noContent().build();
    }

    private static GroupIn body(GroupIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send the alarm group as JSON.");
        }
        return in;
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
