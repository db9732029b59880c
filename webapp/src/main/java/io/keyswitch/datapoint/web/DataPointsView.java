package io.keyswitch.datapoint.web;

import io.keyswitch.datapoint.DataPoint;
import io.keyswitch.datapoint.DataPointQuery;
import io.keyswitch.datapoint.Presence;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.vpn.DeviceVpnStatus;
import io.keyswitch.vpn.VpnService;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The device page's "Data points" panel: the device's current values (name, value, unit, time), and whether it is
 * online and when it was last seen by either channel (reports or tunnel).
 */
@Named
@ViewScoped
public class DataPointsView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One row of the panel, as shown. */
    public record Row(String name, String value, String unit, String time) implements Serializable {
        static Row of(DataPoint p) {
            return new Row(p.getName(), p.getShownValue(), p.getUnit() == null ? "" : p.getUnit(), Formats.timeOf(p.getLastAt()));
        }
    }

    @Inject
    DataPointQuery query;

    @Inject
    VpnService vpn;

    private Long deviceId;
    private List<Row> rows = List.of();
    private String presence = "";
    private boolean online;
    private String lastSeen = "";

    /** Loads the device's points; a device of another account has none. */
    public void load() {
        if (deviceId == null) {
            return;
        }
        Actor actor = Actor.current(Pages.sourceIp());
        rows = query.current(actor, deviceId).stream().map(Row::of).toList();
        DeviceVpnStatus live = vpn.status(actor, List.of(deviceId)).get(deviceId);
        Presence p = query.presence(query.lastReports(actor, List.of(deviceId)).get(deviceId),
                live != null && live.isOnline(), live == null ? null : live.getLastSeen());
        presence = p.text();
        online = p.online();
        lastSeen = p.lastSeen() == null ? "" : Formats.timeOf(p.lastSeen());
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public void setDeviceId(Long deviceId) {
        this.deviceId = deviceId;
    }

    public List<Row> getRows() {
        return rows;
    }

    public String getPresence() {
        return presence;
    }

    public boolean isOnline() {
        return online;
    }

    public String getLastSeen() {
        return lastSeen;
    }
}
