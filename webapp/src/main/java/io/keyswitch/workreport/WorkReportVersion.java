package io.keyswitch.workreport;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** One version of a work report as its author wrote it (1: the first writing, then each correction); never changed. */
@Entity
@Table(name = "work_report_version")
@IdClass(WorkReportVersion.Key.class)
public class WorkReportVersion {

    /** The primary key: the report and the version's number. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private Long reportId;
        private Integer number;

        public Key() {
        }

        public Key(Long reportId, Integer number) {
            this.reportId = reportId;
            this.number = number;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(reportId, k.reportId) && java.util.Objects.equals(number, k.number);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(reportId, number);
        }
    }

    @Id
    @Column(name = "report_id")
    private Long reportId;

    @Id
    @Column(name = "number")
    private Integer number;

    @Column(name = "author_id", updatable = false)
    private Long authorId;

    @Column(name = "author_name", nullable = false, length = 200, updatable = false)
    private String authorName;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "written_at", nullable = false, updatable = false)
    private Instant writtenAt;

    @Column(name = "what_was_done", nullable = false, updatable = false)
    private String whatWasDone;

    @Column(name = "order_number", length = 64, updatable = false)
    private String orderNumber;

    @Column(name = "setup_minutes", updatable = false)
    private Integer setupMinutes;

    @Column(name = "travel_minutes", updatable = false)
    private Integer travelMinutes;

    @Column(name = "working_minutes", updatable = false)
    private Integer workingMinutes;

    @Column(name = "fields", updatable = false)
    private String fields;

    protected WorkReportVersion() {
    }

    WorkReportVersion(WorkReport report, Long authorId, String authorName) {
        this.reportId = report.getId();
        this.number = report.getVersions();
        this.authorId = authorId;
        this.authorName = authorName;
        this.writtenAt = report.getUpdatedAt();
        this.whatWasDone = report.getWhatWasDone();
        this.orderNumber = report.getOrderNumber();
        this.setupMinutes = report.getSetupMinutes();
        this.travelMinutes = report.getTravelMinutes();
        this.workingMinutes = report.getWorkingMinutes();
        this.fields = FieldValue.toJson(report.fieldValues());
    }

    public List<FieldValue> fieldValues() {
        return FieldValue.fromJson(fields);
    }

    public Long getReportId() {
        return reportId;
    }

    public Integer getNumber() {
        return number;
    }

    public Long getAuthorId() {
        return authorId;
    }

    public String getAuthorName() {
        return authorName;
    }

    public Instant getWrittenAt() {
        return writtenAt;
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
}
