package io.keyswitch.access;

/**
 * One component a user can reach and why.
 *
 * @param via the grants that give it, e.g. {@code group Service technicians → device Press 7}
 */
public record Reach(long deviceId, String device, String virtualSubnet, String lanSubnet,
                    long componentId, String component, String ip, String services, String via) {

    // Bean-style getters for Expression Language 5.
    public String getDevice() {
        return device;
    }

    public String getVirtualSubnet() {
        return virtualSubnet;
    }

    public String getLanSubnet() {
        return lanSubnet;
    }

    public String getComponent() {
        return component;
    }

    public String getIp() {
        return ip;
    }

    public String getServices() {
        return services;
    }

    public String getVia() {
        return via;
    }
}
