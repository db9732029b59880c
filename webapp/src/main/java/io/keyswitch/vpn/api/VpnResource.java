package io.keyswitch.vpn.api;

import io.keyswitch.vpn.instance.VpnAvailability;
import io.keyswitch.vpn.VpnService;
import io.keyswitch.platform.Actor;
import io.keyswitch.token.api.BearerTokenFilter;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The VPN of the caller's account. */
@Path("vpn")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VpnResource {

    /** Whether OpenVPN runs on this appliance; when not, why. */
    public record VpnOut(boolean available, String detail) {
    }

    /** What makes a profile: the reason, kept in the audit trail. */
    public record ProfileIn(String reason) {
    }

    /** A technician profile: log in with the portal user name, password and authenticator code. */
    public record TechnicianProfileOut(String fileName, String username, String profile) {
    }

    @Inject
    VpnService vpn;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(summary = "Whether the VPN is available on this appliance (right device:view)")
    public VpnOut get() {
        BearerTokenFilter.caller(request).require(Rights.DEVICE_VIEW);
        VpnAvailability a = vpn.availability();
        return new VpnOut(a.available(), a.detail());
    }

    @POST
    @Path("technician-profile")
    @Operation(summary = "Make the caller's own technician profile; an earlier one is revoked (right device:connect)")
    public TechnicianProfileOut technicianProfile(ProfileIn in) {
        Actor actor = BearerTokenFilter.caller(request);
        VpnService.TechnicianProfile p = vpn.technicianProfile(actor, in == null ? null : in.reason());
        return new TechnicianProfileOut(p.fileName(), p.username(), p.profile());
    }
}
