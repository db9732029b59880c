package io.keyswitch.datapoint.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.platform.ValidationFailed;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A history request: its period, its aggregation, the history settings")
class HistoryRequestTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:37:12Z");

    private static Map<String, String> errors(Runnable r) {
        try {
            r.run();
        } catch (ValidationFailed e) {
            return e.fieldErrors();
        }
        throw new AssertionError("no ValidationFailed");
    }

    @Test
    @DisplayName("no parameters: the last day; period=week: the last 7 days ending at to; from and to as given")
    void periods() {
        // Act + Assert
        assertThat(HistoryPeriod.of(null, null, null, NOW)).isEqualTo(new HistoryPeriod(NOW.minus(Duration.ofDays(1)), NOW));
        Instant to = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(HistoryPeriod.of(null, to.toString(), "week", NOW).from()).isEqualTo(to.minus(Duration.ofDays(7)));
        assertThat(HistoryPeriod.of("2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", null, NOW).length())
                .isEqualTo(Duration.ofDays(1));
        assertThat(HistoryPeriod.of(null, null, "YEAR", NOW).length()).isEqualTo(Duration.ofDays(365));
    }

    @Test
    @DisplayName("a bad period names its parameter: unreadable times, from not before to, an unknown length, both forms")
    void badPeriods() {
        assertThat(errors(() -> HistoryPeriod.of("yesterday", null, null, NOW))).containsOnlyKeys("from")
                .extractingByKey("from").asString().contains("UTC time");
        assertThat(errors(() -> HistoryPeriod.of(null, "2026-13-01T00:00:00Z", null, NOW))).containsOnlyKeys("to");
        assertThat(errors(() -> HistoryPeriod.of(NOW.toString(), NOW.toString(), null, NOW))).containsOnlyKeys("from")
                .extractingByKey("from").asString().contains("before to");
        assertThat(errors(() -> HistoryPeriod.of(null, null, "fortnight", NOW))).containsOnlyKeys("period");
        assertThat(errors(() -> HistoryPeriod.of("2026-11-01T00:00:00Z", null, "day", NOW))).containsOnlyKeys("period");
        assertThat(errors(() -> HistoryPeriod.of("2000-01-01T00:00:00Z", null, null, NOW))).containsOnlyKeys("from")
                .extractingByKey("from").asString().contains("3660 days");
    }

    @Test
    @DisplayName("aggregate is raw, hour, day or auto (any case); auto: raw up to 2 days unless too many, hours to 92 days, then days")
    void aggregation() {
        // Act + Assert
        assertThat(Aggregation.of(null)).isEqualTo(Aggregation.AUTO);
        assertThat(Aggregation.of("Hour")).isEqualTo(Aggregation.HOUR);
        assertThatThrownBy(() -> Aggregation.of("minute")).isInstanceOf(ValidationFailed.class)
                .hasMessageContaining("raw, hour, day or auto");
        assertThat(Aggregation.auto(Duration.ofDays(2), 20_000, 20_000)).isEqualTo(Aggregation.RAW);
        assertThat(Aggregation.auto(Duration.ofDays(1), 20_001, 20_000)).isEqualTo(Aggregation.HOUR);
        assertThat(Aggregation.auto(Duration.ofDays(30), 0, 20_000)).isEqualTo(Aggregation.HOUR);
        assertThat(Aggregation.auto(Duration.ofDays(93), 0, 20_000)).isEqualTo(Aggregation.DAY);
    }

    @Test
    @DisplayName("settings: defaults 30 raw days, 730 hourly days, every 5 min, 5,000 rows a statement; bad values name the key")
    void settings() {
        // Act
        HistorySettings defaults = HistorySettings.from(key -> null);

        // Assert
        assertThat(defaults).isEqualTo(new HistorySettings(30, 730, Duration.ofMinutes(5), 5_000, Duration.ofMillis(200),
                20_000));
        assertThat(defaults.describe()).contains("30 days", "730 days", "5000 rows");
        assertThatThrownBy(() -> HistorySettings.from(Map.of("keyswitch.datapoints.raw-days", "0")::get))
                .hasMessageContaining("keyswitch.datapoints.raw-days");
        assertThatThrownBy(() -> HistorySettings.from(Map.of("keyswitch.datapoints.retention-batch", "lots")::get))
                .hasMessageContaining("keyswitch.datapoints.retention-batch");
    }
}
