package io.keyswitch.device.web;

import io.keyswitch.access.AccessService;
import io.keyswitch.device.Component;
import io.keyswitch.device.ComponentForm;
import io.keyswitch.device.Device;
import io.keyswitch.device.RouterSettings;
import io.keyswitch.device.DeviceService;
import io.keyswitch.platform.web.EditCycle;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.vpn.DeviceVpnStatus;
import io.keyswitch.vpn.VpnService;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.primefaces.model.StreamedContent;

/** One device with its components: add, edit and delete components, each with a reason. */
@Named
@ViewScoped
public class DeviceView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    DeviceService devices;

    @Inject
    AccessService access;

    @Inject
    VpnService vpn;

    private DeviceVpnStatus live;
    private String vpnProblem;
    private transient VpnService.DeviceProfile profile;

    private List<String> whoCanReach = List.of();
    private String whoFor;
    private Long id;
    private Device device;
    private List<Component> components;
    private ComponentForm form = new ComponentForm();
    private final EditCycle edit = new EditCycle("Component", "componentForm", "added");
    private String reason;

    /** Loads the device named by the {@code id} parameter; one of another account is simply not there. */
    public void load() {
        Actor actor = Actor.current(Pages.sourceIp());
        device = id == null ? null : devices.find(actor, id).orElse(null);
        components = device == null ? List.of() : devices.components(actor, device.getId());
        live = device == null ? null : vpn.status(actor, List.of(device.getId())).get(device.getId());
        vpnProblem = vpn.problem(actor.accountId()).orElse(null);
    }

    /** What the router must be told (NETMAP of this device's virtual subnet onto its LAN), per router family. */
    public List<RouterSettings.Family> getRouterSettings() {
        return device == null ? List.of() : RouterSettings.of(device);
    }

    // --- VPN profile ------------------------------------------------------------------------------------------

    public void startProfile() {
        profile = null;
        reason = null;
    }

    /** Makes the device's profile and secret (an earlier profile is revoked); the dialog then shows both once. */
    public void makeProfile() {
        Actor actor = Actor.current(Pages.sourceIp());
        profile = Pages.attempt("profileForm", "VPN profile made: download it and note the secret now.",
                () -> vpn.deviceProfile(actor, device.getId(), reason));
    }

    public boolean isProfileReady() {
        return profile != null;
    }

    public String getProfileIdentity() {
        return profile == null ? null : profile.identity();
    }

    /** The device secret, shown once beside the download; never stored in clear. */
    public String getProfileSecret() {
        return profile == null ? null : profile.secret();
    }

    public StreamedContent getProfileFile() {
        VpnService.DeviceProfile p = profile;
        return Profiles.download(p == null ? null : p.fileName(), p == null ? null : p.profile());
    }

    /** Forgets the profile and the secret when the dialog closes. */
    public void closeProfile() {
        profile = null;
    }

    public void startRevoke() {
        reason = null;
    }

    public void revoke() {
        Actor actor = Actor.current(Pages.sourceIp());
        Object done = Pages.attempt("revokeForm", "VPN profile revoked: the device is disconnected and refused.", () -> {
            vpn.revokeDevice(actor, device.getId(), reason);
            return Boolean.TRUE;
        });
        if (done != null) {
            load();
        }
    }

    public String getLiveText() {
        return Profiles.liveText(live);
    }

    public DeviceVpnStatus getLive() {
        return live;
    }

    public String getTraffic() {
        return live == null ? "" : Formats.bytesOf(live.getBytesIn()) + " in / " + Formats.bytesOf(live.getBytesOut()) + " out";
    }

    public String getLastSeen() {
        return live == null ? "" : Formats.timeOf(live.getLastSeen());
    }

    public String getVpnProblem() {
        return vpnProblem;
    }

    public void startCreate() {
        form = new ComponentForm();
        edit.startCreate();
    }

    public void startEdit(Component component) {
        form = ComponentForm.of(component);
        edit.startEdit(component.getId());
    }

    public void save() {
        Actor actor = Actor.current(Pages.sourceIp());
        if (edit.save(form.getName(), why -> devices.addComponent(actor, device.getId(), form, why),
                (componentId, why) -> devices.updateComponent(actor, componentId, form, why)) != null) {
            load();
        }
    }

    public void startDelete(Component component) {
        edit.startDelete(component.getId(), component.getName());
    }

    public void delete() {
        Actor actor = Actor.current(Pages.sourceIp());
        if (edit.delete((componentId, why) -> devices.deleteComponent(actor, componentId, why))) {
            load();
        }
    }

    /** The component dialogs' cycle (the VPN profile's dialogs keep their own reason). */
    public EditCycle getEdit() {
        return edit;
    }

    /** Who can reach this component, and through which grant. */
    public void showWho(Component component) {
        whoFor = component.getName();
        whoCanReach = access.whoCanReach(Actor.current(Pages.sourceIp()), component.getId());
    }

    public List<String> getWhoCanReach() {
        return whoCanReach;
    }

    public String getWhoFor() {
        return whoFor;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public Device getDevice() {
        return device;
    }

    public List<Component> getComponents() {
        return components;
    }

    public ComponentForm getForm() {
        return form;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
