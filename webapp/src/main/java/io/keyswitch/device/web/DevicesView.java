package io.keyswitch.device.web;

import io.keyswitch.device.Device;
import io.keyswitch.device.DeviceForm;
import io.keyswitch.device.DeviceService;
import io.keyswitch.device.Project;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.datapoint.DataPointQuery;
import io.keyswitch.datapoint.Presence;
import io.keyswitch.vpn.DeviceVpnStatus;
import io.keyswitch.vpn.VpnService;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.primefaces.PrimeFaces;

/** The device list: a lazy table, a dialog to create or edit a device, and delete with a reason. */
@Named
@ViewScoped
public class DevicesView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    DeviceService devices;

    @Inject
    VpnService vpn;

    @Inject
    io.keyswitch.device.ProjectService projectService;

    @Inject
    DataPointQuery reports;

    private DeviceLazyModel model;
    private List<Project> projects;
    private DeviceForm form = new DeviceForm();
    private Long editingId;
    private Long deletingId;
    private String deletingName;
    private String reason;
    private long liveVersion;
    private String vpnProblem;

    @PostConstruct
    void load() {
        Actor actor = Actor.current(Pages.sourceIp());
        model = new DeviceLazyModel(devices, vpn, reports);
        projects = projectService.all(actor);
        liveVersion = vpn.statusVersion(actor);
        vpnProblem = vpn.problem(actor.accountId()).orElse(null);
    }

    /**
     * Called by the page's poll every few seconds: re-renders the table (online/offline, addresses, bytes) only when
     * a device status of the account changed since the last look, so an idle page costs no query.
     */
    public void poll() {
        Actor actor = Actor.current(Pages.sourceIp());
        long now = vpn.statusVersion(actor);
        String problem = vpn.problem(actor.accountId()).orElse(null);
        if (now != liveVersion) {
            liveVersion = now;
            PrimeFaces.current().ajax().update("listForm:devices");
        }
        if (!java.util.Objects.equals(problem, vpnProblem)) {
            vpnProblem = problem;
            PrimeFaces.current().ajax().update("vpnBanner");
        }
    }

    public String getVpnProblem() {
        return vpnProblem;
    }

    /** "online since …" / "offline since …" / "never connected" for the table. */
    public String liveText(Device device) {
        return Profiles.liveText(model.live(device));
    }

    public DeviceVpnStatus live(Device device) {
        return model.live(device);
    }

    /** The later of the last report and the tunnel's last sign of life. */
    public String lastSeen(Device device) {
        Instant seen = model.presence(device).lastSeen();
        return seen == null ? "" : Formats.timeOf(seen);
    }

    /** Online (tunnel up, or reported within the report interval × offline-after-intervals) or offline. */
    public Presence presence(Device device) {
        return model.presence(device);
    }

    public String traffic(Device device) {
        DeviceVpnStatus s = model.live(device);
        return s == null ? "" : Formats.bytesOf(s.getBytesIn()) + " in / " + Formats.bytesOf(s.getBytesOut()) + " out";
    }

    public void startCreate() {
        form = new DeviceForm();
        editingId = null;
        reason = null;
    }

    public void startEdit(Device device) {
        form = DeviceForm.of(device);
        editingId = device.getId();
        reason = null;
    }

    public void save() {
        Actor actor = Actor.current(Pages.sourceIp());
        if (editingId == null) {
            Pages.attempt("deviceForm", "Device '" + form.getName() + "' created.", () -> devices.create(actor, form, reason));
        } else {
            Pages.attempt("deviceForm", "Device '" + form.getName() + "' saved.", () -> devices.update(actor, editingId, form, reason));
        }
    }

    public void startDelete(Device device) {
        deletingId = device.getId();
        deletingName = device.getName();
        reason = null;
    }

    public void delete() {
        Actor actor = Actor.current(Pages.sourceIp());
        Pages.attempt("deleteForm", "Device '" + deletingName + "' deleted.", () -> {
            devices.delete(actor, deletingId, reason);
            return Boolean.TRUE;
        });
    }

    public boolean isEditing() {
        return editingId != null;
    }

    public DeviceLazyModel getModel() {
        return model;
    }

    public List<Project> getProjects() {
        return projects;
    }

    public DeviceForm getForm() {
        return form;
    }

    public String getDeletingName() {
        return deletingName;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
