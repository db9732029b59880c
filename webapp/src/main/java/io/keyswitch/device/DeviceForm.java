package io.keyswitch.device;

import java.io.Serializable;

/** What an administrator enters for a device; checked by {@link DeviceService}. */
public class DeviceForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String name;
    private String serialNumber;
    private String description;
    private String lanSubnet = "192.168.0.0/24";
    private Long projectId;
    private boolean active = true;
    private TunnelMode tunnelMode = TunnelMode.ALWAYS;

    public static DeviceForm of(Device d) {
        DeviceForm f = new DeviceForm();
        f.name = d.getName();
        f.serialNumber = d.getSerialNumber();
        f.description = d.getDescription();
        f.lanSubnet = d.getLanSubnet();
        f.projectId = d.getProject() == null ? null : d.getProject().getId();
        f.active = d.getStatus() == DeviceStatus.ACTIVE;
        f.tunnelMode = d.getTunnelMode();
        return f;
    }

    /** Whether the device may dial in and be connected to (disabled: refused, its sessions and connections end). */
    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    /** Whether the router holds its tunnel always or dials it when a report's answer asks for it. */
    public TunnelMode getTunnelMode() {
        return tunnelMode;
    }

    public void setTunnelMode(TunnelMode tunnelMode) {
        this.tunnelMode = tunnelMode;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSerialNumber() {
        return serialNumber;
    }

    public void setSerialNumber(String serialNumber) {
        this.serialNumber = serialNumber;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getLanSubnet() {
        return lanSubnet;
    }

    public void setLanSubnet(String lanSubnet) {
        this.lanSubnet = lanSubnet;
    }

    public Long getProjectId() {
        return projectId;
    }

    public void setProjectId(Long projectId) {
        this.projectId = projectId;
    }
}
