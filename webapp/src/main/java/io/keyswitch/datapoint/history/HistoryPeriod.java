package io.keyswitch.datapoint.history;

import io.keyswitch.platform.ValidationFailed;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The period a history covers, {@code from} (inclusive) to {@code to} (exclusive): given as two UTC times, or as a
 * named length ({@code day}, {@code week}, {@code month} = 30 days, {@code year} = 365 days) ending at {@code to} (or
 * now). At most {@link #LONGEST}.
 */
public record HistoryPeriod(Instant from, Instant to) {

    /** The longest period one request may cover. */
    public static final Duration LONGEST = Duration.ofDays(3_660);

    /** A period's named lengths, as the device page's chart offers them. */
    public enum Length {
        DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7)), MONTH(Duration.ofDays(30)), YEAR(Duration.ofDays(365));

        private final Duration duration;

        Length(Duration duration) {
            this.duration = duration;
        }

        public Duration duration() {
            return duration;
        }
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** The named length ending now. */
    public static HistoryPeriod last(Length length, Instant now) {
        return new HistoryPeriod(now.minus(length.duration()), now);
    }

    /**
     * A period as a request names it; every problem is named by its parameter.
     *
     * @param from   a UTC time ({@code 2026-12-01T00:00:00Z}) or {@code null}: {@code to} minus the length
     * @param to     a UTC time or {@code null}: now
     * @param length {@code day}, {@code week}, {@code month}, {@code year} or {@code null} (a day); not with {@code from}
     * @throws ValidationFailed naming {@code from}, {@code to} or {@code period}
     */
    public static HistoryPeriod of(String from, String to, String length, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        Instant end = to == null || to.isBlank() ? now : time(errors, "to", to);
        Instant start = from == null || from.isBlank() ? null : time(errors, "from", from);
        Length named = Length.DAY;
        if (length != null && !length.isBlank()) {
            if (start != null) {
                errors.put("period", "Give either from (with to) or period, not both.");
            }
            try {
                named = Length.valueOf(length.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("period", "Must be day, week, month or year, not '" + shown(length) + "'.");
            }
        }
        if (errors.isEmpty()) {
            if (start == null) {
                start = end.minus(named.duration());
            }
            if (!start.isBefore(end)) {
                errors.put("from", "Must be before to (" + end + ").");
            } else if (Duration.between(start, end).compareTo(LONGEST) > 0) {
                errors.put("from", "The period may be at most " + LONGEST.toDays() + " days long.");
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return new HistoryPeriod(start, end);
    }

    private static Instant time(Map<String, String> errors, String field, String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "Must be a UTC time like 2026-12-01T00:00:00Z, not '" + shown(text) + "'.");
            return null;
        }
    }

    private static String shown(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
