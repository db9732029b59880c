package io.keyswitch.dashboard;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One piece of a person's dashboard: the tiles of a project's devices ({@code dataPoint} null), or a chart of one data
 * point across a project's devices over a period; {@code projectId} null: all devices of the account. Made, moved and
 * removed through {@link MyDashboard} only.
 */
@Entity
@Table(name = "dashboard_item")
public class DashboardItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(name = "user_id", nullable = false, updatable = false)
    private long userId;

    @Column(nullable = false)
    private int position;

    @Column(name = "project_id", updatable = false)
    private Long projectId;

    @Column(name = "data_point", length = 64, updatable = false)
    private String dataPoint;

    @Column(length = 8, updatable = false)
    private String period;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected DashboardItem() {
    }

    DashboardItem(long accountId, long userId, int position, Long projectId, String dataPoint, String period, Instant at) {
        this.accountId = accountId;
        this.userId = userId;
        this.position = position;
        this.projectId = projectId;
        this.dataPoint = dataPoint;
        this.period = period;
        this.createdAt = at;
    }

    void moveTo(int position) {
        this.position = position;
    }

    /** Whether this is a chart (else the tiles of the devices). */
    public boolean isChart() {
        return dataPoint != null;
    }

    public Long getId() {
        return id;
    }

    public long getUserId() {
        return userId;
    }

    public int getPosition() {
        return position;
    }

    public Long getProjectId() {
        return projectId;
    }

    public String getDataPoint() {
        return dataPoint;
    }

    public String getPeriod() {
        return period;
    }
}
