package io.keyswitch.access.api;

import io.keyswitch.access.AccessService;
import io.keyswitch.access.Grant;
import io.keyswitch.access.GrantRequest;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.api.PageRequest;
import io.keyswitch.platform.api.Paged;
import io.keyswitch.platform.Actor;
import io.keyswitch.token.api.BearerTokenFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Grants of the caller's account: who may reach which project, device or components (right user:manage). */
@Path("grants")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GrantResource {

    @Inject
    AccessService access;

    @Context
    HttpServletRequest request;

    /** A grant: subject ("user alice" / "group Service") and scope ("device Press 7", …). */
    public record GrantOut(long id, String subject, String scope, Instant createdAt) {
        static GrantOut of(Grant g) {
            return new GrantOut(g.getId(), g.getSubject(), g.getScope(), g.getCreatedAt());
        }
    }

    /**
     * What a grant gives: {@code subjectType} USER (with userId) or GROUP (with groupId);
     * {@code scopeType} PROJECT (projectId), DEVICE (deviceId) or COMPONENTS (deviceId and componentIds).
     */
    public record GrantIn(String subjectType, Long userId, Long groupId, String scopeType, Long projectId, Long deviceId,
                          List<Long> componentIds, String reason) {
    }

    @GET
    @Operation(summary = "Grants, newest first (right user:manage)")
    public Paged<GrantOut> list(@QueryParam("page") @DefaultValue("0") Integer page,
            @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Actor actor = caller();
        return Paged.of(access.grants(actor, paging.first(), paging.size()).stream().map(GrantOut::of).toList(), paging,
                access.countGrants(actor));
    }

    @POST
    @Operation(summary = "Grant a user or group a project, a device or listed components; default is deny (right user:manage)")
    public Response create(GrantIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send the grant as JSON.");
        }
        GrantRequest r = new GrantRequest();
        r.setSubjectType(enumOf(GrantRequest.SubjectType.class, in.subjectType(), "subjectType", "USER or GROUP"));
        r.setUserId(in.userId());
        r.setGroupId(in.groupId());
        r.setScopeType(enumOf(GrantRequest.ScopeType.class, in.scopeType(), "scopeType", "PROJECT, DEVICE or COMPONENTS"));
        r.setProjectId(in.projectId());
        r.setDeviceId(in.deviceId());
        r.setComponentIds(in.componentIds());
        List<GrantOut> created = access.grant(caller(), r, in.reason()).stream().map(GrantOut::of).toList();
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a grant; ?reason= (right user:manage)")
    public Response revoke(@PathParam("id") long id, @QueryParam("reason") String reason) {
        access.revoke(caller(), id, reason);
        return Response.noContent().build();
    }

    @GET
    @Path("components/{componentId}")
    @Operation(summary = "Who can reach this component, and through which grant (right user:manage)")
    public Paged<String> whoCanReach(@PathParam("componentId") long componentId, @QueryParam("page") @DefaultValue("0") Integer page,
            @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        return Paged.slice(access.whoCanReach(caller(), componentId), paging);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field, String allowed) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ValidationFailed.of(field, field + " is " + allowed + ".");
        }
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
