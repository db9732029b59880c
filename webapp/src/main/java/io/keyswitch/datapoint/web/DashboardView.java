package io.keyswitch.datapoint.web;

import io.keyswitch.datapoint.ActiveAlarmCounts;
import io.keyswitch.datapoint.DataPoint;
import io.keyswitch.datapoint.DataPointQuery;
import io.keyswitch.datapoint.LastReport;
import io.keyswitch.datapoint.Presence;
import io.keyswitch.device.Device;
import io.keyswitch.device.ProjectService;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.web.PagedModel;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.vpn.DeviceVpnStatus;
import io.keyswitch.vpn.VpnService;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The project dashboard: a tile per device of a project (or of the whole account), a page at a time — whether it is
 * online, its key switch (IN1) and its active alarms ({@link ActiveAlarmCounts}). A page
 * of tiles costs four queries, whatever its size.
 */
@Named
@ViewScoped
public class DashboardView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One device's tile, as shown. {@code alarms}: the count of active alarms. */
    public record Tile(long id, String name, String presence, boolean online, String keySwitch, String alarms)
            implements Serializable {
    }

    @Inject
    DataPointQuery query;

    @Inject
    VpnService vpn;

    @Inject
    ProjectService projects;

    @Inject
    ActiveAlarmCounts alarms;

    private Long projectId;
    private String title = "All devices";
    private final PagedModel<Tile> tiles = new PagedModel<>(filter -> query.countDevices(actor(), projectId),
            (filter, sort, asc, first, size) -> page(first, size), Tile::id);

    /** Names the project; one of another account shows nothing. */
    public void load() {
        if (projectId != null) {
            try {
                title = "Project " + projects.find(actor(), projectId).getName();
            } catch (NotFound gone) {
                title = "No such project";
                projectId = -1L;
            }
        }
    }

    private List<Tile> page(int first, int size) {
        Actor actor = actor();
        List<Device> devices = query.devices(actor, projectId, first, size);
        List<Long> ids = devices.stream().map(Device::getId).toList();
        Map<Long, DeviceVpnStatus> live = vpn.status(actor, ids);
        Map<Long, LastReport> reports = query.lastReports(actor, ids);
        Map<Long, DataPoint> keySwitches = query.current(actor, ids, "in1");
        Map<Long, Integer> active = alarms.byDevice(actor.accountId(), ids);
        return devices.stream().map(d -> {
            DeviceVpnStatus s = live.get(d.getId());
            Presence p = query.presence(reports.get(d.getId()), s != null && s.isOnline(), s == null ? null : s.getLastSeen());
            DataPoint in1 = keySwitches.get(d.getId());
            return new Tile(d.getId(), d.getName(), p.text(), p.online(), in1 == null ? "—" : in1.getShownValue(),
                    String.valueOf(active.getOrDefault(d.getId(), 0)));
        }).toList();
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public Long getProjectId() {
        return projectId;
    }

    public void setProjectId(Long projectId) {
        this.projectId = projectId;
    }

    public String getTitle() {
        return title;
    }

    public PagedModel<Tile> getTiles() {
        return tiles;
    }
}
