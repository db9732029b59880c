package io.keyswitch.report;

import java.util.List;

/** A small table of sums under a report, e.g. "Per device": its columns and rows (a few hundred at most). */
public record ReportTotals(String title, List<ReportColumn> columns, List<List<String>> rows) {
}
