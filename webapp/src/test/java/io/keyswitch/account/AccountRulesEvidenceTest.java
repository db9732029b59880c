package io.keyswitch.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The account rules' evidence words (IEC 62443 SR 1.3, 1.7)")
class AccountRulesEvidenceTest {

    @Test
    @DisplayName("SR 1.7: the default rules, and changed ones, each rule named")
    void passwords() {
        AccountPolicy defaults = new AccountPolicy(1);
        AccountPolicy strict = new AccountPolicy(2);
        strict.setPasswordMinLength(16);
        strict.setPasswordSymbol(true);
        strict.setPasswordLower(false);
        strict.setPasswordHistory(0);
        strict.setPasswordMaxAgeDays(180);

        assertThat(AccountRulesEvidence.passwords(defaults)).isEqualTo("passwords of at least 12 characters with a lower-case letter,"
                + " an upper-case letter, a digit; no part that is the user name; the last 5 not reused; no maximum age");
        assertThat(AccountRulesEvidence.passwords(strict)).isEqualTo("passwords of at least 16 characters with an upper-case letter,"
                + " a digit, a symbol; no part that is the user name; reuse allowed; changed every 180 days");
    }

    @Test
    @DisplayName("SR 1.3: active and disabled users, and when unused users are disabled (or that they are not)")
    void users() {
        assertThat(AccountRulesEvidence.users(1200, 3, 90)).isEqualTo("1,200 active users, 3 disabled; a user without login for 90 days is disabled");
        assertThat(AccountRulesEvidence.users(2, 0, 0)).isEqualTo("2 active users, 0 disabled; unused users are NOT disabled automatically");
    }
}
