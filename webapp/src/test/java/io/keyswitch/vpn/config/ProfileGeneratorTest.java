package io.keyswitch.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Client profiles")
class ProfileGeneratorTest {

    private static final String CA = "-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----\n";
    private static final String CERT = "-----BEGIN CERTIFICATE-----\nREVW\n-----END CERTIFICATE-----\n";
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nS0VZ\n-----END PRIVATE KEY-----\n";
    private static final String TLS = "-----BEGIN OpenVPN Static key V1-----\nabcd\n-----END OpenVPN Static key V1-----\n";
    private final ProfileMaterial material = new ProfileMaterial("vpn.example.com", 1195, "acme-vpn", CA, CERT, KEY, TLS);

    @Test
    @DisplayName("a device profile inlines CA, cert, key and tls-crypt, and dials the account's port over UDP")
    void deviceProfile() {
        // Act
        String profile = new ProfileGenerator().device(material, Optional.empty());

        // Assert
        List<String> lines = profile.lines().toList();
        assertTrue(lines.contains("client"));
        assertTrue(lines.contains("remote vpn.example.com 1195 udp"));
        assertTrue(lines.contains("auth-user-pass"));
        assertTrue(lines.contains("remote-cert-tls server"));
        assertTrue(lines.contains("verify-x509-name acme-vpn name"));
        assertTrue(lines.contains("data-ciphers AES-256-GCM:CHACHA20-POLY1305"));
        assertTrue(lines.contains("explicit-exit-notify 1"), "a device that stops tells the server, so it is offline at once");
        assertTrue(profile.contains("<ca>\n" + CA + "</ca>"));
        assertTrue(profile.contains("<cert>\n" + CERT + "</cert>"));
        assertTrue(profile.contains("<key>\n" + KEY + "</key>"));
        assertTrue(profile.contains("<tls-crypt>\n" + TLS + "</tls-crypt>"));
        assertFalse(profile.contains("static-challenge"));
    }

    @Test
    @DisplayName("a device profile may read the device's identity and secret from an absolute credentials file")
    void deviceCredentialsFile() {
        String profile = new ProfileGenerator().device(material, Optional.of(Path.of("/etc/keyswitch/device.auth")));
        assertTrue(profile.lines().toList().contains("auth-user-pass /etc/keyswitch/device.auth"));
        assertThrows(IllegalArgumentException.class,
                () -> new ProfileGenerator().device(material, Optional.of(Path.of("device.auth"))));
    }

    @Test
    @DisplayName("a technician profile asks for the authenticator code with an echoed static challenge, and caches nothing")
    void technicianProfile() {
        // Act
        List<String> lines = new ProfileGenerator().technician(material).lines().toList();

        // Assert
        assertTrue(lines.contains("static-challenge \"Authenticator code\" 1"));
        assertTrue(lines.contains("auth-user-pass"));
        assertTrue(lines.contains("auth-nocache"));
    }

    @Test
    @DisplayName("uses only directives stock OpenVPN 2.5/2.6 and OpenVPN Connect accept")
    void onlyPortableDirectives() {
        // Arrange
        List<String> portable = List.of("client", "dev", "proto", "remote", "nobind", "resolv-retry", "persist-key",
                "persist-tun", "remote-cert-tls", "verify-x509-name", "tls-version-min", "data-ciphers", "verb",
                "auth-user-pass", "auth-nocache", "static-challenge", "explicit-exit-notify");
        ProfileGenerator generator = new ProfileGenerator();

        // Act
        String both = generator.device(material, Optional.empty()) + generator.technician(material);

        // Assert
        boolean inBlock = false;
        for (String line : both.lines().toList()) {
            if (line.matches("<[a-z\\-]+>")) {
                inBlock = true;
            } else if (line.matches("</[a-z\\-]+>")) {
                inBlock = false;
            } else if (!inBlock && !line.startsWith("#")) {
                assertTrue(portable.contains(line.split(" ")[0]), "not portable: " + line);
            }
        }
        assertFalse(both.contains("<auth-user-pass>"));
    }

    @Test
    @DisplayName("refuses a remote that is not a host name, and material that would close a block early")
    void refusesBadMaterial() {
        assertThrows(IllegalArgumentException.class, () -> new ProfileMaterial("vpn.example.com\nremote evil", 1194, "s", CA, CERT, KEY, TLS));
        ProfileMaterial broken = new ProfileMaterial("vpn.example.com", 1194, "s", CA + "</ca>", CERT, KEY, TLS);
        assertThrows(IllegalArgumentException.class, () -> new ProfileGenerator().technician(broken));
        assertEquals(false, material.toString().contains("PRIVATE KEY"));
    }
}
