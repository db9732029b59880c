package io.keyswitch.report;

import java.util.List;

/** A page of a report's rows and the key to continue after (null: this was the last page). */
public record ReportPage(List<ReportRow> rows, String next) {

    /** A page of {@code rows} read with {@code size}: there may be more when it is full. */
    public static ReportPage of(List<ReportRow> rows, int size) {
        return new ReportPage(rows, rows.size() < size || rows.isEmpty() ? null : rows.get(rows.size() - 1).key());
    }
}
