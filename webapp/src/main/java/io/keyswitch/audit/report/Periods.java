package io.keyswitch.audit.report;

import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.report.ReportFilter;
import java.time.Instant;

/**
 * What the audit trail's reports share: a period in words, and the key of a page read in a period. Within a period a
 * page is read in the order of the {@code (account_id, occurred_at)} key — time, then id, newest first — so that the
 * database starts at the period's end instead of walking every newer event (10 million events: a period took 5 s
 * when read by id); the key is then the last row's time and id, {@code <epoch milliseconds>.<id>}.
 */
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

    /** The key of a row read in time order: its time and id. */
    record TimeKey(Instant at, long id) {

        /** {@code <epoch milliseconds>.<id>}. */
        String text() {
            return at.toEpochMilli() + "." + id;
        }

        /** The key a page continues after ({@code null}: from the period's end); anything else is refused by name. */
        static TimeKey parse(String after) {
            if (after == null || after.isBlank()) {
                return null;
            }
            String[] parts = after.strip().split("\\.");
            try {
                if (parts.length == 2) {
                    long id = Long.parseLong(parts[1]);
                    if (id > 0) {
                        return new TimeKey(Instant.ofEpochMilli(Long.parseLong(parts[0])), id);
                    }
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw ValidationFailed.of("after", "Give the key of the last row of the previous page.");
        }
    }
}
