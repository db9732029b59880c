package io.keyswitch.datapoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.platform.ValidationFailed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A report's values against the device's data points: types, unknown names, the device's limit")
class DeviceReportsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final DataPointSettings CREATE = new DataPointSettings(true, 2, 50, 0, Duration.ofMinutes(15), 60, 3);
    private static final DataPointSettings REFUSE = new DataPointSettings(false, 2, 50, 0, Duration.ofMinutes(15), 60, 3);

    private static Map<String, DataPoint> known(Reading... first) {
        java.util.HashMap<String, DataPoint> points = new java.util.HashMap<>();
        for (Reading r : first) {
            points.put(r.name(), new DataPoint(1, 1, r, T0));
        }
        return points;
    }

    private static Map<String, String> problems(List<Reading> readings, Map<String, DataPoint> points, DataPointSettings s) {
        try {
            DeviceReports.check(readings, points, s);
        } catch (ValidationFailed e) {
            return e.fieldErrors();
        }
        return Map.of();
    }

    @Test
    @DisplayName("unknown names are taken when create-unknown is true, and refused by name when it is false")
    void unknownNames() {
        List<Reading> report = List.of(Reading.number("values[0]", "temperature", 21.5, "°C"), Reading.bool("system.in1", "in1", true));
        Map<String, DataPoint> points = known(Reading.bool("system.in1", "in1", false));

        assertThat(problems(report, points, CREATE)).isEmpty();
        Map<String, String> refused = problems(report, points, REFUSE);
        assertThat(refused).containsOnlyKeys("values[0]");
        assertThat(refused.get("values[0]")).contains("no data point 'temperature'", "create-unknown");
    }

    @Test
    @DisplayName("a value of another type than its point's is refused, naming both")
    void types() {
        Map<String, DataPoint> points = known(Reading.number("values[0]", "temperature", 21.5, "°C"));

        Map<String, String> p = problems(List.of(Reading.text("values[0]", "temperature", "warm", null)), points, CREATE);

        assertThat(p.get("values[0]")).isEqualTo("'temperature' is a data point of numbers, not of text.");
    }

    @Test
    @DisplayName("new names beyond the device's limit of data points are refused")
    void limit() {
        Map<String, DataPoint> points = known(Reading.number("v", "a", 1, null));

        assertThat(problems(List.of(Reading.number("v", "b", 1, null)), points, CREATE)).isEmpty();
        assertThatThrownBy(() -> DeviceReports.check(List.of(Reading.number("v", "b", 1, null), Reading.number("w", "c", 1, null)),
                points, CREATE)).isInstanceOf(ValidationFailed.class).hasMessageContaining("at most 2 data points");
    }
}
