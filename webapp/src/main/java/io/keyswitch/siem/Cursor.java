package io.keyswitch.siem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where forwarding to one target stands in the audit trail: every event up to {@code position} was sent, except the
 * ids in {@code gaps}. Audit ids are given when an event is written, not when its transaction commits: within one
 * chain (one account) the chain's lock makes commits follow ids, but across chains an event with a lower id may
 * commit after one with a higher id was read. So a target of several chains (appliance-wide) remembers the ids it
 * skipped as gaps, reads them again each time and sends them when they appear; a gap older than the wait is
 * forgotten (its transaction rolled back). Immutable; {@link #text()} and {@link #parse} are its stored form.
 *
 * @param position the highest id read
 * @param gaps     ranges of ids below it not read yet, oldest first
 */
public record Cursor(long position, List<Gap> gaps) {

    /**
     * At most this many gap ranges are kept (the oldest are forgotten first); their text (≤ 40 characters each) fits
     * the column (MEDIUMTEXT). Open gaps are the ids of other chains' transactions not committed yet, often one id
     * each when writers interleave: 1,000 events a second from 6 accounts at once left more than 100 open, and with
     * 100 kept 455 of 60,000 events were lost (webapp/bench/siem-throughput.sh). 10,000 holds ten seconds of such a
     * stream all in flight.
     */
    static final int MAX_GAPS = 10_000;

    public Cursor {
        gaps = List.copyOf(gaps);
    }

    /** Ids {@code from}…{@code to} (inclusive) not seen yet, first missed at {@code seenAt} (epoch milliseconds). */
    public record Gap(long from, long to, long seenAt) {
    }

    public static Cursor at(long position) {
        return new Cursor(position, List.of());
    }

    /**
     * The cursor after the events {@code ids} (ascending, each either above the position or inside a gap) were read at
     * {@code now}; with {@code trackGaps} the ids skipped above the position become gaps, gaps found are closed, and
     * gaps first seen before {@code now - wait} are forgotten.
     */
    public Cursor after(List<Long> ids, boolean trackGaps, long now, long wait) {
        long next = position;
        List<Gap> open = new ArrayList<>(trackGaps ? gaps : List.of());
        for (long id : ids) {
            if (id > next) {
                if (trackGaps && id > next + 1) {
                    open.add(new Gap(next + 1, id - 1, now));
                }
                next = id;
            } else if (trackGaps) {
                open = without(open, id);
            }
        }
        List<Gap> kept = new ArrayList<>(open.stream().filter(g -> g.seenAt() >= now - wait).toList());
        kept.sort(Comparator.comparingLong(Gap::seenAt).thenComparingLong(Gap::from));
        while (kept.size() > MAX_GAPS) {
            kept.remove(0);
        }
        return new Cursor(next, kept);
    }

    private static List<Gap> without(List<Gap> gaps, long id) {
        List<Gap> out = new ArrayList<>(gaps.size() + 1);
        for (Gap g : gaps) {
            if (id < g.from() || id > g.to()) {
                out.add(g);
                continue;
            }
            if (g.from() < id) {
                out.add(new Gap(g.from(), id - 1, g.seenAt()));
            }
            if (id < g.to()) {
                out.add(new Gap(id + 1, g.to(), g.seenAt()));
            }
        }
        return out;
    }

    /** The gaps as stored: {@code from-to@seenAt} separated by {@code ;}, empty for none. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (Gap g : gaps) {
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(g.from()).append('-').append(g.to()).append('@').append(g.seenAt());
        }
        return b.toString();
    }

    /** The cursor stored as {@code position} and {@code gaps} ({@link #text()}); unreadable gap text counts as none. */
    public static Cursor parse(long position, String gaps) {
        List<Gap> list = new ArrayList<>();
        if (gaps != null && !gaps.isBlank()) {
            for (String part : gaps.split(";")) {
                try {
                    int dash = part.indexOf('-');
                    int at = part.indexOf('@');
                    list.add(new Gap(Long.parseLong(part.substring(0, dash)), Long.parseLong(part.substring(dash + 1, at)),
                            Long.parseLong(part.substring(at + 1))));
                } catch (RuntimeException unreadable) {
                    // a damaged entry: its ids are not read again
                }
            }
        }
        return new Cursor(position, list);
    }
}
