package io.keyswitch.siem;

import io.keyswitch.platform.UtcInstantConverter;
import io.keyswitch.siem.syslog.Transport;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A syslog server that receives the audit trail: appliance-wide ({@code accountId} null) or one account's own events. */
@Entity
@Table(name = "siem_target")
public class SyslogTarget {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", updatable = false)
    private Long accountId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false, length = 253)
    private String host;

    @Column(nullable = false)
    private int port;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Transport transport;

    @Column(name = "ca_pem", columnDefinition = "TEXT")
    private String caPem;

    @Column(nullable = false)
    private boolean enabled;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected SyslogTarget() {
    }

    SyslogTarget(Long accountId, Instant createdAt) {
        this.accountId = accountId;
        this.createdAt = createdAt;
    }

    void apply(TargetForm.Checked c) {
        name = c.name();
        host = c.host();
        port = c.port();
        transport = c.transport();
        caPem = c.caPem();
        enabled = c.enabled();
    }

    /** What the audit trail shows of the target (the CA certificates by their SHA-256 fingerprints). */
    Map<String, String> shown() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("scope", accountId == null ? "appliance" : "account:" + accountId);
        m.put("server", host + ":" + port);
        m.put("transport", transport.name());
        m.put("ca", caPem == null ? null : String.join(", ", CaCertificates.fingerprints(caPem)));
        m.put("enabled", Boolean.toString(enabled));
        return m;
    }

    /** Whether the target takes every account's events (and the appliance's): managed by system administrators. */
    public boolean isApplianceWide() {
        return accountId == null;
    }

    public Long getId() {
        return id;
    }

    public Long getAccountId() {
        return accountId;
    }

    public String getName() {
        return name;
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public Transport getTransport() {
        return transport;
    }

    public String getCaPem() {
        return caPem;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getVersion() {
        return version;
    }
}
