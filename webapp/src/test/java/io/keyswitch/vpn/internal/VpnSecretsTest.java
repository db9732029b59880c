package io.keyswitch.vpn.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.vpn.auth.DeviceSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The VPN's secrets file in KEYSWITCH_HOME")
class VpnSecretsTest {

    @TempDir
    Path home;

    @Test
    @DisplayName("made at the first start with mode 0600, and the same secrets at the next start")
    void madeOnceOwnerOnly() throws IOException {
        // Act
        VpnSecrets first = VpnSecrets.loadOrCreate(home);
        VpnSecrets second = VpnSecrets.loadOrCreate(home);

        // Assert
        Path file = home.resolve(VpnSecrets.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String secret = DeviceSecret.generate(new SecureRandom());
        assertThat(second.hasher().matches(secret, first.hasher().hash(secret))).isTrue();
        assertThat(second.decryptText(first.encryptText("tls-crypt key text"))).isEqualTo("tls-crypt key text");
        assertThat(first.keyEncryptionSecret()).isEqualTo(second.keyEncryptionSecret());
        assertThat(first.toString()).isEqualTo("VpnSecrets[***]");
    }

    @Test
    @DisplayName("a file readable by others is set back to 0600")
    void tightensPermissions() throws IOException {
        VpnSecrets.loadOrCreate(home);
        Path file = home.resolve(VpnSecrets.FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        VpnSecrets.loadOrCreate(home);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    @DisplayName("text sealed under another appliance's secrets does not open, and says why")
    void otherSecretsDoNotOpen(@TempDir Path other) throws IOException {
        String sealed = VpnSecrets.loadOrCreate(other).encryptText("secret");

        assertThatThrownBy(() -> VpnSecrets.loadOrCreate(home).decryptText(sealed))
                .hasMessageContaining("does not open with this appliance's vpn-secrets");
    }

    @Test
    @DisplayName("a damaged file is refused with its path, not used")
    void damagedFile() throws IOException {
        Path file = home.resolve(VpnSecrets.FILE);
        Files.writeString(file, "kek=short\ndevice-secret-key-id=k1\ndevice-secret-key=AAAA\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> VpnSecrets.loadOrCreate(home)).isInstanceOf(IOException.class).hasMessageContaining(file.toString());
    }
}
