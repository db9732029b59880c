package io.keyswitch.audit.report;

import io.keyswitch.platform.web.Formats;
import io.keyswitch.report.ReportFilter;

/** What the audit trail's reports share: a period in words. */
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

}
