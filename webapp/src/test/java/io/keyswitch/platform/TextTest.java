package io.keyswitch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Text the portal stores")
class TextTest {

    @ParameterizedTest(name = "one-line text with U+{0} is refused")
    @ValueSource(strings = {"0000", "0001", "0009", "000A", "000D", "001B", "001F", "007F", "0085", "009F"})
    void controlCharactersInOneLineText(String hex) {
        String value = "press" + (char) Integer.parseInt(hex, 16) + "17";

        assertThat(Text.problem(value, 100, false)).hasValueSatisfying(p -> assertThat(p).contains("control character (U+" + hex));
    }

    @Test
    @DisplayName("multi-line text takes line breaks and tabs, and no other control character")
    void multiLineText() {
        assertThat(Text.problem("line 1\r\nline 2\n\tindented", 100, true)).isEmpty();
        assertThat(Text.problem("bell \u0007", 100, true)).hasValueSatisfying(p -> assertThat(p).contains("U+0007")
                .contains("only line breaks and tabs"));
        assertThat(Text.problem("NUL \u0000", 100, true)).isPresent();
        assertThat(Text.problem("escape \u001b[2J", 100, true)).isPresent();
    }

    @Test
    @DisplayName("a lone surrogate (stored as ?) and U+FFFD (what a decoder makes of bytes that are not UTF-8) are refused")
    void brokenEncodings() {
        assertThat(Text.problem("a\uD800b", 100, false)).hasValueSatisfying(p -> assertThat(p).contains("lone surrogate U+D800"));
        assertThat(Text.problem("a\uDC00", 100, true)).hasValueSatisfying(p -> assertThat(p).contains("lone surrogate U+DC00"));
        assertThat(Text.problem("\uD83D", 100, false)).isPresent();
        assertThat(Text.problem("caf\uFFFD", 100, false)).hasValueSatisfying(p -> assertThat(p).contains("U+FFFD"));
        assertThat(Text.problem("cam \uD83D\uDE00 – Mühle", 100, false)).isEmpty();
    }

    @Test
    @DisplayName("the length is counted in characters as the database counts them: an emoji is one")
    void lengthInCodePoints() {
        String emoji = "\uD83D\uDE00".repeat(100);

        assertThat(Text.problem(emoji, 100, false)).isEmpty();
        assertThat(Text.problem(emoji + "x", 100, false)).hasValueSatisfying(p -> assertThat(p).contains("101 characters; at most 100"));
    }

    @Test
    @DisplayName("text is stripped of blanks, blank is null, and a control character at either end is refused, not stripped away")
    void strippedButNotAltered() {
        Map<String, String> errors = new LinkedHashMap<>();

        assertThat(Text.oneLine(errors, "name", "The name", "  Press 7  ", 100)).isEqualTo("Press 7");
        assertThat(Text.oneLine(errors, "serial", "The serial number", "   ", 100)).isNull();
        assertThat(errors).isEmpty();
        assertThat(Text.oneLine(errors, "name", "The name", "Press 7\u001f", 100)).isNull();
        assertThat(Text.oneLine(errors, "other", "The other", "tab\t", 100)).isNull();
        assertThat(errors).containsOnlyKeys("name", "other");
        assertThat(errors.get("name")).startsWith("The name contains a control character (U+001F)");
    }
}
