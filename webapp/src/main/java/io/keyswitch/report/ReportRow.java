package io.keyswitch.report;

import java.util.List;

/**
 * One row of a report: its key (unique in the kind, what {@link ReportKind#page} continues after) and its cells as
 * text, one per column, already formatted (times in UTC as {@code platform.web.Formats} writes them; absent: "").
 */
public record ReportRow(String key, List<String> cells) {

    public ReportRow {
        cells = List.copyOf(cells.stream().map(c -> c == null ? "" : c).toList());
    }
}
