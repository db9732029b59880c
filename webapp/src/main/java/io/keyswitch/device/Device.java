package io.keyswitch.device;

import io.keyswitch.platform.Ipv4Subnet;
import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** An industrial router at a machine: its real LAN and the unique virtual subnet technicians reach it by. */
@Entity
@Table(name = "device")
public class Device {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "project_id")
    private Project project;

    @Column(nullable = false, length = 100)
    private String name;

    /** The name's {@link io.keyswitch.platform.NameKey}: what uniqueness and lookups compare. */
    @Column(name = "name_key", nullable = false, length = 64)
    private String nameKey;

    @Column(name = "serial_number", length = 64)
    private String serialNumber;

    @Column(length = 1000)
    private String description;

    @Column(name = "lan_subnet", nullable = false, length = 18)
    private String lanSubnet;

    @Column(name = "virtual_subnet", nullable = false, length = 18)
    private String virtualSubnet;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private DeviceStatus status = DeviceStatus.ACTIVE;

    @Enumerated(EnumType.STRING)
    @Column(name = "tunnel_mode", nullable = false, length = 16)
    private TunnelMode tunnelMode = TunnelMode.ALWAYS;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Device() {
    }

    public Device(long accountId, String name, Instant createdAt) {
        this.accountId = accountId;
        this.name = name;
        this.nameKey = io.keyswitch.platform.NameKey.of(name);
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public long getAccountId() {
        return accountId;
    }

    public Project getProject() {
        return project;
    }

    public void setProject(Project project) {
        this.project = project;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
        this.nameKey = io.keyswitch.platform.NameKey.of(name);
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

    public String getVirtualSubnet() {
        return virtualSubnet;
    }

    public void setVirtualSubnet(String virtualSubnet) {
        this.virtualSubnet = virtualSubnet;
    }

    /** The address technicians reach {@code realIp} of the device's LAN at: the same host in the virtual subnet. */
    public String virtualAddressOf(String realIp) {
        return Ipv4Subnet.mapAddress(realIp, lanSubnet, virtualSubnet);
    }

    public TunnelMode getTunnelMode() {
        return tunnelMode;
    }

    public void setTunnelMode(TunnelMode tunnelMode) {
        this.tunnelMode = tunnelMode;
    }

    public DeviceStatus getStatus() {
        return status;
    }

    public void setStatus(DeviceStatus status) {
        this.status = status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
