package io.keyswitch.datapoint.history;

import io.keyswitch.platform.ValidationFailed;
import java.time.Duration;
import java.util.Locale;

/**
 * How a history is given: the raw values, hourly or daily aggregates, or {@code AUTO}: raw values for up to two days
 * (unless there are more than the answer may hold), hours up to 92 days, days beyond.
 */
public enum Aggregation {
    RAW, HOUR, DAY, AUTO;

    static final Duration RAW_UP_TO = Duration.ofDays(2);
    static final Duration HOURS_UP_TO = Duration.ofDays(92);

    /** The word a request sends ({@code raw}, {@code hour}, {@code day}, {@code auto}); blank: {@code AUTO}. */
    public static Aggregation of(String text) {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ValidationFailed.of("aggregate", "Must be raw, hour, day or auto, not '"
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'.");
        }
    }

    /** What {@code AUTO} means for a period of this length when it holds {@code rawCount} raw values (or more). */
    static Aggregation auto(Duration length, long rawCount, int rawLimit) {
        if (length.compareTo(RAW_UP_TO) <= 0 && rawCount <= rawLimit) {
            return RAW;
        }
        return length.compareTo(HOURS_UP_TO) <= 0 ? HOUR : DAY;
    }

    /** The word for answers and files. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
