package io.keyswitch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The housekeeping interval setting")
class HousekeepingIntervalTest {

    @Test
    @DisplayName("default 5 minutes; ISO-8601 or seconds; out of range or unreadable names the key")
    void interval() {
        assertThat(SecondFactorHousekeeping.interval(null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(SecondFactorHousekeeping.interval(" ")).isEqualTo(Duration.ofMinutes(5));
        assertThat(SecondFactorHousekeeping.interval("PT2S")).isEqualTo(Duration.ofSeconds(2));
        assertThat(SecondFactorHousekeeping.interval("600")).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> SecondFactorHousekeeping.interval("PT0.5S")).hasMessageContaining(SecondFactorHousekeeping.KEY_INTERVAL);
        assertThatThrownBy(() -> SecondFactorHousekeeping.interval("P2D")).hasMessageContaining(SecondFactorHousekeeping.KEY_INTERVAL);
        assertThatThrownBy(() -> SecondFactorHousekeeping.interval("often")).hasMessageContaining(SecondFactorHousekeeping.KEY_INTERVAL);
    }
}
