package io.keyswitch.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyswitch.platform.RetryPolicy;
import io.keyswitch.platform.ValidationFailed;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Alarm rule and alarm group forms: presets, and a message per wrong field")
class FormsTest {

    @Test
    @DisplayName("a built-in rule needs nothing but its name: the key switch watches in1 for changes, a warning")
    void builtin() {
        RuleForm.Checked c = new RuleForm("key-switch", null, 5L, null, null, null, null, null, null, null, null, null, null).check();

        assertThat(c.kind()).isEqualTo(RuleKind.CHANGE);
        assertThat(c.dataPoint()).isEqualTo("in1");
        assertThat(c.severity()).isEqualTo(Severity.WARNING);
        assertThat(c.name()).isEqualTo("Key switch changed");
        assertThat(c.enabled()).isTrue();
    }

    @Test
    @DisplayName("a rule with nothing right names every field: kind, name, severity, text")
    void emptyRule() {
        ValidationFailed e = catchThrowableOfType(() -> new RuleForm(null, null, null, null, null, null, null, null, null,
                null, null, null, null).check(), ValidationFailed.class);

        assertThat(e.fieldErrors()).containsOnlyKeys("name", "kind", "severity", "text");
    }

    @Test
    @DisplayName("a threshold rule needs a number, a hysteresis of at least 0; a device and a project at once are refused")
    void thresholdRule() {
        ValidationFailed e = catchThrowableOfType(() -> new RuleForm(null, "Hot", 1L, 2L, "above", "temperature", null, null,
                -1.0, null, "critical", "Too hot", null).check(), ValidationFailed.class);

        assertThat(e.fieldErrors()).containsOnlyKeys("projectId", "threshold", "hysteresis");
        assertThat(new RuleForm(null, "Hot", null, null, "ABOVE", "temperature", null, 80.0, 5.0, null, "CRITICAL",
                "Too hot", false).check()).satisfies(c -> {
                    assertThat(c.threshold()).isEqualTo(80.0);
                    assertThat(c.enabled()).isFalse();
                });
    }

    @Test
    @DisplayName("unknown words and bad times are named per field")
    void unknownWords() {
        ValidationFailed rule = catchThrowableOfType(() -> new RuleForm("panic", "x", null, null, null, null, null, null,
                null, null, "loud", "t", null).check(), ValidationFailed.class);
        ValidationFailed group = catchThrowableOfType(() -> new GroupForm("Night", null, null, null, "high", false, false,
                "25:00", null, "Mars/Base", 10, null).check(), ValidationFailed.class);

        assertThat(rule.fieldErrors()).containsKeys("builtin", "severity");
        assertThat(group.fieldErrors()).containsOnlyKeys("userGroupId", "minSeverity", "byMail", "quietFrom", "timeZone",
                "escalateTo");
    }

    @Test
    @DisplayName("alarm settings: defaults, and a key that is wrong is named in full")
    void settings() {
        AlarmSettings defaults = AlarmSettings.from(key -> null);
        IllegalArgumentException wrong = catchThrowableOfType(() -> AlarmSettings.from(Map.of(
                "keyswitch.alarms.interval", "soon")::get), IllegalArgumentException.class);

        assertThat(defaults.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.retry()).isEqualTo(new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(30)));
        assertThat(wrong).hasMessageContaining("keyswitch.alarms.interval");
    }
}
