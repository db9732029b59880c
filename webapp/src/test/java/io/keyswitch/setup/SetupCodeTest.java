package io.keyswitch.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The setup code: nothing on the console to confuse, accepted however it is typed")
class SetupCodeTest {

    @TempDir
    Path home;

    @Test
    @DisplayName("four groups of four upper-case letters and digits, none of 0, O, 1, I, L")
    void unambiguousAlphabet() {
        String code = SetupCode.ensure(home.resolve(SetupCode.FILE));

        assertThat(code).matches("[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}");
    }

    @Test
    @DisplayName("accepted in lower case, without dashes, with spaces; a wrong code is not")
    void anyCase() throws Exception {
        Path file = home.resolve(SetupCode.FILE);
        String code = SetupCode.ensure(file);

        assertThat(SetupCode.matches(file, code.toLowerCase(Locale.ROOT))).isTrue();
        assertThat(SetupCode.matches(file, code.replace("-", ""))).isTrue();
        assertThat(SetupCode.matches(file, " " + code.replace("-", " ").toLowerCase(Locale.ROOT) + " ")).isTrue();
        assertThat(SetupCode.matches(file, code.substring(0, 18) + (code.charAt(18) == 'A' ? "B" : "A"))).isFalse();
        assertThat(SetupCode.matches(file, "")).isFalse();
    }

    @Test
    @DisplayName("a code written by an older portal in mixed case is accepted in any case too")
    void olderMixedCaseCode() throws Exception {
        Path file = home.resolve(SetupCode.FILE);
        Files.writeString(file, "Abcd-2345-efGH-6789\n");

        assertThat(SetupCode.matches(file, "ABCD-2345-EFGH-6789")).isTrue();
        assertThat(SetupCode.matches(file, "abcd2345efgh6789")).isTrue();
    }
}
