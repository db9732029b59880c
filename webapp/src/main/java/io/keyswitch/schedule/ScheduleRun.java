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
import java.time.Instant;

/**
 * One run of a {@link ReportSchedule}: stored when it becomes due (or "send now" is pressed), before anything is
 * written, so a restart loses none; then PENDING until its mail is sent, retried with backoff while the mail server
 * fails, SENT, or FAILED when the report cannot be written for its owner (disabled, right withdrawn) or gave up.
 */
@Entity
@Table(name = "report_schedule_run")
public class ScheduleRun {

    /** Where a run stands. */
    public enum State {
        PENDING,
        SENT,
        FAILED
    }

    /** What started a run. */
    public enum StartedBy {
        SCHEDULE,
        NOW
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "schedule_id", nullable = false, updatable = false)
    private long scheduleId;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Enumerated(EnumType.STRING)
    @Column(name = "started_by", nullable = false, length = 8, updatable = false)
    private StartedBy startedBy;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "due_at", nullable = false, updatable = false)
    private Instant dueAt;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "period_from", nullable = false, updatable = false)
    private Instant periodFrom;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "period_to", nullable = false, updatable = false)
    private Instant periodTo;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private State state = State.PENDING;

    @Column(nullable = false)
    private int attempts;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_error", length = 1000)
    private String lastError;

    @Column(name = "row_count")
    private Long rowCount;

    @Column(name = "byte_count")
    private Long byteCount;

    @Column(length = 300)
    private String note;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "finished_at")
    private Instant finishedAt;

    protected ScheduleRun() {
    }

    ScheduleRun(ReportSchedule s, StartedBy startedBy, Instant dueAt, RelativePeriod.Bounds period) {
        this.scheduleId = s.getId();
        this.accountId = s.getAccountId();
        this.startedBy = startedBy;
        this.dueAt = dueAt;
        this.periodFrom = period.from();
        this.periodTo = period.to();
        this.nextAttemptAt = dueAt;
    }

    void sent(long rows, long bytes, String note, Instant now) {
        attempts++;
        state = State.SENT;
        rowCount = rows;
        byteCount = bytes;
        this.note = note;
        nextAttemptAt = null;
        finishedAt = now;
    }

    /** The mail could not go: tried again at {@code next}, or FAILED when {@code next} is null (given up). */
    void retry(String error, long rows, long bytes, Instant next, Instant now) {
        attempts++;
        lastError = cut(error);
        rowCount = rows;
        byteCount = bytes;
        nextAttemptAt = next;
        if (next == null) {
            state = State.FAILED;
            finishedAt = now;
        }
    }

    /** The report cannot be written for its owner: failed, not mailed, not retried. */
    void failed(String error, Instant now) {
        attempts++;
        state = State.FAILED;
        lastError = cut(error);
        nextAttemptAt = null;
        finishedAt = now;
    }

    private static String cut(String text) {
        String t = text == null ? "unknown error" : text;
        return t.length() > 1000 ? t.substring(0, 999) + "…" : t;
    }

    public Long getId() {
        return id;
    }

    public long getScheduleId() {
        return scheduleId;
    }

    public long getAccountId() {
        return accountId;
    }

    public StartedBy getStartedBy() {
        return startedBy;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public Instant getPeriodFrom() {
        return periodFrom;
    }

    public Instant getPeriodTo() {
        return periodTo;
    }

    public State getState() {
        return state;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getLastError() {
        return lastError;
    }

    public Long getRowCount() {
        return rowCount;
    }

    public Long getByteCount() {
        return byteCount;
    }

    public String getNote() {
        return note;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}
