package io.keyswitch.datapoint.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Hourly aggregates: hours' edges, late values, days summed from hours")
class AggregatesTest {

    private static Instant at(String time) {
        return Instant.parse("2026-12-05T" + time + "Z");
    }

    private static HourAggregate hour(String start, Double min, Double max, Double sum, int count) {
        return new HourAggregate(7, at(start), min, max, sum, count);
    }

    @Test
    @DisplayName("an hour runs from its first millisecond to its last: 10:00:00.000 and 10:59:59.999 are in 10:00, 11:00 is not")
    void hourEdges() {
        // Act + Assert
        assertThat(Periods.hourOf(at("10:00:00.000"))).isEqualTo(at("10:00:00"));
        assertThat(Periods.hourOf(at("10:59:59.999"))).isEqualTo(at("10:00:00"));
        assertThat(Periods.hourOf(at("11:00:00.000"))).isEqualTo(at("11:00:00"));
        assertThat(Periods.dayOf(at("23:59:59.999"))).isEqualTo(at("00:00:00"));
    }

    @Test
    @DisplayName("avg is sum / count; a text point's hour has only its count")
    void average() {
        // Arrange
        HourAggregate numbers = hour("10:00:00", 1.0, 5.0, 9.0, 3);
        HourAggregate text = hour("10:00:00", null, null, null, 4);

        // Act + Assert
        assertThat(numbers.avg()).isEqualTo(3.0);
        assertThat(text.avg()).isNull();
        assertThat(text.count()).isEqualTo(4);
    }

    @Test
    @DisplayName("days are summed from hours exactly: min of mins, max of maxes, avg weighted by the hours' counts")
    void days() {
        // Arrange: two hours on the 5th (1 value at 10 and 3 values averaging 2), one on the 6th
        List<HourAggregate> hours = List.of(hour("10:00:00", 10.0, 10.0, 10.0, 1), hour("23:00:00", 1.0, 3.0, 6.0, 3),
                new HourAggregate(7, Instant.parse("2026-12-06T00:00:00Z"), -4.0, -4.0, -4.0, 1));

        // Act
        List<HourAggregate> days = Periods.days(hours);

        // Assert
        assertThat(days).hasSize(2);
        HourAggregate fifth = days.get(0);
        assertThat(fifth.start()).isEqualTo(at("00:00:00"));
        assertThat(fifth.min()).isEqualTo(1.0);
        assertThat(fifth.max()).isEqualTo(10.0);
        assertThat(fifth.count()).isEqualTo(4);
        assertThat(fifth.avg()).as("(10 + 6) / 4, not the mean of the hours' means (6)").isEqualTo(4.0);
        assertThat(days.get(1).start()).isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
        assertThat(days.get(1).avg()).isEqualTo(-4.0);
    }

    @Test
    @DisplayName("a point never aggregated is computed from all its values")
    void neverAggregated() {
        // Arrange
        Rollup fresh = new Rollup(7, at("10:15:00"), null);

        // Act + Assert
        assertThat(fresh.pending()).isTrue();
        assertThat(fresh.fromHour()).isNull();
    }

    @Test
    @DisplayName("a late value (read at 10:45, reported after the job took 10:00–11:00 with the value of 10:30) makes"
            + " the job recompute from 10:00 — the hour of the last value it saw — so the late value joins its own hour")
    void lateValue() {
        // Arrange: the job last saw the point's value of 10:30; a router reports at 12:05 what it read at 10:45
        Rollup late = new Rollup(7, at("10:45:00"), at("10:30:00"));

        // Act + Assert
        assertThat(late.pending()).isTrue();
        assertThat(late.fromHour()).isEqualTo(at("10:00:00"));
    }

    @Test
    @DisplayName("a point with nothing new since the last pass is not pending")
    void nothingNew() {
        assertThat(new Rollup(7, at("10:30:00"), at("10:30:00")).pending()).isFalse();
    }
}
