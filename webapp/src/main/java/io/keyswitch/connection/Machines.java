package io.keyswitch.connection;

import io.keyswitch.access.AccessService;
import io.keyswitch.device.Device;
import io.keyswitch.device.DeviceService;
import io.keyswitch.platform.Actor;
import io.keyswitch.vpn.DeviceVpnStatus;
import io.keyswitch.vpn.VpnService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A technician's machines: the devices their own grants reach, each with the granted components (and the virtual
 * addresses to reach them at), whether the device is online, and the technician's live connection to it if any.
 */
@ApplicationScoped
public class Machines {

    @Inject
    AccessService access;

    @Inject
    DeviceService devices;

    @Inject
    VpnService vpn;

    @Inject
    ConnectionRequests connections;

    /** One machine of the page. */
    public record Machine(Device device, List<GrantedComponent> components, DeviceVpnStatus live, Connection mine) {

        public boolean isOnline() {
            return live != null && live.isOnline();
        }

        // Bean-style getters for Expression Language 5.
        public Device getDevice() {
            return device;
        }

        public List<GrantedComponent> getComponents() {
            return components;
        }

        public Connection getMine() {
            return mine;
        }
    }

    /** A page of machines and how many there are. */
    public record Page(List<Machine> machines, long total) {
    }

    /** How many machines the actor has whose name starts with {@code filter}. */
    public long count(Actor actor, String filter) {
        return access.myDevices(actor, filter, 0, 0).total();
    }

    /** One page of the actor's machines by name, filtered by a name prefix (right device:connect). */
    public Page page(Actor actor, String filter, int first, int size) {
        AccessService.DevicePage found = access.myDevices(actor, filter, first, size);
        Map<Long, List<GrantedComponent>> granted = new LinkedHashMap<>();
        found.deviceIds().forEach(id -> granted.put(id, new ArrayList<>()));
        access.myReach(actor, found.deviceIds()).forEach(r -> granted.get(r.deviceId()).add(GrantedComponent.of(r)));
        Map<Long, Device> rows = devices.byIds(actor, found.deviceIds());
        Map<Long, DeviceVpnStatus> live = vpn.status(actor, found.deviceIds());
        Map<Long, Connection> mine = new LinkedHashMap<>();
        connections.page(actor, new ConnectionQuery(ConnectionQuery.Which.LIVE, null, actor.userId(), null, null, null), 0, 1000)
                .forEach(c -> mine.putIfAbsent(c.getDeviceId(), c));
        List<Machine> machines = new ArrayList<>();
        granted.forEach((id, components) -> {
            Device d = rows.get(id);
            if (d != null) {
                machines.add(new Machine(d, components, live.get(id), mine.get(id)));
            }
        });
        return new Page(machines, found.total());
    }
}
