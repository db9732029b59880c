package io.keyswitch.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.siem.syslog.Transport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A syslog target as sent")
class TargetFormTest {

    @Test
    @DisplayName("every wrong field is named at once: name, scope, host, port, transport")
    void fieldErrors() {
        // Arrange
        TargetForm form = new TargetForm(" ", "everything", "bad host!", 0, "SCTP", null, null);

        // Act
        ValidationFailed e = catchThrowableOfType(ValidationFailed.class, form::check);

        // Assert
        assertThat(e.fieldErrors()).containsOnlyKeys("name", "scope", "host", "port", "transport");
        assertThat(e.fieldErrors().get("port")).isEqualTo("The port must be between 1 and 65535.");
    }

    @Test
    @DisplayName("TLS needs a readable CA certificate; UDP and TCP keep none even when one is sent")
    void caCertificate() {
        // Arrange
        TargetForm noCa = new TargetForm("SOC", null, "siem.example.com", 6514, "TLS", "", null);
        TargetForm garbage = new TargetForm("SOC", null, "siem.example.com", 6514, "tls",
                "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----", null);
        TargetForm tcp = new TargetForm("SOC", null, "siem.example.com", 514, "tcp", "ignored", false);

        // Act
        ValidationFailed missing = catchThrowableOfType(ValidationFailed.class, noCa::check);
        ValidationFailed unreadable = catchThrowableOfType(ValidationFailed.class, garbage::check);
        TargetForm.Checked checked = tcp.check();

        // Assert
        assertThat(missing.fieldErrors().get("caPem")).contains("TLS needs the CA certificate");
        assertThat(unreadable.fieldErrors().get("caPem")).contains("cannot be read");
        assertThat(checked.transport()).isEqualTo(Transport.TCP);
        assertThat(checked.caPem()).isNull();
        assertThat(checked.enabled()).isFalse();
        assertThat(checked.scope()).isEqualTo(TargetForm.Scope.ACCOUNT);
    }

    @Test
    @DisplayName("hosts: DNS names, IPv4 and IPv6 addresses pass; spaces, slashes, a hyphen at a label's edge and empty labels do not")
    void hosts() {
        for (String ok : new String[] {"siem.example.com", "10.1.2.3", "localhost", "fd00::1", "siem-01.plant.local."}) {
            assertThat(new TargetForm("SOC", "APPLIANCE", ok, 514, "UDP", null, null).check().host()).isEqualTo(ok);
        }
        for (String bad : new String[] {"siem example", "-siem.example.com", "siem..example.com", "a/b"}) {
            assertThat(catchThrowableOfType(ValidationFailed.class,
                    () -> new TargetForm("SOC", null, bad, 514, "UDP", null, null).check()).fieldErrors()).containsKey("host");
        }
    }
}
