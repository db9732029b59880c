package io.keyswitch.device.web;

import io.keyswitch.datapoint.DataPointQuery;
import io.keyswitch.datapoint.LastReport;
import io.keyswitch.datapoint.Presence;
import io.keyswitch.vpn.DeviceVpnStatus;
import io.keyswitch.vpn.VpnService;

import io.keyswitch.device.Device;
import io.keyswitch.device.DevicePage;
import io.keyswitch.device.DeviceService;
import io.keyswitch.platform.web.PagedModel;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/** The device table's rows, counted, filtered, sorted and paged by the database. */
public class DeviceLazyModel extends LazyDataModel<Device> {

    private static final long serialVersionUID = 1L;

    private final DeviceService devices;
    private final VpnService vpn;
    private final DataPointQuery reports;
    private transient Map<Long, DeviceVpnStatus> live = Map.of();
    private transient Map<Long, LastReport> lastReports = Map.of();

    DeviceLazyModel(DeviceService devices, VpnService vpn, DataPointQuery reports) {
        this.devices = devices;
        this.vpn = vpn;
        this.reports = reports;
    }

    /** Online or offline, and last seen, from the device's reports and its tunnel (loaded with the page). */
    public Presence presence(Device device) {
        DeviceVpnStatus s = live(device);
        return reports.presence(lastReports.get(device.getId()), s != null && s.isOnline(), s == null ? null : s.getLastSeen());
    }

    /** The live VPN status of a device of the page shown (loaded with the page, one query); null: never connected. */
    public DeviceVpnStatus live(Device device) {
        return live.get(device.getId());
    }

    /** The signed-in user of the request at hand (rights are read now, not when the page was opened). */
    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    @Override
    public int count(Map<String, FilterMeta> filters) {
        return (int) devices.count(actor(), PagedModel.filterText(filters));
    }

    @Override
    public List<Device> load(int first, int pageSize, Map<String, SortMeta> sorts, Map<String, FilterMeta> filters) {
        SortMeta sort = sorts.values().stream().findFirst().orElse(null);
        String field = sort == null ? "name" : sort.getField();
        boolean ascending = sort == null || sort.getOrder() != SortOrder.DESCENDING;
        Actor actor = actor();
        List<Device> page = devices.page(actor, new DevicePage(PagedModel.filterText(filters), field, ascending, first, pageSize));
        List<Long> ids = page.stream().map(Device::getId).toList();
        live = vpn.status(actor, ids);
        lastReports = reports.lastReports(actor, ids);
        return page;
    }

    @Override
    public String getRowKey(Device device) {
        return String.valueOf(device.getId());
    }
}
