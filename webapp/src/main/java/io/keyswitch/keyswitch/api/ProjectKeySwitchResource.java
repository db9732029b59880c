package io.keyswitch.keyswitch.api;

import io.keyswitch.keyswitch.KeySwitches;
import io.keyswitch.keyswitch.api.KeySwitchJson.ChoiceIn;
import io.keyswitch.keyswitch.api.KeySwitchJson.ProjectOut;
import io.keyswitch.platform.Actor;
import io.keyswitch.token.api.BearerTokenFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The key switch default of a project of the caller's account, for its devices that inherit it: read it, and change it
 * with a reason (audited). A project of another account is 404, as one that does not exist.
 */
@Path("projects/{id}/key-switch")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectKeySwitchResource {

    @Inject
    KeySwitches switches;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(summary = "A project's key switch default for its devices (on/off) (right device:view)")
    public ProjectOut get(@PathParam("id") long id) {
        return new ProjectOut(id, switches.ofProject(caller(), id).wire());
    }

    @PUT
    @Operation(summary = "Set a project's key switch default: {\"choice\": \"on|off\", \"reason\": …} (right project:manage)")
    public ProjectOut change(@PathParam("id") long id, ChoiceIn in) {
        ChoiceIn c = ChoiceIn.present(in);
        return new ProjectOut(id, switches.changeProject(caller(), id, c.choice(), c.reason()).wire());
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
