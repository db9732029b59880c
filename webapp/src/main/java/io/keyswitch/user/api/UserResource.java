package io.keyswitch.user.api;

import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.api.PageRequest;
import io.keyswitch.platform.api.Paged;
import io.keyswitch.platform.Actor;
import io.keyswitch.token.api.BearerTokenFilter;
import io.keyswitch.user.User;
import io.keyswitch.user.UserAdministration;
import io.keyswitch.user.UserAdministration.OneTimePassword;
import io.keyswitch.user.UserForm;
import io.keyswitch.user.api.UserJson.OneTimePasswordOut;
import io.keyswitch.user.api.UserJson.UserIn;
import io.keyswitch.user.api.UserJson.UserOut;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
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
import java.util.Date;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Users of the caller's account (right user:manage). */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    UserAdministration users;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "Users, by user name; filter: user name or full name prefix (right user:manage)")
    public Paged<UserOut> list(@QueryParam("filter") String filter, @QueryParam("page") @DefaultValue("0") Integer page,
            @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Actor actor = caller();
        List<User> found = users.users(actor, filter, paging.first(), paging.size());
        java.util.Map<Long, java.util.Set<Long>> groups = users.groupIdsOf(actor, found);
        List<UserOut> items = found.stream().map(u -> UserOut.of(u, groups.get(u.getId()))).toList();
        return Paged.of(items, paging, users.countUsers(actor, filter));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One user (right user:manage)")
    public UserOut get(@PathParam("id") long id) {
        Actor actor = caller();
        return UserOut.of(users.user(actor, id), users.groupIdsOf(actor, id));
    }

    @POST
    @Operation(summary = "Create a user; the answer holds the one-time password, shown this once (right user:manage)")
    public Response create(UserIn in) {
        Actor actor = caller();
        OneTimePassword created = users.createUser(actor, form(in), in.reason());
        User u = created.user();
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(u.getId())).build())
                .entity(new OneTimePasswordOut(UserOut.of(u, users.groupIdsOf(actor, u.getId())), created.password())).build();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change a user: details, status, temporary validity, groups, system administrator (right user:manage, "
            + "every right the user has, and a system administrator for a system administrator)")
    public UserOut update(@PathParam("id") long id, UserIn in) {
        Actor actor = caller();
        User u = users.updateUser(actor, id, form(in), in.reason());
        return UserOut.of(u, users.groupIdsOf(actor, u.getId()));
    }

    @POST
    @Path("{id}/password-reset")
    @Operation(summary = "Give the user a new one-time password, shown this once; ?reason= (right user:manage)")
    public OneTimePasswordOut resetPassword(@PathParam("id") long id, @QueryParam("reason") String reason) {
        Actor actor = caller();
        OneTimePassword reset = users.resetPassword(actor, id, reason);
        return new OneTimePasswordOut(UserOut.of(reset.user(), users.groupIdsOf(actor, id)), reset.password());
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }

    private static UserForm form(UserIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send the user as JSON.");
        }
        UserForm f = new UserForm();
        f.setUsername(in.username());
        f.setFullName(in.fullName());
        f.setEmail(in.email());
        f.setPhone(in.phone());
        f.setActive(in.active() == null || in.active());
        f.setTemporary(Boolean.TRUE.equals(in.temporary()));
        f.setValidFrom(in.validFrom() == null ? null : Date.from(in.validFrom()));
        f.setValidUntil(in.validUntil() == null ? null : Date.from(in.validUntil()));
        f.setMaxLogins(in.maxLogins());
        f.setGroupIds(in.groupIds() == null ? List.of() : in.groupIds());
        f.setSystemAdmin(in.systemAdmin());
        return f;
    }
}
