package io.keyswitch.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The settings reader (keyswitch.*)")
class SettingsReaderTest {

    /** A reader of {@code keyswitch.demo.*}; {@code values} by the short name ({@code flag} for {@code keyswitch.demo.flag}). */
    private static SettingsReader reader(Map<String, String> values) {
        return SettingsReader.of(key -> key.startsWith("keyswitch.demo.") ? values.get(key.substring(15)) : null, "keyswitch.demo.");
    }

    @Test
    @DisplayName("a missing or blank key keeps its default, whatever the type")
    void defaults() {
        // Arrange
        SettingsReader read = reader(Map.of("text", " ", "flag", "", "number", "\t", "wait", " ", "ranges", " "));

        // Act + Assert
        assertThat(read.text("text", "fallback")).isEqualTo("fallback");
        assertThat(read.optionalText("text")).isEmpty();
        assertThat(read.isSet("text")).isFalse();
        assertThat(read.bool("flag", true)).isTrue();
        assertThat(read.integer("number", 7, 1, 10)).isEqualTo(7);
        assertThat(read.duration("wait", Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
        assertThat(read.oneOf("missing", "process", "systemd", "process")).isEqualTo("process");
        assertThat(read.list("ranges", s -> s)).isEmpty();
        assertThat(read.words("missing", "")).isEmpty();
    }

    @Test
    @DisplayName("reads text stripped, true/false in any case, numbers in bounds, ISO-8601 or seconds, choices, lists")
    void values() {
        // Arrange
        SettingsReader read = reader(Map.of("text", "  a value ", "flag", "FALSE", "number", "10", "wait", "PT1H",
                "seconds", "90", "choice", "Sha256", "ranges", "10.0.0.0/8, ,192.168.0.0/16", "command", "sudo  -n systemctl"));

        // Act + Assert
        assertThat(read.text("text", "x")).isEqualTo("a value");
        assertThat(read.optionalText("text")).isEqualTo(Optional.of("a value"));
        assertThat(read.bool("flag", true)).isFalse();
        assertThat(read.integer("number", 1, 1, 10)).isEqualTo(10);
        assertThat(read.duration("wait", Duration.ZERO)).isEqualTo(Duration.ofHours(1));
        assertThat(read.duration("seconds", Duration.ZERO, Duration.ofSeconds(1), Duration.ofDays(1))).isEqualTo(Duration.ofSeconds(90));
        assertThat(read.oneOf("choice", "SHA1", "SHA1", "SHA256", "SHA512")).isEqualTo("SHA256");
        assertThat(read.list("ranges", s -> s)).containsExactly("10.0.0.0/8", "192.168.0.0/16");
        assertThat(read.words("command", "")).isEqualTo(List.of("sudo", "-n", "systemctl"));
        assertThat(read.<Integer>value("number", "0", Integer::valueOf)).isEqualTo(Integer.valueOf(10));
    }

    @Test
    @DisplayName("an unusable value fails naming the full key, what it must be and the value")
    void namesTheKey() {
        // Arrange
        SettingsReader read = reader(Map.of("flag", "yes", "number", "11", "word", "many", "wait", "soon",
                "short", "PT0.5S", "choice", "MD5", "ranges", "10.0.0.0/8,nonsense", "pool", "10.0.0.0/33"));

        // Act + Assert
        assertThatThrownBy(() -> read.bool("flag", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("keyswitch.demo.flag must be true or false, not 'yes'");
        assertThatThrownBy(() -> read.integer("number", 1, 1, 10))
                .hasMessage("keyswitch.demo.number must be a whole number from 1 to 10, not '11'");
        assertThatThrownBy(() -> read.integer("word", 1, 1, Integer.MAX_VALUE))
                .hasMessage("keyswitch.demo.word must be a whole number of at least 1, not 'many'");
        assertThatThrownBy(() -> read.duration("wait", Duration.ofMinutes(10)))
                .hasMessage("keyswitch.demo.wait must be a duration like PT10M or 600, not 'soon'");
        assertThatThrownBy(() -> read.duration("short", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(1)))
                .hasMessage("keyswitch.demo.short must be a duration from PT1S to PT24H, not 'PT0.5S'");
        assertThatThrownBy(() -> read.oneOf("choice", "SHA1", "SHA1", "SHA256", "SHA512"))
                .hasMessage("keyswitch.demo.choice must be SHA1, SHA256 or SHA512, not 'MD5'");
        assertThatThrownBy(() -> read.list("ranges", SettingsReaderTest::cidr))
                .hasMessage("keyswitch.demo.ranges: 'nonsense' is not a CIDR range");
        assertThatThrownBy(() -> read.value("pool", "10.0.0.0/8", SettingsReaderTest::cidr))
                .hasMessage("keyswitch.demo.pool: '10.0.0.0/33' is not a CIDR range");
    }

    @Test
    @DisplayName("a reader without prefix reads full keys")
    void fullKeys() {
        SettingsReader read = SettingsReader.of(Map.of("keyswitch.jail.max-failures", "3")::get);

        assertThat(read.integer("keyswitch.jail.max-failures", 5, 1, Integer.MAX_VALUE)).isEqualTo(3);
        assertThat(read.key("keyswitch.jail.max-failures")).isEqualTo("keyswitch.jail.max-failures");
    }

    private static String cidr(String text) {
        if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}/([0-9]|[12][0-9]|3[0-2])")) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR range");
        }
        return text;
    }
}
