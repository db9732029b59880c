package io.keyswitch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A schedule's next run time, in the account's time zone")
class TimingTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    @DisplayName("daily at 06:00 Berlin: later today if not yet past, else tomorrow; 06:00 exactly is not 'after' 06:00")
    void daily() {
        Timing t = new Timing(Cadence.DAILY, null, null, LocalTime.of(6, 0), BERLIN);

        assertThat(t.next(Instant.parse("2026-12-05T04:00:00Z"))).isEqualTo(Instant.parse("2026-12-05T05:00:00Z"));
        assertThat(t.next(Instant.parse("2026-12-05T05:00:00Z"))).isEqualTo(Instant.parse("2026-12-06T05:00:00Z"));
        assertThat(t.next(Instant.parse("2026-12-05T23:30:00Z"))).isEqualTo(Instant.parse("2026-12-06T05:00:00Z"));
    }

    @Test
    @DisplayName("across the spring DST change the local time stays 06:00: UTC 05:00 before, 04:00 after")
    void springForward() {
        Timing t = new Timing(Cadence.DAILY, null, null, LocalTime.of(6, 0), BERLIN);

        // 2026-03-29 02:00 CET -> 03:00 CEST
        assertThat(t.next(Instant.parse("2026-03-28T05:00:00Z"))).isEqualTo(Instant.parse("2026-03-29T04:00:00Z"));
        assertThat(t.next(Instant.parse("2026-03-29T04:00:00Z"))).isEqualTo(Instant.parse("2026-03-30T04:00:00Z"));
    }

    @Test
    @DisplayName("a time the spring change skips (02:30) runs that day an hour later (03:30 CEST); one that occurs twice in autumn runs once, at the first")
    void gapAndOverlap() {
        Timing t = new Timing(Cadence.DAILY, null, null, LocalTime.of(2, 30), BERLIN);

        assertThat(t.next(Instant.parse("2026-03-28T12:00:00Z"))).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        // 2026-10-25 03:00 CEST -> 02:00 CET: 02:30 happens at 00:30Z and again at 01:30Z
        Instant first = t.next(Instant.parse("2026-10-24T12:00:00Z"));
        assertThat(first).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(t.next(first)).isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    @DisplayName("weekly on Monday 07:15 New York: the next Monday, with New York's own DST date")
    void weekly() {
        Timing t = new Timing(Cadence.WEEKLY, DayOfWeek.MONDAY, null, LocalTime.of(7, 15), NEW_YORK);

        // Saturday 2026-03-07; US DST starts Sunday 2026-03-08, so Monday is EDT (UTC-4)
        assertThat(t.next(Instant.parse("2026-03-07T12:00:00Z"))).isEqualTo(Instant.parse("2026-03-09T11:15:00Z"));
        assertThat(t.next(Instant.parse("2026-03-09T11:15:00Z"))).isEqualTo(Instant.parse("2026-03-16T11:15:00Z"));
    }

    @Test
    @DisplayName("monthly on day 28 runs every month, February too; day 1 after the 1st's time is the next month's")
    void monthly() {
        Timing on28 = new Timing(Cadence.MONTHLY, null, 28, LocalTime.of(8, 0), ZoneId.of("UTC"));
        Timing on1 = new Timing(Cadence.MONTHLY, null, 1, LocalTime.of(6, 0), BERLIN);

        assertThat(on28.next(Instant.parse("2026-01-28T08:00:00Z"))).isEqualTo(Instant.parse("2026-02-28T08:00:00Z"));
        assertThat(on28.next(Instant.parse("2026-02-28T08:00:00Z"))).isEqualTo(Instant.parse("2026-03-28T08:00:00Z"));
        assertThat(on1.next(Instant.parse("2026-12-01T05:00:00Z"))).isEqualTo(Instant.parse("2027-01-01T05:00:00Z"));
        assertThat(on1.next(Instant.parse("2026-11-30T12:00:00Z"))).isEqualTo(Instant.parse("2026-12-01T05:00:00Z"));
    }

    @Test
    @DisplayName("a monthly day outside 1-28, or a weekday on a daily schedule, is refused")
    void refused() {
        assertThatThrownBy(() -> new Timing(Cadence.MONTHLY, null, 29, LocalTime.NOON, BERLIN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Timing(Cadence.MONTHLY, null, null, LocalTime.NOON, BERLIN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Timing(Cadence.DAILY, DayOfWeek.MONDAY, null, LocalTime.NOON, BERLIN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a portal down for three days catches a daily schedule up once, for the latest time it missed")
    void latestDue() {
        Timing t = new Timing(Cadence.DAILY, null, null, LocalTime.of(6, 0), ZoneId.of("UTC"));

        Instant latest = t.latestDue(Instant.parse("2026-12-01T06:00:00Z"), Instant.parse("2026-12-04T09:00:00Z"));

        assertThat(latest).isEqualTo(Instant.parse("2026-12-04T06:00:00Z"));
        assertThat(t.latestDue(Instant.parse("2026-12-01T06:00:00Z"), Instant.parse("2026-12-01T06:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-01T06:00:00Z"));
    }
}
