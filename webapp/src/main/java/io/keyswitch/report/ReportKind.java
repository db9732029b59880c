package io.keyswitch.report;

import io.keyswitch.platform.Actor;
import java.util.List;
import java.util.Map;

/**
 * One kind of report (connections, user protocol, system protocol, devices, work reports …): its columns and its rows
 * for a {@link ReportFilter}, read a page at a time. Everything else is the same for every kind and written once in
 * this package: the report page (a lazy table of these columns), the API, the CSV and PDF exports and scheduled mail
 * ({@link ReportWriter}). A kind is an {@code @ApplicationScoped} bean in its own feature's package; {@link ReportKinds}
 * finds every one.
 *
 * <p>Every method checks the actor's rights and scopes the rows to what the actor may see (their account, or — for a
 * system administrator — the filter's account or all; a technician only their granted devices where the kind says
 * so): it throws {@link io.keyswitch.platform.Forbidden} when the actor may not run the kind at all and
 * {@link io.keyswitch.platform.ValidationFailed} (field → words) for a filter it cannot use. Pages are read by key
 * (after the last row's key, never OFFSET), newest first, one indexed query each, so that the first page comes at
 * once and an export of any size never sits in memory whole.
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
     * page, the PDF's first page and the mail; a filter that names something the actor cannot see fails here as it
     * would in {@link #page}.
     */
    Map<String, String> describe(Actor actor, ReportFilter filter);

    /** The columns, in order: the same for the page, the CSV header and the PDF table. */
    List<ReportColumn> columns();

    /**
     * Up to {@code size} rows for the filter, newest first, starting after the row whose key is {@code after} (null:
     * from the first); {@link ReportPage#next()} is the key to pass for the following page, null after the last.
     */
    ReportPage page(Actor actor, ReportFilter filter, String after, int size);

    /**
     * Sums shown under the table and at the end of the PDF (e.g. connections per device, per technician, per project),
     * each a small table of its own; none by default.
     */
    default List<ReportTotals> totals(Actor actor, ReportFilter filter) {
        return List.of();
    }
}
