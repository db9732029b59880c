package io.keyswitch.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.account.Account;
import io.keyswitch.account.AccountStatus;
import io.keyswitch.user.User;
import io.keyswitch.user.UserStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Who may log in once the password was right")
class LoginRefusalTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private final Account account = new Account("acme", NOW.minus(Duration.ofDays(30)));
    private final User user = new User(account, "drive-specialist", "Dana Drive", "$2b$11$x", NOW.minus(Duration.ofDays(1)));

    @Test
    @DisplayName("an active user of an active account")
    void activeUser() {
        assertThat(LoginPipeline.refusal(user, NOW)).isEmpty();
    }

    @Test
    @DisplayName("not a disabled user, nor any user of a disabled account")
    void disabled() {
        user.setStatus(UserStatus.DISABLED);
        assertThat(LoginPipeline.refusal(user, NOW)).hasValue("This user is disabled. Please contact your administrator.");

        user.setStatus(UserStatus.ACTIVE);
        account.setStatus(AccountStatus.DISABLED);
        assertThat(LoginPipeline.refusal(user, NOW)).hasValue("This account is disabled. Please contact your administrator.");
    }

    @Test
    @DisplayName("a temporary user only inside the validity period: from inclusive, until exclusive")
    void validityPeriod() {
        user.setValidFrom(NOW.plusSeconds(60));
        user.setValidUntil(NOW.plus(Duration.ofDays(2)));
        assertThat(LoginPipeline.refusal(user, NOW)).get().asString().startsWith("This temporary access is not valid yet");

        assertThat(LoginPipeline.refusal(user, NOW.plusSeconds(60))).isEmpty();
        assertThat(LoginPipeline.refusal(user, NOW.plus(Duration.ofDays(2)))).get().asString()
                .isEqualTo("This temporary access has expired: it ended at 2026-12-01T12:00:00Z.");
    }

    @Test
    @DisplayName("a temporary user only until the allowed number of logins is used")
    void loginLimit() {
        user.setMaxLogins(2);
        user.recordLogin(NOW);
        assertThat(LoginPipeline.refusal(user, NOW)).isEmpty();

        user.recordLogin(NOW);

        assertThat(LoginPipeline.refusal(user, NOW)).hasValue("This temporary access has used all of its 2 logins.");
    }
}
