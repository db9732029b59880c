package io.keyswitch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The settings of scheduled reports (keyswitch.report-schedules.*)")
class ScheduleSettingsTest {

    @Test
    @DisplayName("unset: every 30 s, 10 MiB of attachments, retried after 1 min doubling to 1 h, 12 attempts")
    void defaults() {
        ScheduleSettings s = ScheduleSettings.read(key -> null);

        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.maxAttachmentBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(s.maxAttempts()).isEqualTo(12);
        Instant failed = Instant.parse("2026-12-05T10:00:00Z");
        assertThat(s.retry().next(failed, 1)).isEqualTo(failed.plus(Duration.ofMinutes(1)));
        assertThat(s.retry().next(failed, 3)).isEqualTo(failed.plus(Duration.ofMinutes(4)));
        assertThat(s.retry().next(failed, 11)).isEqualTo(failed.plus(Duration.ofHours(1)));
    }

    @Test
    @DisplayName("a value out of its range fails naming the key in full")
    void outOfRange() {
        Map<String, String> set = Map.of("keyswitch.report-schedules.max-attachment-kib", "0");

        assertThatThrownBy(() -> ScheduleSettings.read(set::get)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyswitch.report-schedules.max-attachment-kib");
    }
}
