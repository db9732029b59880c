package io.keyswitch.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The second factor a login event names")
class LoginFactorTest {

    @ParameterizedTest(name = "{0} / {1} / {2} → {3}")
    @DisplayName("is read from what the web and VPN logins write in details and reason")
    @CsvSource(delimiter = ';', nullValues = "null", value = {
        "login; second factor: authenticator app; null; authenticator app",
        "login; second factor: authenticator app, enrolled now; null; authenticator app",
        "login; second factor: recovery code (7 left); null; recovery code",
        "login; second factor: e-mail link; null; e-mail link",
        "login; second factor: SMS code; null; SMS code",
        "login; second factor: none (password only); null; none",
        "vpn.login; VPN, second factor: authenticator app; null; authenticator app",
        "vpn.login; VPN; wrong authenticator code; authenticator app",
        "login.second-factor; wrong authenticator code used before; null; authenticator app",
        "login.second-factor; wrong recovery code; null; recovery code",
        "login.second-factor; e-mail link unknown, used or expired; null; e-mail link",
        "login.second-factor; wrong SMS code; null; SMS code",
        "login.mail-link; null; null; e-mail link",
        "login.sms; null; gateway down; SMS code",
        "login.reauth; password and current code, to replace the authenticator; null; authenticator app",
    })
    void readFromTheLoginsWords(String action, String details, String reason, String factor) {
        assertThat(LoginFactor.of(action, details, reason)).isEqualTo(factor);
    }

    @ParameterizedTest(name = "{0} → none")
    @DisplayName("is empty where no factor was reached, and for events that are not logins")
    @CsvSource(delimiter = ';', nullValues = "null", value = {
        "login; null; wrong account, user name or password",
        "vpn.login; VPN; wrong user name or password for this profile",
        "login.password; second factor next; null",
        "user.update; {\"fullName\":[\"a\",\"second factor: SMS\"]}; moved desk",
        "device.update; null; null",
    })
    void emptyWithoutAFactor(String action, String details, String reason) {
        assertThat(LoginFactor.of(action, details, reason)).isEmpty();
    }
}
