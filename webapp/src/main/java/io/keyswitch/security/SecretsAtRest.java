package io.keyswitch.security;

import io.keyswitch.platform.PortalHome;
import io.keyswitch.platform.SecretSealer;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.security.internal.TotpSecretCipher;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The portal's one key for secrets it must keep usable (TOTP secrets, the SMTP password, the SMS
 * gateway's credentials): AES-256-GCM with the key of {@value TotpSecretCipher#KEY_SETTING} or the
 * key file in the portal home ({@link TotpSecretCipher}). A database backup without the key
 * reveals none of them.
 */
@ApplicationScoped
public class SecretsAtRest implements SecretSealer {

    private volatile TotpSecretCipher cipher;

    /** The cipher, made on first use (reads or makes the key file). */
    public TotpSecretCipher cipher() {
        TotpSecretCipher c = cipher;
        if (c == null) {
            synchronized (this) {
                if (cipher == null) {
                    cipher = TotpSecretCipher.fromSettings(SettingsReader.portalLookup(), PortalHome.path());
                }
                c = cipher;
            }
        }
        return c;
    }

    /** The text to store for a secret setting; blank stays blank (no secret). */
    @Override
    public String seal(String settingKey, String secret) {
        return secret == null || secret.isEmpty() ? "" : cipher().sealText(settingKey, secret);
    }

    /**
     * The secret of a stored setting value; a value stored in clear (before encryption existed) is
     * returned as it is.
     *
     * @throws IllegalStateException naming the setting when it does not decrypt (another key, changed)
     */
    @Override
    public String open(String settingKey, String stored) {
        if (stored == null || stored.isEmpty() || !TotpSecretCipher.isSealed(stored)) {
            return stored == null ? "" : stored;
        }
        return cipher().openText(settingKey, stored);
    }

    @Override
    public boolean isSealed(String stored) {
        return TotpSecretCipher.isSealed(stored);
    }
}
