package io.keyswitch.device.web;

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
    private transient Map<Long, DeviceVpnStatus> live = Map.of();

    DeviceLazyModel(DeviceService devices, VpnService vpn) {
        this.devices = devices;
        this.vpn = vpn;
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
        live = vpn.status(actor, page.stream().map(Device::getId).toList());
        return page;
    }

    @Override
    public String getRowKey(Device device) {
        return String.valueOf(device.getId());
    }
}
