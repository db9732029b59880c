package io.keyswitch.datapoint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.datapoint.DataPointType;
import io.keyswitch.datapoint.Reading;
import io.keyswitch.datapoint.api.DeviceReportJson.ReportIn;
import io.keyswitch.datapoint.api.DeviceReportJson.SystemIn;
import io.keyswitch.datapoint.api.DeviceReportJson.ValueIn;
import io.keyswitch.platform.ValidationFailed;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A device report's values, checked field by field")
class DeviceReportJsonTest {

    private static List<Reading> read(SystemIn system, List<ValueIn> values) {
        return DeviceReportJson.readings(new ReportIn(null, null, system, values), 10);
    }

    private static Map<String, String> problems(SystemIn system, List<ValueIn> values) {
        try {
            read(system, values);
        } catch (ValidationFailed e) {
            return e.fieldErrors();
        }
        throw new AssertionError("no problem found");
    }

    @Test
    @DisplayName("system data points become typed readings with their units")
    void systemPoints() {
        // Act
        List<Reading> r = read(new SystemIn(true, false, "plugged", -67, "203.0.113.5", 3600L), null);

        // Assert
        assertThat(r).extracting(Reading::name).containsExactly("in1", "in2", "usb", "signal", "wan", "uptime");
        assertThat(r.get(0)).isEqualTo(Reading.bool("system.in1", "in1", true));
        assertThat(r.get(1).number()).isZero();
        assertThat(r.get(2).text()).isEqualTo("plugged");
        assertThat(r.get(3)).extracting(Reading::number, Reading::unit).containsExactly(-67.0, "dBm");
        assertThat(r.get(5)).extracting(Reading::number, Reading::unit).containsExactly(3600.0, "s");
    }

    @Test
    @DisplayName("machine values are numbers, true/false or text, with an optional unit")
    void machineValues() {
        List<Reading> r = read(null, List.of(new ValueIn("temperature", new BigDecimal("21.5"), "°C"),
                new ValueIn("running", Boolean.TRUE, null), new ValueIn("plc.state", "RUN", null)));

        assertThat(r).extracting(Reading::type).containsExactly(DataPointType.NUMBER, DataPointType.BOOLEAN, DataPointType.TEXT);
        assertThat(r.get(0)).extracting(Reading::number, Reading::unit).containsExactly(21.5, "°C");
        assertThat(r.get(2).text()).isEqualTo("RUN");
    }

    @Test
    @DisplayName("each problem is named by its field: usb, signal, wan, uptime")
    void systemProblems() {
        assertThat(problems(new SystemIn(null, null, "maybe", -500, "not an address", -1L), null))
                .containsOnlyKeys("system.usb", "system.signal", "system.wan", "system.uptime");
    }

    @Test
    @DisplayName("a bad name, a system name, a name twice, a missing value, an object, an overlong text or unit are refused")
    void valueProblems() {
        Map<String, String> p = problems(null, List.of(
                new ValueIn("bad name", 1, null),
                new ValueIn("IN1", true, null),
                new ValueIn("t", 1, null), new ValueIn("t", 2, null),
                new ValueIn("empty", null, null),
                new ValueIn("object", Map.of("a", 1), null),
                new ValueIn("long", "x".repeat(256), null),
                new ValueIn("unit", 1, "u".repeat(17)),
                new ValueIn("n".repeat(65), 1, null),
                new ValueIn("ctl", "a\u0001b", null),
                new ValueIn("huge", new BigDecimal("1e301"), null)));

        assertThat(p).containsOnlyKeys("values[0].name", "values[1].name", "values[3].name", "values[4].value",
                "values[5].value", "values[6].value", "values[7].unit", "values[8].name", "values[9].value", "values[10].value");
        assertThat(p.get("values[1].name")).contains("system data point");
        assertThat(p.get("values[3].name")).contains("twice");
        assertThat(p.get("values[6].value")).contains("at most 255");
    }

    @Test
    @DisplayName("more values than a report may carry, or none at all, is refused")
    void counts() {
        List<ValueIn> many = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            many.add(new ValueIn("v" + i, i, null));
        }
        assertThat(problems(null, many)).containsOnlyKeys("values");
        assertThat(problems(null, List.of())).containsOnlyKeys("body");
        assertThatThrownBy(() -> read(new SystemIn(null, null, null, null, null, null), null)).isInstanceOf(ValidationFailed.class);
    }
}
