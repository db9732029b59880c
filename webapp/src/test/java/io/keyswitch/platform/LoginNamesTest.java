package io.keyswitch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Login names: what a typed account and user name stand for")
class LoginNamesTest {

    @Test
    @DisplayName("capitals are folded and spaces around stripped: 'Acme' / ' Alice ' is acme/alice")
    void foldsCapitals() {
        assertThat(LoginNames.parse("Acme", " Alice ")).hasValueSatisfying(n -> {
            assertThat(n.account()).isEqualTo("acme");
            assertThat(n.user()).isEqualTo("alice");
            assertThat(n.qualified()).isEqualTo("acme/alice");
        });
    }

    @ParameterizedTest(name = "user name \"{0}\" is nobody''s")
    @ValueSource(strings = {"admin\u0001", "admin\u200b", "ad\u00admin", "adm\u0131n", "\u212Admin", "admin\u0000", "a",
            "-admin", "admin/x", "admin admin", ""})
    @DisplayName("names that break the creation rules are nobody's: control, format, non-ASCII, too short, bad first character")
    void refusesWhatCannotBeCreated(String user) {
        assertThat(LoginNames.parse("acme", user)).isEmpty();
    }

    @Test
    @DisplayName("a 200-character padded name is nobody's, and is shown cut and cleaned")
    void paddedName() {
        String padded = "admin" + "\u0001".repeat(200);

        assertThat(LoginNames.parse("system", padded)).isEmpty();
        assertThat(LoginNames.shown(padded)).hasSize(LoginNames.MAX_SHOWN + 1).startsWith("admin?????").endsWith("…")
                .doesNotContain("\u0001");
    }

    @Test
    @DisplayName("account names allow dashes but no dots or underscores")
    void accountRules() {
        assertThat(LoginNames.validAccount("acme-plant-2")).isTrue();
        assertThat(LoginNames.validAccount("acme.plant")).isFalse();
        assertThat(LoginNames.validUser("j.doe_2")).isTrue();
        assertThat(LoginNames.validUser("J.Doe")).as("stored names are lower case").isFalse();
    }
}
