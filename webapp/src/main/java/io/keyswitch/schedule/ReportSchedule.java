package io.keyswitch.schedule;

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
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A saved report mailed on a schedule: its kind and filter (without the period), the relative period each run reports
 * on, when it runs (in the account's time zone), to whom and as which attachments. It belongs to the user who saved
 * it and runs with their rights at run time.
 */
@Entity
@Table(name = "report_schedule")
public class ReportSchedule {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(name = "owner_id", nullable = false, updatable = false)
    private long ownerId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false, length = 64)
    private String kind;

    @Column(name = "filter_parameters", nullable = false, length = 1000)
    private String filterParameters;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private RelativePeriod period;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Cadence cadence;

    @Enumerated(EnumType.STRING)
    @Column(length = 9)
    private DayOfWeek weekday;

    @Column(name = "month_day")
    private Integer monthDay;

    @Column(name = "at_time", nullable = false)
    private LocalTime atTime;

    @Column(nullable = false, length = 2000)
    private String recipients;

    @Column(name = "attach_pdf", nullable = false)
    private boolean attachPdf;

    @Column(name = "attach_csv", nullable = false)
    private boolean attachCsv;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "next_run_at", nullable = false)
    private Instant nextRunAt;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    protected ReportSchedule() {
    }

    ReportSchedule(long accountId, long ownerId, Instant now) {
        this.accountId = accountId;
        this.ownerId = ownerId;
        this.createdAt = now;
    }

    /** Takes the checked form's values; the next run is computed from now in {@code zone}. */
    void apply(ScheduleForm.Checked c, ZoneId zone, Instant now) {
        name = c.name();
        kind = c.kind();
        filterParameters = c.filterJson();
        period = c.period();
        cadence = c.cadence();
        weekday = c.weekday();
        monthDay = c.monthDay();
        atTime = c.at();
        recipients = String.join(", ", c.recipients());
        attachPdf = c.pdf();
        attachCsv = c.csv();
        if (id != null) {
            updatedAt = now;
        }
        reschedule(zone, now);
    }

    /** The next run after {@code now} in {@code zone} (after a run, a change of the schedule or of the time zone). */
    void reschedule(ZoneId zone, Instant now) {
        nextRunAt = timing(zone).next(now);
    }

    public Timing timing(ZoneId zone) {
        return new Timing(cadence, weekday, monthDay, atTime, zone);
    }

    /** When it runs, in words: "monthly on day 1 at 06:00", "weekly on Monday at 07:15", "daily at 06:00". */
    public String when() {
        String at = " at " + atTime;
        return switch (cadence) {
            case DAILY -> "daily" + at;
            case WEEKLY -> "weekly on " + weekday.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) + at;
            case MONTHLY -> "monthly on day " + monthDay + at;
        };
    }

    /** The fields as the audit trail shows them. */
    Map<String, String> shown() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("kind", kind);
        m.put("filter", filterParameters);
        m.put("period", period.name());
        m.put("when", when());
        m.put("recipients", recipients);
        m.put("attachments", attachments());
        return m;
    }

    /** "PDF, CSV", "PDF" or "CSV". */
    public String attachments() {
        return attachPdf && attachCsv ? "PDF, CSV" : attachPdf ? "PDF" : "CSV";
    }

    public Long getId() {
        return id;
    }

    public long getAccountId() {
        return accountId;
    }

    public long getOwnerId() {
        return ownerId;
    }

    public String getName() {
        return name;
    }

    public String getKind() {
        return kind;
    }

    public String getFilterParameters() {
        return filterParameters;
    }

    public RelativePeriod getPeriod() {
        return period;
    }

    public Cadence getCadence() {
        return cadence;
    }

    public DayOfWeek getWeekday() {
        return weekday;
    }

    public Integer getMonthDay() {
        return monthDay;
    }

    public LocalTime getAtTime() {
        return atTime;
    }

    public String getRecipients() {
        return recipients;
    }

    public boolean isAttachPdf() {
        return attachPdf;
    }

    public boolean isAttachCsv() {
        return attachCsv;
    }

    public Instant getNextRunAt() {
        return nextRunAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
