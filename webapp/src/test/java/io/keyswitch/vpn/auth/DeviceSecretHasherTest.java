package io.keyswitch.vpn.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Device secrets")
class DeviceSecretHasherTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    @DisplayName("are 160 random bits as 32 base32 characters, different each time")
    void generatedSecretsAreLongAndRandom() {
        // Arrange
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();

        // Act
        for (int i = 0; i < 1000; i++) {
            seen.add(DeviceSecret.generate(random));
        }

        // Assert
        assertEquals(1000, seen.size());
        seen.forEach(secret -> assertTrue(secret.matches("[a-z2-7]{32}"), secret));
        assertTrue(DeviceSecret.BITS >= 120);
    }

    @Test
    @DisplayName("hash to HMAC-SHA256: RFC 4231 test case 6 (131-byte key 0xaa)")
    void hashIsHmacSha256() {
        // Arrange
        byte[] key = new byte[131];
        java.util.Arrays.fill(key, (byte) 0xaa);
        DeviceSecretHasher hasher = new DeviceSecretHasher("rfc", key);

        // Act
        String stored = hasher.hash("Test Using Larger Than Block-Size Key - Hash Key First");

        // Assert
        byte[] mac = java.util.Base64.getDecoder().decode(stored.substring("hmac-sha256$rfc$".length()));
        assertEquals("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                java.util.HexFormat.of().formatHex(mac));
    }

    @Test
    @DisplayName("match the secret they were made from, and nothing else")
    void matchesOnlyTheSecret() {
        // Arrange
        DeviceSecretHasher hasher = new DeviceSecretHasher("k1", KEY);
        String secret = DeviceSecret.generate(new SecureRandom());
        String stored = hasher.hash(secret);

        // Act, Assert
        assertTrue(hasher.matches(secret, stored));
        assertFalse(hasher.matches(secret + "x", stored));
        assertFalse(hasher.matches("", stored));
        assertFalse(hasher.matches(null, stored));
        assertFalse(hasher.matches(secret, "hmac-sha256$k1$not-base64!"));
        assertFalse(hasher.matches(secret, stored.replace("$k1$", "$k2$")));
    }

    @Test
    @DisplayName("do not match under another server key")
    void dependOnTheServerKey() {
        // Arrange
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        String stored = new DeviceSecretHasher("k1", KEY).hash("secret-value");

        // Act
        boolean matches = new DeviceSecretHasher("k1", otherKey).matches("secret-value", stored);

        // Assert
        assertFalse(matches);
        assertNotEquals(stored, new DeviceSecretHasher("k1", otherKey).hash("secret-value"));
    }

    @Test
    @DisplayName("refuse a server key shorter than 32 bytes, and never print it")
    void guardTheKey() {
        assertThrows(IllegalArgumentException.class, () -> new DeviceSecretHasher("k1", new byte[16]));
        assertFalse(new DeviceSecretHasher("k1", KEY).toString().contains("0123456789abcdef"));
    }
}
