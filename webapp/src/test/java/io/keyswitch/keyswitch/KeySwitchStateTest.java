package io.keyswitch.keyswitch;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.datapoint.Reading;
import io.keyswitch.datapoint.ReportStored;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The key switch decision")
class KeySwitchStateTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final Duration KNOWN_FOR = Duration.ofSeconds(180);

    private static KeySwitchState state(Choice device, Choice project, Boolean on, Instant heard) {
        return new KeySwitchState(7, "Press 7", device, project, on, heard);
    }

    @Nested
    @DisplayName("for a device that needs the key switch")
    class Required {

        @Test
        @DisplayName("a switch reported on a moment ago lets connections through")
        void on() {
            // Arrange
            KeySwitchState s = state(Choice.ON, Choice.OFF, true, NOW.minusSeconds(5));

            // Act / Assert
            assertThat(s.refusal(NOW, KNOWN_FOR)).isEmpty();
            assertThat(s.shown(NOW, KNOWN_FOR)).isEqualTo("on");
        }

        @Test
        @DisplayName("a switch reported off refuses, naming the device and when it was reported")
        void off() {
            // Arrange
            KeySwitchState s = state(Choice.ON, Choice.OFF, false, NOW.minusSeconds(5));

            // Act / Assert
            assertThat(s.refusal(NOW, KNOWN_FOR)).contains("Press 7: the key switch at the machine is off (reported"
                    + " 2026-12-05T11:59:55Z); connections need it on. Ask the machine's operator to turn it on.");
            assertThat(s.shown(NOW, KNOWN_FOR)).isEqualTo("off");
        }

        @Test
        @DisplayName("a switch reported on but longer ago than the known-for time counts as off (not known)")
        void stale() {
            // Arrange: exactly at the limit is stale already
            KeySwitchState s = state(Choice.ON, Choice.OFF, true, NOW.minus(KNOWN_FOR));

            // Act / Assert
            assertThat(s.refusal(NOW, KNOWN_FOR)).contains("Press 7: the key switch at the machine is not known (no report"
                    + " since 2026-12-05T11:57:00Z); connections need it on.");
            assertThat(s.shown(NOW, KNOWN_FOR)).isEqualTo("not known");
            assertThat(state(Choice.ON, Choice.OFF, true, NOW.minus(KNOWN_FOR).plusMillis(1)).refusal(NOW, KNOWN_FOR)).isEmpty();
        }

        @Test
        @DisplayName("a switch never reported refuses as not known")
        void never() {
            // Arrange
            KeySwitchState s = state(Choice.ON, Choice.OFF, null, null);

            // Act / Assert
            assertThat(s.refusal(NOW, KNOWN_FOR)).contains("Press 7: the key switch at the machine is not known (no report"
                    + " of it yet); connections need it on.");
        }
    }

    @Nested
    @DisplayName("the device's choice and its project's default")
    class Inheritance {

        @Test
        @DisplayName("inherit follows the project's default: on needs the switch, off does not")
        void inherit() {
            assertThat(state(Choice.INHERIT, Choice.ON, false, NOW).refusal(NOW, KNOWN_FOR)).isPresent();
            assertThat(state(Choice.INHERIT, Choice.OFF, false, NOW).refusal(NOW, KNOWN_FOR)).isEmpty();
        }

        @Test
        @DisplayName("the device's own on or off overrides the project's default")
        void override() {
            assertThat(state(Choice.OFF, Choice.ON, false, NOW).refusal(NOW, KNOWN_FOR)).isEmpty();
            assertThat(state(Choice.ON, Choice.OFF, false, NOW).refusal(NOW, KNOWN_FOR)).isPresent();
        }

        @Test
        @DisplayName("a device that does not need the switch is never refused, off, stale or never reported")
        void notRequired() {
            assertThat(state(Choice.OFF, Choice.OFF, false, NOW).refusal(NOW, KNOWN_FOR)).isEmpty();
            assertThat(state(Choice.INHERIT, Choice.OFF, true, NOW.minusSeconds(3600)).refusal(NOW, KNOWN_FOR)).isEmpty();
            assertThat(state(Choice.INHERIT, Choice.OFF, null, null).refusal(NOW, KNOWN_FOR)).isEmpty();
        }
    }

    @Nested
    @DisplayName("choices as the API and the pages name them")
    class Names {

        @Test
        @DisplayName("inherit, on and off in any case; anything else is no choice")
        void parse() {
            assertThat(Choice.parse(" ON ")).contains(Choice.ON);
            assertThat(Choice.parse("inherit")).contains(Choice.INHERIT);
            assertThat(Choice.parse("yes")).isEmpty();
            assertThat(Choice.parse(null)).isEmpty();
        }
    }

    @Nested
    @DisplayName("a report turns the switch")
    class Turns {

        private ReportStored report(Boolean in1, String before) {
            List<Reading> current = in1 == null ? List.of(Reading.number("values[0]", "temperature", 21.5, "°C"))
                    : List.of(Reading.bool("system.in1", "in1", in1));
            return new ReportStored(1, 7, NOW, current, before == null ? Map.of() : Map.of("in1", before));
        }

        @Test
        @DisplayName("on to off and off to on are turns")
        void turned() {
            assertThat(KeySwitchWatch.turn(report(false, "on"))).contains("off");
            assertThat(KeySwitchWatch.turn(report(true, "off"))).contains("on");
        }

        @Test
        @DisplayName("the same value again, a report without IN1, or the device's first report of it is no turn")
        void notTurned() {
            assertThat(KeySwitchWatch.turn(report(true, "on"))).isEmpty();
            assertThat(KeySwitchWatch.turn(report(null, null))).isEmpty();
            assertThat(KeySwitchWatch.turn(report(true, null))).isEmpty();
        }
    }
}
