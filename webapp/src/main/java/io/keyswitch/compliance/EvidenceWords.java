package io.keyswitch.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** How evidence says shares, counts and ages, the same way on every row: "67 % (2 of 3)", "1,234", "2 h ago". */
public final class EvidenceWords {

    private EvidenceWords() {
    }

    /** {@code part} of {@code whole} as a whole percentage with both numbers; "none (0 of 0)" for nothing to count. */
    public static String percent(long part, long whole) {
        if (whole <= 0) {
            return "none (0 of 0)";
        }
        return Math.round(100.0 * part / whole) + " % (" + count(part) + " of " + count(whole) + ")";
    }

    /** 1234567 → "1,234,567". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 1 → "1 event", 1234 → "1,234 events" (a noun with a plain -s plural). */
    public static String of(long n, String noun) {
        return count(n) + " " + noun + (n == 1 ? "" : "s");
    }

    /** How long before {@code now} {@code at} was, in its largest unit: "just now", "5 min ago", "2 h ago", "3 days ago". */
    public static String ago(Instant at, Instant now) {
        Duration d = Duration.between(at, now);
        if (d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min ago";
        }
        if (d.toDays() < 2) {
            return d.toHours() + " h ago";
        }
        return d.toDays() + " days ago";
    }

    /** A duration as a person says it: "1 day", "7 days", "10 min", "12 h", "30 s". */
    public static String every(Duration d) {
        if (d.toDays() >= 1 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() == 1 ? "1 day" : d.toDays() + " days";
        }
        if (d.toHours() >= 1 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + " h";
        }
        if (d.toMinutes() >= 1 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }
}
