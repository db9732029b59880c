package io.keyswitch.datapoint.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Retention: what is old enough to go, in batches with pauses")
class RetentionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:37:12Z"), ZoneOffset.UTC);
    private static final HistorySettings SETTINGS = HistorySettings.from(key -> null);

    /** Points with their values' times, deleting as the database does: per statement at most the limit, oldest first. */
    private static final class Rows implements Retention.Delete, Retention.PointIds {
        final TreeMap<Long, List<Instant>> points = new TreeMap<>();
        final List<Integer> statements = new ArrayList<>();

        @Override
        public List<Long> after(long afterId, int size) {
            return points.tailMap(afterId, false).keySet().stream().limit(size).toList();
        }

        @Override
        public int rows(List<Long> ids, Instant before, int limit) {
            int n = 0;
            for (long id : ids) {
                List<Instant> values = points.get(id);
                while (n < limit && !values.isEmpty() && values.get(0).isBefore(before)) {
                    values.remove(0);
                    n++;
                }
            }
            statements.add(n);
            return n;
        }
    }

    @Test
    @DisplayName("raw values keep 30 days and aggregates 730 by default, cut at whole hours")
    void cutoffs() {
        // Act + Assert
        assertThat(Retention.rawBefore(CLOCK, SETTINGS)).isEqualTo(Instant.parse("2026-11-05T10:00:00Z"));
        assertThat(Retention.hourlyBefore(CLOCK, SETTINGS)).isEqualTo(Instant.parse("2024-12-05T10:00:00Z"));
        HistorySettings week = HistorySettings.from(Map.of("keyswitch.datapoints.raw-days", "7")::get);
        assertThat(Retention.rawBefore(CLOCK, week)).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
    }

    @Test
    @DisplayName("12,000 old rows of one point go in statements of at most 5,000 with a pause after each that deleted;"
            + " the newer rows stay")
    void batches() throws InterruptedException {
        // Arrange: one value a minute from 40 days ago until now, i.e. 10 days older than kept = 14,400 old rows
        Rows rows = new Rows();
        Instant now = CLOCK.instant();
        Instant before = Retention.rawBefore(CLOCK, SETTINGS);
        List<Instant> values = new ArrayList<>();
        for (Instant t = now.minus(Duration.ofDays(40)); t.isBefore(now); t = t.plus(Duration.ofMinutes(1))) {
            values.add(t);
        }
        long old = values.stream().filter(t -> t.isBefore(before)).count();
        rows.points.put(42L, values);
        List<Duration> pauses = new ArrayList<>();

        // Act
        long deleted = Retention.run(rows, rows, before, 5_000, Duration.ofMillis(200), pauses::add);

        // Assert
        assertThat(deleted).isEqualTo(old);
        assertThat(rows.statements).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(5_000));
        assertThat(rows.statements).containsExactly(5_000, 5_000, (int) old - 10_000);
        assertThat(pauses).hasSize(3).containsOnly(Duration.ofMillis(200));
        assertThat(rows.points.get(42L)).isNotEmpty().allSatisfy(t -> assertThat(t).isAfterOrEqualTo(before));
    }

    @Test
    @DisplayName("points are walked 1,000 per statement; a chunk with nothing old costs one statement and no pause")
    void chunks() throws InterruptedException {
        // Arrange: 2,500 points with one old and one new value each, and 1 point with only a new value
        Rows rows = new Rows();
        Instant before = Retention.rawBefore(CLOCK, SETTINGS);
        for (long id = 1; id <= 2_500; id++) {
            rows.points.put(id, new ArrayList<>(List.of(before.minusSeconds(1), before)));
        }
        rows.points.put(3_000L, new ArrayList<>(List.of(before)));
        List<Duration> pauses = new ArrayList<>();

        // Act
        long deleted = Retention.run(rows, rows, before, 5_000, Duration.ofMillis(200), pauses::add);

        // Assert
        assertThat(deleted).isEqualTo(2_500);
        assertThat(rows.statements).containsExactly(1_000, 1_000, 500);
        assertThat(pauses).hasSize(3);
        assertThat(rows.points.values()).allSatisfy(v -> assertThat(v).containsExactly(before));
    }

    @Test
    @DisplayName("nothing old: one statement per chunk, no pause")
    void nothingOld() throws InterruptedException {
        // Arrange
        Rows rows = new Rows();
        rows.points.put(1L, new ArrayList<>(List.of(CLOCK.instant())));
        List<Duration> pauses = new ArrayList<>();

        // Act
        long deleted = Retention.run(rows, rows, Retention.rawBefore(CLOCK, SETTINGS), 5_000, Duration.ofMillis(200),
                pauses::add);

        // Assert
        assertThat(deleted).isZero();
        assertThat(rows.statements).containsExactly(0);
        assertThat(pauses).isEmpty();
    }
}
