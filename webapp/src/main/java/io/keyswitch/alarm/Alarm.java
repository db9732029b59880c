package io.keyswitch.alarm;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One alarm of one rule on one device: raised when the condition started (inserted by {@link AlarmStates}, whose
 * unique key keeps one open alarm per rule and device), cleared when it ended, acknowledged by a person with a
 * comment. Rule name, severity and text are copied at raising, so the history stays true when the rule changes.
 */
@Entity
@Table(name = "alarm")
public class Alarm {

    @Id
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(name = "device_id", nullable = false, updatable = false)
    private long deviceId;

    @Column(name = "rule_id", updatable = false, insertable = false)
    private Long ruleId;

    @Column(name = "open_rule_id")
    private Long openRuleId;

    @Column(name = "rule_name", nullable = false, length = 100)
    private String ruleName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Severity severity;

    @Column(nullable = false, length = 500)
    private String text;

    @Column(length = 255)
    private String value;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "raised_at", nullable = false)
    private Instant raisedAt;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "cleared_at")
    private Instant clearedAt;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "acknowledged_by", length = 200)
    private String acknowledgedBy;

    @Column(name = "ack_comment", length = 1000)
    private String ackComment;

    @Version
    private long version;

    protected Alarm() {
    }

    /** The condition ended at {@code at}: the rule may raise a new alarm on this device from now on. */
    void clear(Instant at) {
        if (clearedAt == null) {
            clearedAt = at;
            openRuleId = null;
        }
    }

    void acknowledge(String by, String comment, Instant at) {
        acknowledgedAt = at;
        acknowledgedBy = by;
        ackComment = comment;
    }

    /** The rule whose open alarm this is, {@code null} once cleared. */
    Long openRuleId() {
        return openRuleId;
    }

    void showValue(String shown) {
        value = shown;
    }

    /** ACTIVE (condition holds), CLEARED (ended); acknowledging is told apart by {@link #isAcknowledged()}. */
    public String getState() {
        return clearedAt == null ? "ACTIVE" : "CLEARED";
    }

    public boolean isAcknowledged() {
        return acknowledgedAt != null;
    }

    public Long getId() {
        return id;
    }

    public long getAccountId() {
        return accountId;
    }

    public long getDeviceId() {
        return deviceId;
    }

    public Long getRuleId() {
        return ruleId;
    }

    public String getRuleName() {
        return ruleName;
    }

    public Severity getSeverity() {
        return severity;
    }

    public String getText() {
        return text;
    }

    public String getValue() {
        return value;
    }

    public Instant getRaisedAt() {
        return raisedAt;
    }

    public Instant getClearedAt() {
        return clearedAt;
    }

    public Instant getAcknowledgedAt() {
        return acknowledgedAt;
    }

    public String getAcknowledgedBy() {
        return acknowledgedBy;
    }

    public String getAckComment() {
        return ackComment;
    }
}
