package io.keyswitch.report;

import io.keyswitch.platform.Actor;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * One kind of report (connections, user protocol, system protocol, devices, work reports …): its rows for a
 * {@link ReportFilter}, written as CSV and PDF the same way for its page, the API and a scheduled mail. A kind is an
 * {@code @ApplicationScoped} bean in its own feature's package; {@link ReportKinds} finds every one.
 *
 * <p>Every method checks the actor's rights and scopes the rows to what the actor may see (their account, or — for a
 * system administrator — the filter's account or all; a technician only their granted devices where the kind says
 * so): it throws {@link io.keyswitch.platform.Forbidden} when the actor may not run the kind at all and
 * {@link io.keyswitch.platform.ValidationFailed} (field → words) for a filter it cannot use, both before the first
 * byte is written. Exports read their rows page by page (after the last key, never OFFSET) and write each page out
 * before reading the next, so an export of any size never sits in memory whole.
 */
public interface ReportKind {

    /** The stable name in URLs, the API and saved schedules: lower case and hyphens, e.g. {@code connections}. */
    String name();

    /** The title on the page, the PDF and the mail, e.g. "Connections". */
    String title();

    /** Whether {@code actor} may run this kind at all (for menus and the schedule form); the methods below check again. */
    boolean allowedFor(Actor actor);

    /**
     * The filter in words, in display order ("Period" → "1 Nov 2026 – 30 Nov 2026", "Device" → "Press 12"), for the
     * PDF's first page and the mail; a filter that names something the actor cannot see fails here as it would in
     * {@link #csv}.
     */
    Map<String, String> describe(Actor actor, ReportFilter filter);

    /** Every row for the filter as CSV: UTF-8, RFC 4180, a header row, cells through {@code platform.CsvCells}. */
    void csv(Actor actor, ReportFilter filter, OutputStream out) throws IOException;

    /** Every row for the filter as PDF through {@code platform.pdf.TablePdf} (filters on page 1, totals where useful). */
    void pdf(Actor actor, ReportFilter filter, OutputStream out) throws IOException;
}
