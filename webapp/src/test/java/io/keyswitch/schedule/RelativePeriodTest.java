package io.keyswitch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.schedule.RelativePeriod.Bounds;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The period a scheduled run reports on: local midnights in the account's time zone")
class RelativePeriodTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    @DisplayName("previous day of a run at 06:00 Berlin on 5 Dec: 4 Dec 00:00 to 5 Dec 00:00 Berlin (23:00Z to 23:00Z)")
    void previousDay() {
        Bounds b = RelativePeriod.PREVIOUS_DAY.bounds(Instant.parse("2026-12-05T05:00:00Z"), BERLIN);

        assertThat(b.from()).isEqualTo(Instant.parse("2026-12-03T23:00:00Z"));
        assertThat(b.to()).isEqualTo(Instant.parse("2026-12-04T23:00:00Z"));
    }

    @Test
    @DisplayName("the day of the spring DST change is 23 hours long, the autumn one 25")
    void dstDays() {
        Bounds spring = RelativePeriod.PREVIOUS_DAY.bounds(Instant.parse("2026-03-30T04:00:00Z"), BERLIN);
        Bounds autumn = RelativePeriod.PREVIOUS_DAY.bounds(Instant.parse("2026-10-26T05:00:00Z"), BERLIN);

        assertThat(Duration.between(spring.from(), spring.to())).isEqualTo(Duration.ofHours(23));
        assertThat(Duration.between(autumn.from(), autumn.to())).isEqualTo(Duration.ofHours(25));
    }

    @Test
    @DisplayName("previous week of a run on Monday or on Sunday: the Monday-to-Sunday week before the run's week")
    void previousWeek() {
        Bounds monday = RelativePeriod.PREVIOUS_WEEK.bounds(Instant.parse("2026-12-07T06:00:00Z"), ZoneId.of("UTC"));
        Bounds sunday = RelativePeriod.PREVIOUS_WEEK.bounds(Instant.parse("2026-12-13T06:00:00Z"), ZoneId.of("UTC"));

        assertThat(monday.from()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(monday.to()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(sunday).isEqualTo(monday);
    }

    @Test
    @DisplayName("previous month of a run on 1 March: all of February, in Berlin time; on 1 January: December of the year before")
    void previousMonth() {
        Bounds feb = RelativePeriod.PREVIOUS_MONTH.bounds(Instant.parse("2026-03-01T05:00:00Z"), BERLIN);
        Bounds dec = RelativePeriod.PREVIOUS_MONTH.bounds(Instant.parse("2027-01-01T05:00:00Z"), BERLIN);

        assertThat(feb.from()).isEqualTo(Instant.parse("2026-01-31T23:00:00Z"));
        assertThat(feb.to()).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
        assertThat(dec.from()).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
        assertThat(dec.to()).isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
    }
}
