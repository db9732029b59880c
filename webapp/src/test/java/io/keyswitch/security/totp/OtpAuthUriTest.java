package io.keyswitch.security.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The otpauth URI for enrolment")
class OtpAuthUriTest {

    private static final TotpSecret SECRET = TotpSecret.ofBase32("JBSWY3DPEHPK3PXP");

    @Test
    @DisplayName("names issuer, account, secret and every parameter of the defaults")
    void defaults() {
        String uri = OtpAuthUri.of(TotpSettings.defaults(), "alice", SECRET);

        assertEquals("otpauth://totp/Keyswitch:alice?secret=JBSWY3DPEHPK3PXP&issuer=Keyswitch"
                + "&algorithm=SHA1&digits=6&period=30", uri);
    }

    @Test
    @DisplayName("percent-encodes spaces, colons and @ in issuer and account, and carries SHA512 / 8 digits / 60 s")
    void encodesLabel() {
        TotpSettings settings = new TotpSettings("ACME Remote: Plant 1", TotpAlgorithm.SHA512, 8, Duration.ofSeconds(60), 1);

        String uri = OtpAuthUri.of(settings, "jane doe@acme.example", SECRET);

        assertEquals("otpauth://totp/ACME%20Remote%3A%20Plant%201:jane%20doe%40acme.example"
                + "?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Remote%3A%20Plant%201"
                + "&algorithm=SHA512&digits=8&period=60", uri);
    }
}
