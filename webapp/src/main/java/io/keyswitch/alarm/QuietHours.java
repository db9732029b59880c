package io.keyswitch.alarm;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A group's quiet hours: from {@code from} to {@code until} local time in {@code zone} no message goes out; they wait
 * until the quiet hours end. {@code from} after {@code until} spans midnight (22:00–06:00); equal times or none: never
 * quiet.
 */
public record QuietHours(LocalTime from, LocalTime until, ZoneId zone) {

    /** When a message made at {@code now} may go out: {@code now}, or the end of the quiet hours it falls in. */
    public Instant releaseAt(Instant now) {
        if (from == null || until == null || from.equals(until)) {
            return now;
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        LocalDate day = local.toLocalDate();
        if (from.isBefore(until)) {
            return !t.isBefore(from) && t.isBefore(until) ? day.atTime(until).atZone(zone).toInstant() : now;
        }
        if (!t.isBefore(from)) {
            return day.plusDays(1).atTime(until).atZone(zone).toInstant();
        }
        return t.isBefore(until) ? day.atTime(until).atZone(zone).toInstant() : now;
    }
}
