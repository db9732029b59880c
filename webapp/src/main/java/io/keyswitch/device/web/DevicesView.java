package io.keyswitch.device.web;

import io.keyswitch.device.Device;
import io.keyswitch.device.DeviceForm;
import io.keyswitch.device.DevicePage;
import io.keyswitch.device.DeviceService;
import io.keyswitch.device.Project;
import io.keyswitch.platform.web.EditCycle;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.platform.web.PagedModel;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.datapoint.DataPointQuery;
import io.keyswitch.datapoint.LastReport;
import io.keyswitch.datapoint.Presence;
import io.keyswitch.keyswitch.KeySwitchState;
import io.keyswitch.keyswitch.KeySwitches;
import io.keyswitch.vpn.DeviceVpnStatus;
import io.keyswitch.vpn.VpnService;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    @Inject
    KeySwitches switches;

    private final PagedModel<Device> model = new PagedModel<>(filter -> devices.count(actor(), filter),
            (filter, sort, ascending, first, size) -> page(new DevicePage(filter, sort, ascending, first, size)), Device::getId);
    private final EditCycle edit = new EditCycle("Device", "deviceForm");
    private transient Map<Long, DeviceVpnStatus> live = Map.of();
    private transient Map<Long, LastReport> lastReports = Map.of();
    private transient Map<Long, KeySwitchState> keySwitches = Map.of();
    private List<Project> projects;
    private DeviceForm form = new DeviceForm();
    private long liveVersion;
    private String vpnProblem;

    @PostConstruct
    void load() {
        Actor actor = actor();
        projects = projectService.all(actor);
        liveVersion = vpn.statusVersion(actor);
        vpnProblem = vpn.problem(actor.accountId()).orElse(null);
    }

    /** A page of the table, with the live VPN status of its devices, their last reports and key switches (one query each). */
    private List<Device> page(DevicePage request) {
        Actor actor = actor();
        List<Device> page = devices.page(actor, request);
        List<Long> ids = page.stream().map(Device::getId).toList();
        live = vpn.status(actor, ids);
        lastReports = reports.lastReports(actor, ids);
        keySwitches = switches.states(actor.accountId(), ids);
        return page;
    }

    /** The signed-in user of the request at hand (rights are read now, not when the page was opened). */
    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    /**
     * Called by the page's poll every few seconds: re-renders the table (online/offline, addresses, bytes) only when
     * a device status of the account changed since the last look, so an idle page costs no query.
     */
    public void poll() {
        Actor actor = actor();
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
        return Profiles.liveText(live(device));
    }

    /** The live VPN status of a device of the page shown; null: never connected. */
    public DeviceVpnStatus live(Device device) {
        return live == null ? null : live.get(device.getId());
    }

    /** Online (tunnel up, or reported within the report interval × offline-after-intervals) or offline. */
    public Presence presence(Device device) {
        DeviceVpnStatus s = live(device);
        LastReport report = lastReports == null ? null : lastReports.get(device.getId());
        return reports.presence(report, s != null && s.isOnline(), s == null ? null : s.getLastSeen());
    }

    /** The later of the last report and the tunnel's last sign of life. */
    public String lastSeen(Device device) {
        Instant seen = presence(device).lastSeen();
        return seen == null ? "" : Formats.timeOf(seen);
    }

    /** The key switch of a device of the page shown (read with the page); null: not known. */
    public KeySwitchState keySwitch(Device device) {
        return keySwitches == null ? null : keySwitches.get(device.getId());
    }

    public String traffic(Device device) {
        DeviceVpnStatus s = live(device);
        return s == null ? "" : Formats.bytesOf(s.getBytesIn()) + " in / " + Formats.bytesOf(s.getBytesOut()) + " out";
    }

    public void startCreate() {
        form = new DeviceForm();
        edit.startCreate();
    }

    public void startEdit(Device device) {
        form = DeviceForm.of(device);
        edit.startEdit(device.getId());
    }

    public void save() {
        Actor actor = actor();
        edit.save(form.getName(), reason -> devices.create(actor, form, reason),
                (id, reason) -> devices.update(actor, id, form, reason));
    }

    public void startDelete(Device device) {
        edit.startDelete(device.getId(), device.getName());
    }

    public void delete() {
        Actor actor = actor();
        edit.delete((id, reason) -> devices.delete(actor, id, reason));
    }

    public EditCycle getEdit() {
        return edit;
    }

    public PagedModel<Device> getModel() {
        return model;
    }

    public List<Project> getProjects() {
        return projects;
    }

    public DeviceForm getForm() {
        return form;
    }
}
