package io.keyswitch.datapoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Which reported values go into the history (dead band, sample interval)")
class SamplePolicyTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private final SamplePolicy policy = new SamplePolicy(0.5, Duration.ofMinutes(15));

    private boolean number(double stored, double now, Duration later) {
        return policy.store(DataPointType.NUMBER, stored, null, T0, Reading.number("v", "t", now, "°C"), T0.plus(later));
    }

    @Test
    @DisplayName("a number within the dead band is not stored; beyond it, it is")
    void deadBand() {
        assertThat(number(21.0, 21.4, Duration.ofMinutes(1))).isFalse();
        assertThat(number(21.0, 20.5, Duration.ofMinutes(1))).as("exactly the dead band is still inside").isFalse();
        assertThat(number(21.0, 21.6, Duration.ofMinutes(1))).isTrue();
        assertThat(number(21.0, 20.4, Duration.ofMinutes(1))).isTrue();
    }

    @Test
    @DisplayName("a steady value is stored again once the last stored one is a sample interval old")
    void sampleInterval() {
        assertThat(number(21.0, 21.0, Duration.ofMinutes(14).plusSeconds(59))).isFalse();
        assertThat(number(21.0, 21.0, Duration.ofMinutes(15))).isTrue();
    }

    @Test
    @DisplayName("with no dead band any change of a number is stored")
    void noDeadBand() {
        SamplePolicy exact = new SamplePolicy(0, Duration.ofMinutes(15));
        assertThat(exact.store(DataPointType.NUMBER, 1.0, null, T0, Reading.number("v", "n", 1.0001, null), T0.plusSeconds(1)))
                .isTrue();
        assertThat(exact.store(DataPointType.NUMBER, 1.0, null, T0, Reading.number("v", "n", 1.0, null), T0.plusSeconds(1)))
                .isFalse();
    }

    @Test
    @DisplayName("booleans and text are stored when they change")
    void changes() {
        Instant later = T0.plusSeconds(60);
        assertThat(policy.store(DataPointType.BOOLEAN, 0.0, null, T0, Reading.bool("v", "in1", true), later)).isTrue();
        assertThat(policy.store(DataPointType.BOOLEAN, 1.0, null, T0, Reading.bool("v", "in1", true), later)).isFalse();
        assertThat(policy.store(DataPointType.TEXT, null, "removed", T0, Reading.text("v", "usb", "plugged", null), later))
                .isTrue();
        assertThat(policy.store(DataPointType.TEXT, null, "plugged", T0, Reading.text("v", "usb", "plugged", null), later))
                .isFalse();
    }

    @Test
    @DisplayName("a value read no later than the last stored one (a report sent again, or late) is not stored")
    void notBackwards() {
        assertThat(policy.store(DataPointType.BOOLEAN, 0.0, null, T0, Reading.bool("v", "in1", true), T0)).isFalse();
        assertThat(policy.store(DataPointType.BOOLEAN, 0.0, null, T0, Reading.bool("v", "in1", true), T0.minusSeconds(5)))
                .isFalse();
    }
}
