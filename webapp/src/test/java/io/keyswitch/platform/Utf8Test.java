package io.keyswitch.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("UTF-8, read strictly")
class Utf8Test {

    @Test
    @DisplayName("UTF-8 is read as it is, supplementary characters included")
    void valid() throws Exception {
        assertThat(Utf8.decode("Mühle 😀 – ok".getBytes(StandardCharsets.UTF_8))).isEqualTo("Mühle 😀 – ok");
    }

    @ParameterizedTest(name = "{0} is refused, never replaced")
    @ValueSource(strings = {"FF", "80", "C0AF", "C080", "E080AF", "EDA080", "F888808080", "E282", "F4908080"})
    void invalid(String hex) {
        byte[] bytes = java.util.HexFormat.of().parseHex("6F6B0A6F6B20" + hex + "20656E64");

        assertThatThrownBy(() -> Utf8.decode(bytes)).isInstanceOfSatisfying(Utf8.Invalid.class, e -> {
            assertThat(e.offset()).isEqualTo(6);
            assertThat(e.line()).isEqualTo(2);
        });
    }
}
