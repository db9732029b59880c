package io.keyswitch.workreport;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A work report: what a technician did during one connection (what was done, order number, set-up, travel and
 * working time, the account's own fields), asked for when the connection closed. It keeps the connection's technician,
 * device, project and times as they were, so it stays readable (and invoiceable) when they change or go. Its author
 * may correct it until {@code editUntil}; every version is kept ({@link WorkReportVersion}).
 */
@Entity
@Table(name = "work_report")
public class WorkReport {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(name = "connection_id", nullable = false, updatable = false)
    private long connectionId;

    @Column(name = "user_id")
    private Long userId;

    @Column(name = "user_name", nullable = false, length = 200, updatable = false)
    private String userName;

    @Column(name = "device_id")
    private Long deviceId;

    @Column(name = "device_name", nullable = false, length = 100, updatable = false)
    private String deviceName;

    @Column(name = "project_id")
    private Long projectId;

    @Column(name = "project_name", length = 100, updatable = false)
    private String projectName;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "opened_at", updatable = false)
    private Instant openedAt;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "closed_at", nullable = false, updatable = false)
    private Instant closedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private ReportState state = ReportState.OPEN;

    @Column(name = "what_was_done")
    private String whatWasDone;

    @Column(name = "order_number", length = 64)
    private String orderNumber;

    @Column(name = "setup_minutes")
    private Integer setupMinutes;

    @Column(name = "travel_minutes")
    private Integer travelMinutes;

    @Column(name = "working_minutes")
    private Integer workingMinutes;

    @Column(name = "fields")
    private String fields;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "written_at")
    private Instant writtenAt;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "edit_until")
    private Instant editUntil;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(nullable = false)
    private int versions;

    @Version
    private long version;

    protected WorkReport() {
    }

    /** The report asked for after a connection: open, the connection's order number already filled in. */
    public WorkReport(long accountId, long connectionId, Long userId, String userName, Long deviceId, String deviceName,
                      Long projectId, String projectName, String orderNumber, Instant openedAt, Instant closedAt) {
        this.accountId = accountId;
        this.connectionId = connectionId;
        this.userId = userId;
        this.userName = userName;
        this.deviceId = deviceId;
        this.deviceName = deviceName;
        this.projectId = projectId;
        this.projectName = projectName;
        this.orderNumber = orderNumber;
        this.openedAt = openedAt;
        this.closedAt = closedAt;
    }

    /** The values written (first writing or a correction): WRITTEN, one more version; the window is fixed at the first. */
    void write(ReportForm.Checked values, EditWindow window, Instant at) {
        if (state == ReportState.OPEN) {
            state = ReportState.WRITTEN;
            writtenAt = at;
            editUntil = window.endsFor(at);
        }
        whatWasDone = values.whatWasDone();
        orderNumber = values.orderNumber();
        setupMinutes = values.setupMinutes();
        travelMinutes = values.travelMinutes();
        workingMinutes = values.workingMinutes();
        fields = FieldValue.toJson(values.fields());
        updatedAt = at;
        versions++;
    }

    /** Whether it is written and its author's window has passed at {@code now}. */
    public boolean isFinal(Instant now) {
        return state == ReportState.WRITTEN && !EditWindow.open(editUntil, now);
    }

    /** How long the connection was open; zero when unknown. */
    public Duration connectedFor() {
        return openedAt == null ? Duration.ZERO : Duration.between(openedAt, closedAt);
    }

    public List<FieldValue> fieldValues() {
        return FieldValue.fromJson(fields);
    }

    public Long getId() {
        return id;
    }

    public long getAccountId() {
        return accountId;
    }

    public long getConnectionId() {
        return connectionId;
    }

    public Long getUserId() {
        return userId;
    }

    public String getUserName() {
        return userName;
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public String getDeviceName() {
        return deviceName;
    }

    public Long getProjectId() {
        return projectId;
    }

    public String getProjectName() {
        return projectName;
    }

    public Instant getOpenedAt() {
        return openedAt;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public ReportState getState() {
        return state;
    }

    public String getWhatWasDone() {
        return whatWasDone;
    }

    public String getOrderNumber() {
        return orderNumber;
    }

    public Integer getSetupMinutes() {
        return setupMinutes;
    }

    public Integer getTravelMinutes() {
        return travelMinutes;
    }

    public Integer getWorkingMinutes() {
        return workingMinutes;
    }

    public Instant getWrittenAt() {
        return writtenAt;
    }

    public Instant getEditUntil() {
        return editUntil;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public int getVersions() {
        return versions;
    }
}
