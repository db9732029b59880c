package io.keyswitch.datapoint;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** When a device last reported and from where (one row per device that ever reported; written by an upsert). */
@Entity
@Table(name = "device_report")
public class LastReport {

    @Id
    @Column(name = "device_id")
    private long deviceId;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "last_report_at", nullable = false)
    private Instant at;

    @Column(name = "last_address", length = 45)
    private String address;

    @Column(nullable = false)
    private long reports;

    protected LastReport() {
    }

    public long getDeviceId() {
        return deviceId;
    }

    public long getAccountId() {
        return accountId;
    }

    /** When the portal received the last report (its own clock, not the router's). */
    public Instant getAt() {
        return at;
    }

    public String getAddress() {
        return address;
    }

    public long getReports() {
        return reports;
    }
}
