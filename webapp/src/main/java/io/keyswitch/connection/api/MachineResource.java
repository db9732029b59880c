package io.keyswitch.connection.api;

import io.keyswitch.connection.Machines;
import io.keyswitch.platform.api.PageRequest;
import io.keyswitch.platform.api.Paged;
import io.keyswitch.token.api.BearerTokenFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The caller's machines: the devices their grants reach, with the components and addresses they may connect to. */
@Path("machines")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MachineResource {

    @Inject
    Machines machines;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(summary = "The devices the caller's grants reach, by name, with the granted components and the caller's"
            + " live connection to each (right device:connect)")
    public Paged<ConnectionJson.MachineOut> list(@QueryParam("filter") String filter,
                                                 @QueryParam("page") @DefaultValue("0") Integer page,
                                                 @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Machines.Page found = machines.page(BearerTokenFilter.caller(request), filter, paging.first(), paging.size());
        return Paged.of(found.machines().stream().map(ConnectionJson.MachineOut::of).toList(), paging, found.total());
    }
}
