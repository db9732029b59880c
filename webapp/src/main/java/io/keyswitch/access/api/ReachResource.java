package io.keyswitch.access.api;

import io.keyswitch.access.AccessService;
import io.keyswitch.access.Reach;
import io.keyswitch.platform.api.PageRequest;
import io.keyswitch.platform.api.Paged;
import io.keyswitch.platform.Actor;
import io.keyswitch.token.api.BearerTokenFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What a user of the caller's account can reach, with the grant that gives each component. */
@Path("users/{id}/reach")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReachResource {

    @Inject
    AccessService access;

    @Context
    HttpServletRequest request;

    /** One reachable component. */
    public record ReachOut(long deviceId, String device, String virtualSubnet, String lanSubnet, long componentId,
                           String component, String ip, String services, String via) {
        static ReachOut of(Reach r) {
            return new ReachOut(r.deviceId(), r.device(), r.virtualSubnet(), r.lanSubnet(), r.componentId(), r.component(),
                    r.ip(), r.services(), r.via());
        }
    }

    @GET
    @Operation(summary = "Every component the user can reach, by device and component name (right user:manage)")
    public Paged<ReachOut> reach(@PathParam("id") long userId, @QueryParam("page") @DefaultValue("0") Integer page,
            @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Actor actor = BearerTokenFilter.caller(request);
        AccessService.ReachPage reach = access.reachPage(actor, userId, paging.first(), paging.size());
        return Paged.of(reach.items().stream().map(ReachOut::of).toList(), paging, reach.total());
    }
}
