package io.keyswitch.connection;

import io.keyswitch.access.Reach;
import io.keyswitch.platform.Ipv4Subnet;

/**
 * A component a technician's grants reach on a device: its real address on the machine LAN, the virtual address
 * technicians reach it at (the router maps it 1:1), and its service list ({@code tcp/102, icmp}).
 */
public record GrantedComponent(long componentId, String name, String realAddress, String virtualAddress,
                               String services) {

    /** The component a grant reaches, with the virtual address its device's NETMAP gives it. */
    public static GrantedComponent of(Reach r) {
        return new GrantedComponent(r.componentId(), r.component(), r.ip(),
                Ipv4Subnet.mapAddress(r.ip(), r.lanSubnet(), r.virtualSubnet()), r.services());
    }

    // Bean-style getters for Expression Language 5.
    public String getName() {
        return name;
    }

    public String getRealAddress() {
        return realAddress;
    }

    public String getVirtualAddress() {
        return virtualAddress;
    }

    public String getServices() {
        return services;
    }
}
