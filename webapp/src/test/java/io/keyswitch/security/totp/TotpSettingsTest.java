package io.keyswitch.security.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TOTP settings")
class TotpSettingsTest {

    @Test
    @DisplayName("default to issuer Keyswitch, SHA1, 6 digits, 30 s and ±1 step")
    void defaults() {
        TotpSettings settings = TotpSettings.from(key -> null);

        assertEquals(new TotpSettings("Keyswitch", TotpAlgorithm.SHA1, 6, Duration.ofSeconds(30), 1), settings);
    }

    @Test
    @DisplayName("read every key")
    void readsKeys() {
        Map<String, String> config = Map.of(
                "keyswitch.totp.issuer", "ACME Remote",
                "keyswitch.totp.algorithm", "sha256",
                "keyswitch.totp.digits", "8",
                "keyswitch.totp.period", "60",
                "keyswitch.totp.drift-steps", "0");

        assertEquals(new TotpSettings("ACME Remote", TotpAlgorithm.SHA256, 8, Duration.ofMinutes(1), 0), TotpSettings.from(config::get));
    }

    @Test
    @DisplayName("name the key whose value is unusable")
    void namesBadKey() {
        for (Map.Entry<String, String> bad : Map.of(
                "keyswitch.totp.algorithm", "MD5",
                "keyswitch.totp.digits", "7",
                "keyswitch.totp.period", "half a minute",
                "keyswitch.totp.drift-steps", "5").entrySet()) {
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                    () -> TotpSettings.from(Map.of(bad.getKey(), bad.getValue())::get));

            assertTrue(failure.getMessage().contains(bad.getKey()), failure.getMessage());
        }
    }
}
