package io.keyswitch.datapoint.web;

import io.keyswitch.datapoint.ActiveAlarmCounts;
import io.keyswitch.datapoint.DataPoint;
import io.keyswitch.datapoint.DataPointQuery;
import io.keyswitch.datapoint.LastReport;
import io.keyswitch.datapoint.Presence;
import io.keyswitch.device.Device;
import io.keyswitch.platform.Actor;
import io.keyswitch.vpn.DeviceVpnStatus;
import io.keyswitch.vpn.VpnService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The tiles of devices (the project dashboard's and a person's own dashboard's): whether each is online, its key
 * switch (IN1) and its active alarms ({@link ActiveAlarmCounts}). A page of tiles costs four queries, whatever its size.
 */
@ApplicationScoped
public class Tiles {

    /** One device's tile, as shown. {@code alarms}: the count of active alarms. */
    public record Tile(long id, String name, String presence, boolean online, String keySwitch, String alarms)
            implements Serializable {
    }

    @Inject
    DataPointQuery query;

    @Inject
    VpnService vpn;

    @Inject
    ActiveAlarmCounts alarms;

    /** How many devices the tiles of a project ({@code null}: all devices) page through. */
    public long count(Actor actor, Long projectId) {
        return query.countDevices(actor, projectId);
    }

    /** One page of tiles of a project's devices ({@code null}: all devices), by name. */
    public List<Tile> page(Actor actor, Long projectId, int first, int size) {
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
}
