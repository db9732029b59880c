package io.keyswitch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A retry's backoff")
class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10));

    @Test
    @DisplayName("starts at the first pause and doubles with each failure in a row, up to the longest")
    void doublesUpToTheLongest() {
        assertThat(policy.pause(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.pause(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.pause(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.pause(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.pause(1_000)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("the next attempt is the failure's time plus that pause")
    void nextAttempt() {
        Instant failed = Instant.parse("2026-12-05T12:00:00Z");

        assertThat(policy.next(failed, 3)).isEqualTo(failed.plusSeconds(4));
    }
}
