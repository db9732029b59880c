package io.keyswitch.alarm;

import io.keyswitch.platform.UtcInstantConverter;
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

/**
 * A condition that raises alarms, for one device, the devices of one project (a template) or every device of the
 * account; with the severity and text of its alarms. Made and changed through {@link AlarmRules} only.
 */
@Entity
@Table(name = "alarm_rule")
public class AlarmRule {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(name = "device_id")
    private Long deviceId;

    @Column(name = "project_id")
    private Long projectId;

    @Column(nullable = false, length = 100)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private RuleKind kind;

    @Column(name = "data_point", length = 64)
    private String dataPoint;

    @Column(name = "state_value", length = 255)
    private String stateValue;

    private Double threshold;

    @Column(nullable = false)
    private double hysteresis;

    @Column(name = "offline_minutes")
    private Integer offlineMinutes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Severity severity;

    @Column(nullable = false, length = 500)
    private String text;

    @Column(length = 16)
    private String builtin;

    @Column(nullable = false)
    private boolean enabled = true;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected AlarmRule() {
    }

    AlarmRule(long accountId, Instant createdAt) {
        this.accountId = accountId;
        this.createdAt = createdAt;
    }

    /** Takes the checked fields of {@code f}. */
    void apply(RuleForm.Checked f) {
        this.deviceId = f.deviceId();
        this.projectId = f.projectId();
        this.name = f.name();
        this.kind = f.kind();
        this.dataPoint = f.dataPoint();
        this.stateValue = f.stateValue();
        this.threshold = f.threshold();
        this.hysteresis = f.hysteresis();
        this.offlineMinutes = f.offlineMinutes();
        this.severity = f.severity();
        this.text = f.text();
        this.builtin = f.builtin();
        this.enabled = f.enabled();
    }

    /** The fields as the audit trail shows them (for {@code Changes.between}). */
    Map<String, String> shown() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("scope", deviceId != null ? "device:" + deviceId : projectId != null ? "project:" + projectId : "account");
        m.put("kind", kind.name());
        m.put("dataPoint", dataPoint);
        m.put("stateValue", stateValue);
        m.put("threshold", threshold == null ? null : threshold.toString());
        m.put("hysteresis", Double.toString(hysteresis));
        m.put("offlineMinutes", offlineMinutes == null ? null : offlineMinutes.toString());
        m.put("severity", severity.name());
        m.put("text", text);
        m.put("builtin", builtin);
        m.put("enabled", Boolean.toString(enabled));
        return m;
    }

    public Condition condition() {
        return new Condition(kind, dataPoint, stateValue, threshold, hysteresis);
    }

    public Long getId() {
        return id;
    }

    public long getAccountId() {
        return accountId;
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public Long getProjectId() {
        return projectId;
    }

    public String getName() {
        return name;
    }

    public RuleKind getKind() {
        return kind;
    }

    public String getDataPoint() {
        return dataPoint;
    }

    public String getStateValue() {
        return stateValue;
    }

    public Double getThreshold() {
        return threshold;
    }

    public double getHysteresis() {
        return hysteresis;
    }

    public Integer getOfflineMinutes() {
        return offlineMinutes;
    }

    public Severity getSeverity() {
        return severity;
    }

    public String getText() {
        return text;
    }

    public String getBuiltin() {
        return builtin;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
