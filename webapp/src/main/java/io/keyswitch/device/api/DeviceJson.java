package io.keyswitch.device.api;

import io.keyswitch.device.Component;
import io.keyswitch.device.Device;

/** Devices and components as the API shows and takes them. */
public final class DeviceJson {

    private DeviceJson() {
    }

    /** A device: its real LAN and the virtual subnet it is reached by. */
    public record DeviceOut(long id, String name, String serialNumber, String description, Long projectId,
                            String lanSubnet, String virtualSubnet, String status) {
        static DeviceOut of(Device d) {
            return new DeviceOut(d.getId(), d.getName(), d.getSerialNumber(), d.getDescription(),
                    d.getProject() == null ? null : d.getProject().getId(), d.getLanSubnet(), d.getVirtualSubnet(),
                    d.getStatus().name());
        }
    }

    /** What creates or changes a device; the reason is required and goes to the audit trail. */
    public record DeviceIn(String name, String serialNumber, String description, Long projectId, String lanSubnet,
                           String reason) {
    }

    /** A component behind a device. */
    public record ComponentOut(long id, long deviceId, String name, String ip, String services, boolean web2go) {
        static ComponentOut of(Component c) {
            return new ComponentOut(c.getId(), c.getDevice().getId(), c.getName(), c.getIp(), c.getServices(), c.isWeb2go());
        }
    }

    /** What creates or changes a component; the reason is required. */
    public record ComponentIn(String name, String ip, String services, Boolean web2go, String reason) {
    }
}
