package io.keyswitch.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Alarm retention: how long cleared alarms and sent messages are kept")
class AlarmRetentionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:37:12Z"), ZoneOffset.UTC);

    @Test
    @DisplayName("by default a year (365 days), looked for every hour; a setting of 30 days cuts 30 days back")
    void cutoff() {
        // Arrange
        AlarmSettings defaults = AlarmSettings.from(key -> null);
        AlarmSettings month = AlarmSettings.from(Map.of("keyswitch.alarms.retention-days", "30")::get);

        // Act + Assert
        assertThat(AlarmRetention.before(CLOCK, defaults)).isEqualTo(Instant.parse("2025-12-05T10:37:12Z"));
        assertThat(defaults.retentionInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(AlarmRetention.before(CLOCK, month)).isEqualTo(Instant.parse("2026-11-05T10:37:12Z"));
        assertThat(defaults.describe()).contains("kept 365 days (retention-days)");
    }

    @Test
    @DisplayName("0 days or text is refused at start, naming the key")
    void wrong() {
        // Act
        IllegalArgumentException zero = catchThrowableOfType(() -> AlarmSettings.from(Map.of(
                "keyswitch.alarms.retention-days", "0")::get), IllegalArgumentException.class);
        IllegalArgumentException text = catchThrowableOfType(() -> AlarmSettings.from(Map.of(
                "keyswitch.alarms.retention-interval", "daily")::get), IllegalArgumentException.class);

        // Assert
        assertThat(zero).hasMessageContaining("keyswitch.alarms.retention-days");
        assertThat(text).hasMessageContaining("keyswitch.alarms.retention-interval");
    }
}
