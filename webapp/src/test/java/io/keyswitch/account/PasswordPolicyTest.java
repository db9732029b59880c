package io.keyswitch.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The default password policy")
class PasswordPolicyTest {

    private final PasswordPolicy policy = PasswordPolicy.DEFAULT;

    @Test
    @DisplayName("accepts 12 characters with lower case, upper case and a digit")
    void acceptsAGoodPassword() {
        assertThat(policy.problems("Maintenance-2026", "admin")).isEmpty();
    }

    @Test
    @DisplayName("names every rule a password breaks, with its length")
    void namesEveryProblem() {
        assertThat(policy.problems("short", "admin")).containsExactly(
                "at least 12 characters (this one has 5)", "an upper-case letter", "a digit");
    }

    @Test
    @DisplayName("refuses a password that contains the user name, in any case")
    void refusesTheUserName() {
        assertThat(policy.problems("Xadmin-2026-Plant", "Admin")).containsExactly("no part that is the user name");
    }

    @Test
    @DisplayName("treats a missing password as empty")
    void missingPassword() {
        assertThat(policy.problems(null, "admin")).first().isEqualTo("at least 12 characters (this one has 0)");
    }

    @Test
    @DisplayName("can ask for a symbol")
    void symbolWhenRequired() {
        PasswordPolicy strict = new PasswordPolicy(12, true, true, true, true);

        assertThat(strict.problems("Maintenance2026", "admin")).containsExactly("a character that is neither a letter nor a digit");
        assertThat(strict.problems("Maintenance-2026", "admin")).isEmpty();
    }
}
