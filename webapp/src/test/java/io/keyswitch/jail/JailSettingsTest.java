package io.keyswitch.jail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Jail settings")
class JailSettingsTest {

    @Test
    @DisplayName("default to 5 failures in 10 minutes banning for 10 minutes, 10,000 per table, no allow-list, /64")
    void defaults() {
        JailSettings settings = JailSettings.from(key -> null);

        assertEquals(JailSettings.defaults(), settings);
        assertTrue(settings.enabled());
        assertEquals(5, settings.maxFailures());
        assertEquals(Duration.ofMinutes(10), settings.findWindow());
        assertEquals(Duration.ofMinutes(10), settings.banDuration());
        assertEquals(10_000, settings.maxTrackedAddresses());
        assertEquals(10_000, settings.maxTrackedUserNames());
        assertEquals(List.of(), settings.allowList());
        assertEquals(64, settings.ipv6PrefixLength());
    }

    @Test
    @DisplayName("read every key, durations as ISO-8601 or seconds")
    void readsKeys() {
        Map<String, String> config = Map.of(
                "keyswitch.jail.enabled", "false",
                "keyswitch.jail.max-failures", "3",
                "keyswitch.jail.find-window", "PT1H",
                "keyswitch.jail.ban-duration", "900",
                "keyswitch.jail.max-tracked-addresses", "500",
                "keyswitch.jail.max-tracked-user-names", "200",
                "keyswitch.jail.allow-list", "10.0.0.0/8, 2001:db8::/32",
                "keyswitch.jail.ipv6-prefix-length", "56");

        JailSettings settings = JailSettings.from(config::get);

        assertEquals(new JailSettings(false, 3, Duration.ofHours(1), Duration.ofMinutes(15), 500, 200,
                List.of(AddressRange.parse("10.0.0.0/8"), AddressRange.parse("2001:db8::/32")), 56), settings);
    }

    @Test
    @DisplayName("name the key whose value is unusable")
    void namesBadKey() {
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> JailSettings.from(Map.of("keyswitch.jail.max-failures", "five")::get));
        IllegalArgumentException badRange = assertThrows(IllegalArgumentException.class,
                () -> JailSettings.from(Map.of("keyswitch.jail.allow-list", "10.0.0.0/8, intranet")::get));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> JailSettings.from(Map.of("keyswitch.jail.ban-duration", "0")::get));

        assertTrue(notANumber.getMessage().contains("keyswitch.jail.max-failures"), notANumber.getMessage());
        assertTrue(badRange.getMessage().contains("keyswitch.jail.allow-list"), badRange.getMessage());
        assertTrue(zero.getMessage().contains("keyswitch.jail.ban-duration"), zero.getMessage());
    }

    @Test
    @DisplayName("describe an allow-list and odd durations in the start-up line")
    void describe() {
        JailSettings settings = JailSettings.defaults().withPolicy(3, Duration.ofSeconds(90), Duration.ofHours(1))
                .withAllowList("10.0.0.0/8", "2001:db8::/32");

        assertEquals("Login jail: 3 failed logins within 90 s from one source address (IPv6 counted per /64) "
                + "or for one user name ban it for 1 hour; up to 10000 addresses and 10000 user names are tracked; "
                + "allow-listed (never banned): 10.0.0.0/8, 2001:db8:0:0:0:0:0:0/32.", settings.describe());
    }
}
