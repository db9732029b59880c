package io.keyswitch.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.security.totp.TotpSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("TOTP secrets encrypted at rest")
class TotpSecretCipherTest {

    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    private final TotpSecret secret = TotpSecret.generate(new SecureRandom());

    @Test
    @DisplayName("a secret comes back for its own user, and the stored bytes do not contain it")
    void roundTrip() {
        TotpSecretCipher cipher = new TotpSecretCipher(KEY);

        byte[] stored = cipher.encrypt("42", secret);

        assertThat(cipher.decrypt("42", stored, cipher.keyId())).isEqualTo(secret);
        assertThat(stored).hasSize(1 + 12 + 20 + 16);
        assertThat(indexOf(stored, secret.bytes())).isEqualTo(-1);
        assertThat(cipher.encrypt("42", secret)).as("a fresh nonce each time").isNotEqualTo(stored);
    }

    @Test
    @DisplayName("a ciphertext copied to another user's row, a changed byte or another key is refused")
    void tamperingIsRefused() {
        TotpSecretCipher cipher = new TotpSecretCipher(KEY);
        byte[] stored = cipher.encrypt("42", secret);
        byte[] changed = stored.clone();
        changed[20] ^= 1;
        byte[] otherKey = KEY.clone();
        otherKey[0] = 1;

        assertThatThrownBy(() -> cipher.decrypt("43", stored, cipher.keyId())).hasMessageContaining("was changed");
        assertThatThrownBy(() -> cipher.decrypt("42", changed, cipher.keyId())).hasMessageContaining("was changed");
        TotpSecretCipher other = new TotpSecretCipher(otherKey);
        assertThatThrownBy(() -> other.decrypt("42", stored, cipher.keyId()))
                .hasMessageContaining("encrypted with key " + cipher.keyId());
    }

    @Test
    @DisplayName("a settings secret (the SMTP password) is sealed as text without its clear form, and opens only for its own setting and key")
    void sealedText() {
        TotpSecretCipher cipher = new TotpSecretCipher(KEY);
        String password = "Smtp-Password-äöü-2026";

        String stored = cipher.sealText("mail.smtp.password", password);
        byte[] otherKey = KEY.clone();
        otherKey[0] = 1;
        String changed = stored.substring(0, stored.length() - 6) + (stored.charAt(stored.length() - 6) == 'A' ? 'B' : 'A')
                + stored.substring(stored.length() - 5);

        assertThat(stored).startsWith(TotpSecretCipher.TEXT_PREFIX + cipher.keyId() + ":").doesNotContain(password)
                .doesNotContain(Base64.getEncoder().encodeToString(password.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(TotpSecretCipher.isSealed(stored)).isTrue();
        assertThat(TotpSecretCipher.isSealed(password)).isFalse();
        assertThat(cipher.openText("mail.smtp.password", stored)).isEqualTo(password);
        assertThat(cipher.sealText("mail.smtp.password", password)).as("a fresh nonce each time").isNotEqualTo(stored);
        assertThatThrownBy(() -> cipher.openText("sms.http.headers", stored)).hasMessageContaining("was changed")
                .hasMessageNotContaining(password);
        assertThatThrownBy(() -> cipher.openText("mail.smtp.password", changed)).hasMessageContaining("mail.smtp.password");
        assertThatThrownBy(() -> new TotpSecretCipher(otherKey).openText("mail.smtp.password", stored))
                .hasMessageContaining("encrypted with key " + cipher.keyId());
        assertThatThrownBy(() -> cipher.openText("mail.smtp.password", password)).hasMessageContaining("not in a known encrypted form")
                .hasMessageNotContaining(password);
    }

    @Test
    @DisplayName("without a setting the key is made once in the home folder, readable only by the portal")
    void keyFileInHome(@TempDir Path home) throws Exception {
        TotpSecretCipher first = TotpSecretCipher.fromSettings(key -> null, Optional.of(home));
        TotpSecretCipher second = TotpSecretCipher.fromSettings(key -> null, Optional.of(home));
        Path file = home.resolve(TotpSecretCipher.KEY_FILE);

        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(second.decrypt("1", first.encrypt("1", secret), first.keyId())).isEqualTo(secret);
    }

    @Test
    @DisplayName("the setting wins over the file; a key of the wrong length or no key at all names the setting")
    void keyFromSetting(@TempDir Path home) {
        Map<String, String> settings = Map.of(TotpSecretCipher.KEY_SETTING, Base64.getEncoder().encodeToString(KEY));

        TotpSecretCipher cipher = TotpSecretCipher.fromSettings(settings::get, Optional.of(home));

        assertThat(cipher.keyId()).isEqualTo(new TotpSecretCipher(KEY).keyId());
        assertThat(home.resolve(TotpSecretCipher.KEY_FILE)).doesNotExist();
        assertThatThrownBy(() -> TotpSecretCipher.fromSettings(
                Map.of(TotpSecretCipher.KEY_SETTING, "c2hvcnQ=")::get, Optional.empty()))
                .hasMessageContaining(TotpSecretCipher.KEY_SETTING);
        assertThatThrownBy(() -> TotpSecretCipher.fromSettings(key -> null, Optional.empty()))
                .hasMessageContaining(TotpSecretCipher.KEY_SETTING);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
