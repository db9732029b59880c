package io.keyswitch.keyswitch;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A project's default or a device's own choice of "connections only while the key switch is on" (V30). */
@Entity
@Table(name = "key_switch_requirement")
public class KeySwitchRequirement {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(name = "project_id", updatable = false)
    private Long projectId;

    @Column(name = "device_id", updatable = false)
    private Long deviceId;

    @Column(nullable = false)
    private boolean required;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Column(name = "changed_by", nullable = false, length = 200)
    private String changedBy;

    protected KeySwitchRequirement() {
    }

    KeySwitchRequirement(long accountId, Long projectId, Long deviceId) {
        this.accountId = accountId;
        this.projectId = projectId;
        this.deviceId = deviceId;
    }

    void set(boolean required, Instant at, String by) {
        this.required = required;
        this.changedAt = at;
        this.changedBy = by;
    }

    public Long getProjectId() {
        return projectId;
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public boolean isRequired() {
        return required;
    }

    public Instant getChangedAt() {
        return changedAt;
    }

    public String getChangedBy() {
        return changedBy;
    }
}
