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
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who is told of which alarms: the members of one user group, by e-mail and/or SMS, for the alarms of a project or a
 * device (neither: every alarm of the account) from a severity up; with quiet hours and an escalation to another
 * alarm group when an alarm is not acknowledged in time. Made and changed through {@link AlarmGroups} only.
 */
@Entity
@Table(name = "alarm_group")
public class AlarmGroup {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "user_group_id", nullable = false)
    private long userGroupId;

    @Column(name = "project_id")
    private Long projectId;

    @Column(name = "device_id")
    private Long deviceId;

    @Enumerated(EnumType.STRING)
    @Column(name = "min_severity", nullable = false, length = 8)
    private Severity minSeverity;

    @Column(name = "by_mail", nullable = false)
    private boolean byMail;

    @Column(name = "by_sms", nullable = false)
    private boolean bySms;

    @Column(name = "quiet_from")
    private LocalTime quietFrom;

    @Column(name = "quiet_until")
    private LocalTime quietUntil;

    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone = "UTC";

    @Column(name = "escalate_minutes")
    private Integer escalateMinutes;

    @Column(name = "escalate_to")
    private Long escalateTo;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected AlarmGroup() {
    }

    AlarmGroup(long accountId, Instant createdAt) {
        this.accountId = accountId;
        this.createdAt = createdAt;
    }

    void apply(GroupForm.Checked f) {
        name = f.name();
        userGroupId = f.userGroupId();
        projectId = f.projectId();
        deviceId = f.deviceId();
        minSeverity = f.minSeverity();
        byMail = f.byMail();
        bySms = f.bySms();
        quietFrom = f.quietFrom();
        quietUntil = f.quietUntil();
        timeZone = f.timeZone().getId();
        escalateMinutes = f.escalateMinutes();
        escalateTo = f.escalateTo();
    }

    Map<String, String> shown() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("userGroup", Long.toString(userGroupId));
        m.put("scope", deviceId != null ? "device:" + deviceId : projectId != null ? "project:" + projectId : "account");
        m.put("minSeverity", minSeverity.name());
        m.put("byMail", Boolean.toString(byMail));
        m.put("bySms", Boolean.toString(bySms));
        m.put("quietHours", quietFrom == null ? null : quietFrom + "-" + quietUntil + " " + timeZone);
        m.put("escalate", escalateTo == null ? null : escalateMinutes + " min to alarm-group:" + escalateTo);
        return m;
    }

    public QuietHours quietHours() {
        return new QuietHours(quietFrom, quietUntil, ZoneId.of(timeZone));
    }

    /** Whether this group is told of an alarm of this severity on a device of this project. */
    public boolean covers(Severity severity, long device, Long project) {
        return severity.atLeast(minSeverity) && (deviceId == null || deviceId == device)
                && (projectId == null || projectId.equals(project));
    }

    public Long getId() {
        return id;
    }

    public long getAccountId() {
        return accountId;
    }

    public String getName() {
        return name;
    }

    public long getUserGroupId() {
        return userGroupId;
    }

    public Long getProjectId() {
        return projectId;
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public Severity getMinSeverity() {
        return minSeverity;
    }

    public boolean isByMail() {
        return byMail;
    }

    public boolean isBySms() {
        return bySms;
    }

    public LocalTime getQuietFrom() {
        return quietFrom;
    }

    public LocalTime getQuietUntil() {
        return quietUntil;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public Integer getEscalateMinutes() {
        return escalateMinutes;
    }

    public Long getEscalateTo() {
        return escalateTo;
    }
}
