package io.keyswitch.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyswitch.mail.SmtpSettings.Security;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.setup.SetupWizard;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The SMTP account's rules live once, in {@link MailSettingsStore#check}: the page "E-mail (SMTP)" saves through it,
 * and the setup wizard's mail step checks with it under the step's own field names.
 */
@DisplayName("Checking an SMTP account")
class SmtpSettingsCheckTest {

    private static SmtpSettings smtp(String host, int port, String from) {
        return new SmtpSettings(host, port, Security.STARTTLS, "relay", "secret", from);
    }

    @Test
    @DisplayName("a server, a port from 1 to 65535 and a sender address with an @ are accepted")
    void validAccount() {
        assertThatCode(() -> MailSettingsStore.check(smtp("mail.example.com", 587, "portal@example.com"))).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("each missing or wrong field is named with its message, all at once")
    void everyFieldNamed() {
        ValidationFailed e = catchThrowableOfType(() -> MailSettingsStore.check(smtp(" ", 70000, "portal")), ValidationFailed.class);

        assertThat(e.fieldErrors()).containsExactly(Map.entry("host", "Please enter the SMTP server."),
                Map.entry("port", "The port must be between 1 and 65535."),
                Map.entry("from", "Please enter the sender's e-mail address."));
    }

    @Test
    @DisplayName("a control character in the server or the sender is refused, not stored (nulls are blanks)")
    void controlCharacters() {
        ValidationFailed e = catchThrowableOfType(() -> MailSettingsStore.check(smtp("mail\u0000.example.com", 25,
                "portal@example.com\r\nBcc: all@example.com")), ValidationFailed.class);
        ValidationFailed nulls = catchThrowableOfType(() -> MailSettingsStore.check(smtp(null, 25, null)), ValidationFailed.class);

        assertThat(e.fieldErrors().get("host")).contains("control character");
        assertThat(e.fieldErrors().get("from")).contains("control character");
        assertThat(nulls.fieldErrors()).containsOnlyKeys("host", "from");
    }

    @Test
    @DisplayName("the setup wizard uses the same rules under its field names, and an empty mail step means 'later'")
    void wizardUsesTheSameRules() {
        ValidationFailed e = catchThrowableOfType(() -> SetupWizard.checkMail(smtp("mail.example.com", 0, "portal")),
                ValidationFailed.class);

        assertThat(e.fieldErrors()).containsExactly(Map.entry("mailPort", "The port must be between 1 and 65535."),
                Map.entry("mailFrom", "Please enter the sender's e-mail address."));
        assertThatCode(() -> SetupWizard.checkMail(smtp("", 587, ""))).doesNotThrowAnyException();
        assertThatCode(() -> SetupWizard.checkMail(null)).doesNotThrowAnyException();
    }
}
