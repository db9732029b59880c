package io.keyswitch.device;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** One endpoint behind a device (a PLC, an HMI, a drive) and the services it may be reached on. */
@Entity
@Table(name = "component")
public class Component {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "device_id", nullable = false, updatable = false)
    private Device device;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(nullable = false, length = 100)
    private String name;

    /** The name's {@link io.keyswitch.platform.NameKey}: what uniqueness and lookups compare. */
    @Column(name = "name_key", nullable = false, length = 64)
    private String nameKey;

    @Column(nullable = false, length = 15)
    private String ip;

    @Column(nullable = false, length = 500)
    private String services;

    @Column(nullable = false)
    private boolean web2go;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Component() {
    }

    public Component(Device device, String name, Instant createdAt) {
        this.device = device;
        this.accountId = device.getAccountId();
        this.name = name;
        this.nameKey = io.keyswitch.platform.NameKey.of(name);
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public Device getDevice() {
        return device;
    }

    public long getAccountId() {
        return accountId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
        this.nameKey = io.keyswitch.platform.NameKey.of(name);
    }

    public String getIp() {
        return ip;
    }

    public void setIp(String ip) {
        this.ip = ip;
    }

    public String getServices() {
        return services;
    }

    public void setServices(String services) {
        this.services = services;
    }

    public boolean isWeb2go() {
        return web2go;
    }

    public void setWeb2go(boolean web2go) {
        this.web2go = web2go;
    }
}
