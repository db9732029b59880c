package io.keyswitch.report;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.CsvCells;
import io.keyswitch.platform.pdf.TablePdf;
import io.keyswitch.platform.web.Formats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Any {@link ReportKind} written out, the same for its page's downloads, the API and scheduled mail: CSV (UTF-8,
 * RFC 4180, the columns' headings first, cells through {@link CsvCells}) and PDF ({@link TablePdf}: title, filters and
 * who made it on page 1, the table, then the kind's totals). Rows are read {@value #PAGE} at a time by key and written
 * out before the next read, so an export of any size never sits in memory whole. Rights and filter are checked by the
 * kind's {@link ReportKind#describe} before the first byte.
 */
@ApplicationScoped
public class ReportWriter {

    /** Rows one read of an export holds. */
    static final int PAGE = 1000;

    @Inject
    Clock clock;

    /** Every row as CSV. */
    public void csv(ReportKind kind, Actor actor, ReportFilter filter, OutputStream out) throws IOException {
        kind.describe(actor, filter);
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setHeader(kind.columns().stream().map(ReportColumn::heading).toArray(String[]::new)).get();
        CSVPrinter csv = format.print(writer);
        String after = null;
        do {
            ReportPage page = kind.page(actor, filter, after, PAGE);
            for (ReportRow row : page.rows()) {
                csv.printRecord(row.cells().stream().map(CsvCells::cell).toList());
            }
            csv.flush();
            after = page.next();
        } while (after != null);
        csv.flush();
    }

    /** Every row as PDF, then the kind's totals. */
    public void pdf(ReportKind kind, Actor actor, ReportFilter filter, OutputStream out) {
        Map<String, String> described = kind.describe(actor, filter);
        List<ReportColumn> columns = kind.columns();
        try (TablePdf pdf = TablePdf.start(out, kind.title(), described,
                "Made " + Formats.timeOf(clock.instant()) + " by " + actor.name() + " (Keyswitch)")) {
            TablePdf.Table table = pdf.table(widths(columns), headings(columns));
            String after = null;
            do {
                ReportPage page = kind.page(actor, filter, after, PAGE);
                page.rows().forEach(row -> table.row(row.cells().toArray(String[]::new)));
                after = page.next();
            } while (after != null);
            table.end();
            for (ReportTotals totals : kind.totals(actor, filter)) {
                pdf.heading(totals.title());
                TablePdf.Table sums = pdf.table(widths(totals.columns()), headings(totals.columns()));
                totals.rows().forEach(r -> sums.row(r.toArray(String[]::new)));
                sums.end();
            }
        }
    }

    private static float[] widths(List<ReportColumn> columns) {
        float[] widths = new float[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).width();
        }
        return widths;
    }

    private static String[] headings(List<ReportColumn> columns) {
        return columns.stream().map(ReportColumn::heading).toArray(String[]::new);
    }
}
