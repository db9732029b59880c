package io.keyswitch.workreport;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;

/** The account's rule for work reports: optional or mandatory before the next Connect, and the author's edit window. */
@Entity
@Table(name = "work_report_rule")
public class WorkReportRule {

    /** Hours the author may correct a report after first writing it, unless the account says otherwise. */
    public static final int DEFAULT_EDIT_HOURS = 24;
    /** The edit window is 0 (never corrected) to this many hours (30 days). */
    public static final int MAX_EDIT_HOURS = 720;

    @Id
    @Column(name = "account_id")
    private long accountId;

    @Column(nullable = false)
    private boolean mandatory;

    @Column(name = "edit_hours", nullable = false)
    private int editHours = DEFAULT_EDIT_HOURS;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    protected WorkReportRule() {
    }

    public WorkReportRule(long accountId) {
        this.accountId = accountId;
    }

    /** A rule as a form holds it (not stored). */
    public static WorkReportRule proposed(boolean mandatory, int editHours) {
        WorkReportRule r = new WorkReportRule();
        r.mandatory = mandatory;
        r.editHours = editHours;
        return r;
    }

    public EditWindow editWindow() {
        return new EditWindow(Duration.ofHours(editHours));
    }

    void change(boolean mandatory, int editHours, Instant at) {
        this.mandatory = mandatory;
        this.editHours = editHours;
        this.updatedAt = at;
    }

    public long getAccountId() {
        return accountId;
    }

    public boolean isMandatory() {
        return mandatory;
    }

    public void setMandatory(boolean mandatory) {
        this.mandatory = mandatory;
    }

    public int getEditHours() {
        return editHours;
    }

    public void setEditHours(int editHours) {
        this.editHours = editHours;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
