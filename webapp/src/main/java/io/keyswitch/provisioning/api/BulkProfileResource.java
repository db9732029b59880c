package io.keyswitch.provisioning.api;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.provisioning.BulkProfiles;
import io.keyswitch.token.api.BearerTokenFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Bulk profiles: the VPN profiles and secrets of many devices in one request, as one ZIP whose entries are encrypted
 * with AES-256 under the caller's passphrase. The request is checked whole (problem+json naming the field) before the
 * first profile is made; then the archive streams as the profiles are made.
 */
@Path("devices/profiles")
@RequestScoped
public class BulkProfileResource {

    @Inject
    BulkProfiles profiles;

    @Context
    HttpServletRequest request;

    /** What makes an archive: the devices, the passphrase it is encrypted with, and the reason. */
    public record BulkProfilesIn(List<Long> deviceIds, String passphrase, String reason) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    @Operation(summary = "Make the VPN profiles and secrets of these devices (earlier profiles revoked) as one ZIP, every"
            + " entry AES-256 encrypted with the passphrase: <device>.ovpn files and secrets.csv (right device:edit)")
    public Response archive(BulkProfilesIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send the devices, the passphrase and the reason as JSON.");
        }
        Actor actor = BearerTokenFilter.caller(request);
        char[] passphrase = in.passphrase() == null ? null : in.passphrase().toCharArray();
        BulkProfiles.Selection selection = profiles.select(actor, in.deviceIds(), passphrase, in.reason());
        StreamingOutput body = out -> profiles.write(actor, selection, passphrase, out, n -> { });
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"device-profiles.zip\"")
                .header("Cache-Control", "no-store").build();
    }
}
