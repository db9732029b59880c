package io.keyswitch.user.api;

import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.api.PageRequest;
import io.keyswitch.platform.api.Paged;
import io.keyswitch.platform.Actor;
import io.keyswitch.token.api.BearerTokenFilter;
import io.keyswitch.user.UserAdministration;
import io.keyswitch.user.UserGroup;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Groups of the caller's account and their rights (right group:manage). */
@Path("groups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupResource {

    @Inject
    UserAdministration users;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    /** A group: its rights ({@code feature:action}) and how many members it has. */
    public record GroupOut(long id, String name, String description, List<String> rights, long members) {
    }

    /** What creates or changes a group; the reason goes to the audit trail. */
    public record GroupIn(String name, String description, List<String> rights, String reason) {
    }

    @GET
    @Operation(summary = "Groups, by name (right group:manage)")
    public Paged<GroupOut> list(@QueryParam("page") @DefaultValue("0") Integer page,
            @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Actor actor = caller();
        actor.require(io.keyswitch.platform.Rights.GROUP_MANAGE);
        return Paged.slice(users.groups(actor).stream().map(this::out).toList(), paging);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One group (right group:manage)")
    public GroupOut get(@PathParam("id") long id) {
        return out(users.group(caller(), id));
    }

    @POST
    @Operation(summary = "Create a group with rights (right group:manage)")
    public Response create(GroupIn in) {
        GroupIn g = body(in);
        GroupOut out = out(users.saveGroup(caller(), null, g.name(), g.description(), g.rights(), g.reason()));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(out.id())).build()).entity(out).build();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change a group; its members have the new rights at their next request (right group:manage)")
    public GroupOut update(@PathParam("id") long id, GroupIn in) {
        Actor actor = caller();
        users.group(actor, id);
        GroupIn g = body(in);
        return out(users.saveGroup(actor, id, g.name(), g.description(), g.rights(), g.reason()));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a group and its grants; ?reason= (right group:manage)")
    public Response delete(@PathParam("id") long id, @QueryParam("reason") String reason) {
        users.deleteGroup(caller(), id, reason);
        return Response.noContent().build();
    }

    private GroupOut out(UserGroup g) {
        return new GroupOut(g.getId(), g.getName(), g.getDescription(), g.getRights().stream().sorted().toList(),
                users.memberCount(g));
    }

    private static GroupIn body(GroupIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send the group as JSON.");
        }
        return in;
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
