package io.keyswitch.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * The period a scheduled run reports on, relative to the time it was due, in the account's time zone: the day, the
 * (ISO, Monday to Sunday) week or the calendar month before the one the run falls in. The bounds are local midnights,
 * so a day across a DST change is 23 or 25 hours long.
 */
public enum RelativePeriod {
    PREVIOUS_DAY("previous day"),
    PREVIOUS_WEEK("previous week (Monday to Sunday)"),
    PREVIOUS_MONTH("previous month");

    private final String words;

    RelativePeriod(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** The period {@code [from, to)} before the run due at {@code dueAt}, in {@code zone}. */
    public Bounds bounds(Instant dueAt, ZoneId zone) {
        LocalDate day = dueAt.atZone(zone).toLocalDate();
        LocalDate end = switch (this) {
            case PREVIOUS_DAY -> day;
            case PREVIOUS_WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case PREVIOUS_MONTH -> day.withDayOfMonth(1);
        };
        LocalDate start = switch (this) {
            case PREVIOUS_DAY -> end.minusDays(1);
            case PREVIOUS_WEEK -> end.minusWeeks(1);
            case PREVIOUS_MONTH -> end.minusMonths(1);
        };
        return new Bounds(start.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant());
    }

    /** A period {@code [from, to)}. */
    public record Bounds(Instant from, Instant to) {
    }
}
