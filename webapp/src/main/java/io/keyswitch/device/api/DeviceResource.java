package io.keyswitch.device.api;

import io.keyswitch.vpn.DeviceVpnStatus;
import io.keyswitch.vpn.VpnService;
import io.keyswitch.datapoint.DataPointQuery;
import io.keyswitch.datapoint.LastReport;
import io.keyswitch.datapoint.Presence;
import io.keyswitch.device.ComponentForm;
import io.keyswitch.device.Device;
import io.keyswitch.device.DeviceForm;
import io.keyswitch.device.DeviceImport;
import io.keyswitch.device.DevicePage;
import io.keyswitch.device.DeviceStatus;
import io.keyswitch.device.TunnelMode;
import io.keyswitch.device.RouterSettings;
import io.keyswitch.device.DeviceService;
import io.keyswitch.device.api.DeviceJson.ComponentIn;
import io.keyswitch.device.api.DeviceJson.ComponentOut;
import io.keyswitch.device.api.DeviceJson.DeviceIn;
import io.keyswitch.device.api.DeviceJson.DeviceOut;
import io.keyswitch.device.api.DeviceJson.DeviceProfileOut;
import io.keyswitch.device.api.DeviceJson.ReasonIn;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.api.Bodies;
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
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Devices and their components of the caller's account. */
@Path("devices")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeviceResource {

    @Inject
    DeviceService devices;

    @Inject
    VpnService vpn;

    @Inject
    DeviceImport importer;

    @Inject
    DataPointQuery reports;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "Devices, by name; filter: name or serial number prefix (right device:view)")
    public Paged<DeviceOut> list(@QueryParam("filter") String filter, @QueryParam("page") @DefaultValue("0") Integer page,
            @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Actor actor = caller();
        List<Device> found = devices.page(actor, new DevicePage(filter, "name", true, paging.first(), paging.size()));
        return Paged.of(out(actor, found), paging, devices.count(actor, filter));
    }

    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Import devices with components from CSV (the import page's format, UTF-8), all or nothing;"
            + " ?dryRun=true only checks and lists every bad line (rights device:edit and component:edit)")
    public Response importCsv(InputStream body, @QueryParam("dryRun") @DefaultValue("false") Boolean dryRun,
                              @QueryParam("reason") String reason) throws IOException {
        Actor actor = caller();
        byte[] csv = Bodies.read(body, DeviceImport.MAX_BYTES);
        DeviceImport.Check check = dryRun ? importer.check(actor, csv) : importer.commit(actor, csv, reason, n -> { });
        return Response.status(dryRun ? Response.Status.OK : Response.Status.CREATED).entity(ImportJson.of(check, !dryRun)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One device (right device:view)")
    public DeviceOut get(@PathParam("id") long id) {
        Actor actor = caller();
        Device d = devices.find(actor, id).orElseThrow(() -> new NotFound("device"));
        return out(actor, List.of(d)).get(0);
    }

    @POST
    @Operation(summary = "Create a device; its virtual subnet is allocated (right device:edit)")
    public Response create(DeviceIn in) {
        DeviceForm f = form(in);
        f.setActive(in.active() == null || in.active());
        f.setTunnelMode(in.tunnelMode() == null ? TunnelMode.ALWAYS : in.tunnelMode());
        Device d = devices.create(caller(), f, in.reason());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(d.getId())).build()).entity(DeviceOut.of(d, null, DeviceJson.PresenceOut.NEVER)).build();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change a device (right device:edit)")
    public DeviceOut update(@PathParam("id") long id, DeviceIn in) {
        Actor actor = caller();
        DeviceForm f = form(in);
        f.setActive(in.active() == null ? devices.find(actor, id).map(d -> d.getStatus() == DeviceStatus.ACTIVE).orElse(true)
                : in.active());
        f.setTunnelMode(in.tunnelMode() != null ? in.tunnelMode()
                : devices.find(actor, id).map(Device::getTunnelMode).orElse(TunnelMode.ALWAYS));
        Device d = devices.update(actor, id, f, in.reason());
        return out(actor, List.of(d)).get(0);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a device and its components; ?reason= is required (right device:edit)")
    public Response delete(@PathParam("id") long id, @QueryParam("reason") String reason) {
        devices.delete(caller(), id, reason);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/components")
    @Operation(summary = "The device's components (right device:view)")
    public Paged<ComponentOut> components(@PathParam("id") long id, @QueryParam("page") @DefaultValue("0") Integer page,
            @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        return Paged.slice(devices.components(caller(), id).stream().map(ComponentOut::of).toList(), paging);
    }

    @POST
    @Path("{id}/components")
    @Operation(summary = "Add a component; its IP must be a host of the device's LAN (right component:edit)")
    public Response addComponent(@PathParam("id") long id, ComponentIn in) {
        ComponentOut out = ComponentOut.of(devices.addComponent(caller(), id, componentForm(in), in == null ? null : in.reason()));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(out.id())).build()).entity(out).build();
    }

    @GET
    @Path("{id}/router-settings")
    @Operation(summary = "What the device's router must be told: the NETMAP of its virtual subnet onto its LAN, per router"
            + " family (nftables, openwrt, iptables, routeros) (right device:view)")
    public List<RouterSettings.Family> routerSettings(@PathParam("id") long id) {
        Device d = devices.find(caller(), id).orElseThrow(() -> new NotFound("device"));
        return RouterSettings.of(d);
    }

    @PUT
    @Path("{id}/components/{componentId}")
    @Operation(summary = "Change a component; live connections to it follow its new address and services (right component:edit)")
    public ComponentOut updateComponent(@PathParam("id") long id, @PathParam("componentId") long componentId, ComponentIn in) {
        Actor actor = caller();
        requireOf(actor, id, componentId);
        return ComponentOut.of(devices.updateComponent(actor, componentId, componentForm(in), in.reason()));
    }

    @DELETE
    @Path("{id}/components/{componentId}")
    @Operation(summary = "Delete a component; ?reason= is required; live connections to it lose it (right component:edit)")
    public Response deleteComponent(@PathParam("id") long id, @PathParam("componentId") long componentId,
                                    @QueryParam("reason") String reason) {
        Actor actor = caller();
        requireOf(actor, id, componentId);
        devices.deleteComponent(actor, componentId, reason);
        return Response.noContent().build();
    }

    /** The component must be one of the device's (of the caller's account): else it is not there. */
    private void requireOf(Actor actor, long deviceId, long componentId) {
        if (devices.components(actor, deviceId).stream().noneMatch(c -> c.getId() == componentId)) {
            throw new NotFound("component");
        }
    }

    @POST
    @Path("{id}/vpn-profile")
    @Operation(summary = "Make the device's VPN profile and secret (shown this once); an earlier profile is revoked"
            + " and its session ended (right device:edit)")
    public DeviceProfileOut vpnProfile(@PathParam("id") long id, ReasonIn in) {
        VpnService.DeviceProfile p = vpn.deviceProfile(caller(), id, in == null ? null : in.reason());
        return new DeviceProfileOut(p.fileName(), p.identity(), p.secret(), p.profile());
    }

    @POST
    @Path("{id}/vpn-revoke")
    @Operation(summary = "Revoke the device's VPN profile: on the CRL, its session ended now (right device:edit)")
    public Response vpnRevoke(@PathParam("id") long id, ReasonIn in) {
        vpn.revokeDevice(caller(), id, in == null ? null : in.reason());
        return Response.noContent().build();
    }

    /** The devices with their VPN status and presence: two queries for the whole page. */
    private List<DeviceOut> out(Actor actor, List<Device> found) {
        List<Long> ids = found.stream().map(Device::getId).toList();
        Map<Long, DeviceVpnStatus> live = vpn.status(actor, ids);
        Map<Long, LastReport> last = reports.lastReports(actor, ids);
        return found.stream().map(d -> {
            DeviceVpnStatus s = live.get(d.getId());
            LastReport r = last.get(d.getId());
            Presence p = reports.presence(r, s != null && s.isOnline(), s == null ? null : s.getLastSeen());
            return DeviceOut.of(d, s, DeviceJson.PresenceOut.of(p, r));
        }).toList();
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }

    private static DeviceForm form(DeviceIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send the device as JSON.");
        }
        DeviceForm f = new DeviceForm();
        f.setName(in.name());
        f.setSerialNumber(in.serialNumber());
        f.setDescription(in.description());
        f.setProjectId(in.projectId());
        f.setLanSubnet(in.lanSubnet());
        return f;
    }

    private static ComponentForm componentForm(ComponentIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send the component as JSON.");
        }
        ComponentForm f = new ComponentForm();
        f.setName(in.name());
        f.setIp(in.ip());
        f.setServices(in.services());
        f.setWeb2go(Boolean.TRUE.equals(in.web2go()));
        return f;
    }
}
