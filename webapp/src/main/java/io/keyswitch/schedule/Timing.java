package io.keyswitch.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a schedule runs: its cadence, the weekday (weekly) or day of the month 1–28 (monthly), and the time of day, in
 * a time zone. A time that a DST change skips on some day (02:30 in spring in Europe) runs that day as late as the gap
 * is long (03:30); a time that occurs twice (02:30 in autumn) runs once, at the first.
 */
public record Timing(Cadence cadence, DayOfWeek weekday, Integer dayOfMonth, LocalTime at, ZoneId zone) {

    /** The last day of the month a monthly schedule may run on: every month has it. */
    public static final int LAST_DAY = 28;

    public Timing {
        if ((cadence == Cadence.WEEKLY) != (weekday != null) || (cadence == Cadence.MONTHLY) != (dayOfMonth != null)
                || (dayOfMonth != null && (dayOfMonth < 1 || dayOfMonth > LAST_DAY))) {
            throw new IllegalArgumentException("A weekday for weekly, a day 1-" + LAST_DAY + " for monthly, else neither: "
                    + cadence + " " + weekday + " " + dayOfMonth);
        }
    }

    /** The first time this schedule runs strictly after {@code after}. */
    public Instant next(Instant after) {
        LocalDate day = after.atZone(zone).toLocalDate();
        for (int i = 0; i < 64; i++, day = day.plusDays(1)) {
            if (runsOn(day)) {
                Instant at = ZonedDateTime.of(day, this.at, zone).toInstant();
                if (at.isAfter(after)) {
                    return at;
                }
            }
        }
        throw new IllegalStateException("No run within 64 days of " + after + ": " + this);
    }

    /**
     * The last time this schedule was due at or before {@code now}, starting from the due time {@code due} (which is
     * not after {@code now}): the run a portal that was down catches up, once, for the latest period it missed.
     */
    public Instant latestDue(Instant due, Instant now) {
        Instant latest = due;
        for (Instant n = next(latest); !n.isAfter(now); n = next(latest)) {
            latest = n;
        }
        return latest;
    }

    private boolean runsOn(LocalDate day) {
        return switch (cadence) {
            case DAILY -> true;
            case WEEKLY -> day.getDayOfWeek() == weekday;
            case MONTHLY -> day.getDayOfMonth() == dayOfMonth;
        };
    }
}
