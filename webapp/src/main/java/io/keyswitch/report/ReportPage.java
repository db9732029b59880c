package io.keyswitch.report;

import io.keyswitch.platform.ValidationFailed;
import java.util.List;

/** A page of a report's rows and the key to continue after (null: this was the last page). */
public record ReportPage(List<ReportRow> rows, String next) {

    /**
     * The id a page continues after, for kinds keyed by a table's id ({@code null}: from the newest); anything else than
     * a positive whole number is a {@link ValidationFailed} on {@code after}.
     */
    public static Long idAfter(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(after.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw ValidationFailed.of("after", "Give the key of the last row of the previous page.");
    }

    /** A page of {@code rows} read with {@code size}: there may be more when it is full. */
    public static ReportPage of(List<ReportRow> rows, int size) {
        return new ReportPage(rows, rows.size() < size || rows.isEmpty() ? null : rows.get(rows.size() - 1).key());
    }
}
