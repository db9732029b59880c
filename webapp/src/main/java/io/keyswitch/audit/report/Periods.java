package io.keyswitch.audit.report;

import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.report.ReportFilter;

/** What the audit trail's reports share: a period in words and the key of an audit event's row. */
final class Periods {

    private Periods() {
    }

    /** "2026-11-01 00:00:00 UTC – 2026-12-01 00:00:00 UTC", open ends said as such. */
    static String words(ReportFilter filter) {
        if (filter.from() == null && filter.to() == null) {
            return "all time";
        }
        return (filter.from() == null ? "the beginning" : Formats.timeOf(filter.from())) + " – "
                + (filter.to() == null ? "now" : Formats.timeOf(filter.to()));
    }

    /** The audit event id a page continues after ({@code null}: from the newest); anything else than an id is refused. */
    static Long afterId(String after) {
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
}
