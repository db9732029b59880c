package io.keyswitch.keyswitch.api;

import io.keyswitch.keyswitch.KeySwitches;
import io.keyswitch.keyswitch.api.KeySwitchJson.ChoiceIn;
import io.keyswitch.keyswitch.api.KeySwitchJson.DeviceOut;
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
 * "Connections only while the key switch is on" of a device of the caller's account: read it, and change it with a
 * reason (audited). A device of another account is 404, as one that does not exist.
 */
@Path("devices/{id}/key-switch")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeviceKeySwitchResource {

    @Inject
    KeySwitches switches;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(summary = "A device's key switch setting (inherit/on/off), its project's default and the switch as last"
            + " reported (right device:view)")
    public DeviceOut get(@PathParam("id") long id) {
        return DeviceOut.of(switches.ofDevice(caller(), id), switches.now(), switches.knownFor());
    }

    @PUT
    @Operation(summary = "Set a device's key switch setting: {\"choice\": \"inherit|on|off\", \"reason\": …} (right device:edit)")
    public DeviceOut change(@PathParam("id") long id, ChoiceIn in) {
        ChoiceIn c = ChoiceIn.present(in);
        return DeviceOut.of(switches.changeDevice(caller(), id, c.choice(), c.reason()), switches.now(), switches.knownFor());
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
