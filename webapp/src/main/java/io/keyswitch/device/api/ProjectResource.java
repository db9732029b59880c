package io.keyswitch.device.api;

import io.keyswitch.device.Project;
import io.keyswitch.device.ProjectService;
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

/** Projects (folders of devices) of the caller's account. */
@Path("projects")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {

    @Inject
    ProjectService projects;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    /** A project and how many devices it holds (when listed). */
    public record ProjectOut(long id, String name, String description, Long devices) {
        static ProjectOut of(Project p, Long devices) {
            return new ProjectOut(p.getId(), p.getName(), p.getDescription(), devices);
        }
    }

    /** What creates or changes a project; the reason goes to the audit trail. */
    public record ProjectIn(String name, String description, String reason) {
    }

    @GET
    @Operation(summary = "Projects, by name, with device counts; filter: name prefix (right device:view)")
    public Paged<ProjectOut> list(@QueryParam("filter") String filter, @QueryParam("page") @DefaultValue("0") Integer page,
            @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Actor actor = caller();
        return Paged.of(projects.page(actor, filter, "name", true, paging.first(), paging.size()).stream()
                .map(r -> ProjectOut.of(r.project(), r.devices())).toList(), paging, projects.count(actor, filter));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One project (right device:view)")
    public ProjectOut get(@PathParam("id") long id) {
        return ProjectOut.of(projects.find(caller(), id), null);
    }

    @POST
    @Operation(summary = "Create a project (right project:manage)")
    public Response create(ProjectIn in) {
        ProjectIn p = body(in);
        ProjectOut out = ProjectOut.of(projects.create(caller(), p.name(), p.description(), p.reason()), 0L);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(out.id())).build()).entity(out).build();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Rename or describe a project (right project:manage)")
    public ProjectOut update(@PathParam("id") long id, ProjectIn in) {
        ProjectIn p = body(in);
        return ProjectOut.of(projects.update(caller(), id, p.name(), p.description(), p.reason()), null);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an empty project and its grants; ?reason= (right project:manage)")
    public Response delete(@PathParam("id") long id, @QueryParam("reason") String reason) {
        projects.delete(caller(), id, reason);
        return Response.noContent().build();
    }

    private static ProjectIn body(ProjectIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send the project as JSON.");
        }
        return in;
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
