package io.keyswitch.datapoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Device report settings")
class DataPointSettingsTest {

    @Test
    @DisplayName("defaults: unknown names made, 100 per device, 50 per report, any change stored, 15 min samples, 60 s × 3")
    void defaults() {
        DataPointSettings s = DataPointSettings.from(key -> null);

        assertThat(s).isEqualTo(new DataPointSettings(true, 100, 50, 0.0, Duration.ofMinutes(15), 60, 3));
        assertThat(s.offlineAfter()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    @DisplayName("a value out of range fails naming the key in full")
    void refusals() {
        assertThatThrownBy(() -> DataPointSettings.from(Map.of("keyswitch.datapoints.dead-band", "-1")::get))
                .hasMessageContaining("keyswitch.datapoints.dead-band");
        assertThatThrownBy(() -> DataPointSettings.from(Map.of("keyswitch.datapoints.report-interval-seconds", "1")::get))
                .hasMessageContaining("keyswitch.datapoints.report-interval-seconds");
    }
}
