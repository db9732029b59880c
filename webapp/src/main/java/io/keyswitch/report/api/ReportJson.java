package io.keyswitch.report.api;

import io.keyswitch.report.ReportColumn;
import io.keyswitch.report.ReportKind;
import io.keyswitch.report.ReportPage;
import io.keyswitch.report.ReportRow;
import io.keyswitch.report.ReportTotals;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;
import java.util.Map;

/** The reports API's JSON. */
public final class ReportJson {

    private ReportJson() {
    }

    /** A kind the caller may run. */
    public record KindOut(String name, String title, List<String> columns) {
        static KindOut of(ReportKind kind) {
            return new KindOut(kind.name(), kind.title(), headings(kind.columns()));
        }
    }

    /** One row: its key (what {@code after} takes) and its cells, one per column. */
    public record RowOut(String key, List<String> cells) {
        static RowOut of(ReportRow row) {
            return new RowOut(row.key(), row.cells());
        }
    }

    /** A keyed page: the filter in words, the columns, the rows, and the key of the next page ({@code null} after the last). */
    @JsonbNillable
    public record PageOut(String kind, String title, Map<String, String> filter, List<String> columns, List<RowOut> rows, String next) {
        static PageOut of(ReportKind kind, Map<String, String> filter, ReportPage page) {
            return new PageOut(kind.name(), kind.title(), filter, headings(kind.columns()),
                    page.rows().stream().map(RowOut::of).toList(), page.next());
        }
    }

    /** One table of sums. */
    public record TotalsOut(String title, List<String> columns, List<List<String>> rows) {
        static TotalsOut of(ReportTotals t) {
            return new TotalsOut(t.title(), headings(t.columns()), t.rows());
        }
    }

    /** The kind's totals for the filter. */
    public record AllTotalsOut(String kind, Map<String, String> filter, List<TotalsOut> totals) {
    }

    static List<String> headings(List<ReportColumn> columns) {
        return columns.stream().map(ReportColumn::heading).toList();
    }
}
