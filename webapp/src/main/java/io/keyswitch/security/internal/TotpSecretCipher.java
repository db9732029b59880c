package io.keyswitch.security.internal;

import io.keyswitch.platform.SettingsReader;
import io.keyswitch.security.totp.TotpSecret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts TOTP secrets at rest with AES-256-GCM, and with the same key the secrets kept in
 * settings ({@link #sealText}: the SMTP password, the SMS gateway's credentials). A secret must
 * stay usable, so it cannot be hashed; a copy of the database (a backup) without the key reveals none.
 *
 * <p>The key: the setting {@value #KEY_SETTING} (32 bytes, Base64), or else the file
 * {@value #KEY_FILE} in the portal home folder, made with 32 random bytes and mode 0600 on first
 * use. The stored form is {@code version (1) | nonce (12) | ciphertext | tag (16)}; the user id is
 * authenticated data, so a ciphertext copied to another user's row does not decrypt. The key id
 * (first 8 bytes of the key's SHA-256, hex) is stored beside it, so a changed key is named as the
 * cause, not taken for a wrong code.
 *
 * <p>A sealed text is {@value #TEXT_PREFIX}{@code <key id>:<Base64 of the same binary form>}, with
 * its purpose (e.g. the setting's key) as authenticated data, so a value copied to another setting
 * does not decrypt.
 */
public final class TotpSecretCipher {

    public static final String KEY_SETTING = "keyswitch.totp.encryption-key";
    public static final String KEY_FILE = "totp-encryption.key";

    /** How a sealed text starts; a value without it was stored in clear. */
    public static final String TEXT_PREFIX = "aes-gcm:v1:";

    private static final Logger LOG = Logger.getLogger(TotpSecretCipher.class.getName());
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    public TotpSecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException(KEY_SETTING + " must be 32 bytes (Base64), not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = keyIdOf(key);
    }

    /** The cipher from the setting, or from the home folder's key file (made on first use). */
    public static TotpSecretCipher fromSettings(UnaryOperator<String> settings, java.util.Optional<Path> home) {
        SettingsReader read = SettingsReader.of(settings);
        if (read.isSet(KEY_SETTING)) {
            TotpSecretCipher cipher = new TotpSecretCipher(read.value(KEY_SETTING, "", TotpSecretCipher::base64));
            LOG.info("TOTP secrets and settings secrets are encrypted with AES-256-GCM; key from the setting " + KEY_SETTING
                    + " (key id " + cipher.keyId + ").");
            return cipher;
        }
        Path file = home.orElseThrow(() -> new IllegalStateException(
                "No key to encrypt TOTP secrets: set " + KEY_SETTING + " or the portal home folder (keyswitch.home)"))
                .resolve(KEY_FILE);
        TotpSecretCipher cipher = new TotpSecretCipher(readOrCreate(file));
        LOG.info("TOTP secrets and settings secrets are encrypted with AES-256-GCM; key from " + file + " (key id " + cipher.keyId + ").");
        return cipher;
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be Base64", e);
        }
    }

    private static byte[] readOrCreate(Path file) {
        return Base64.getDecoder().decode(io.keyswitch.platform.OwnerOnlyFile.readOrCreate(file, () -> {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            return Base64.getEncoder().encodeToString(fresh) + "\n";
        }).strip());
    }

    public String keyId() {
        return keyId;
    }

    public byte[] encrypt(String userId, TotpSecret secret) {
        return seal(aad(userId), secret.bytes());
    }

    /**
     * @throws IllegalStateException if the data was made with another key or changed
     */
    public TotpSecret decrypt(String userId, byte[] stored, String storedKeyId) {
        if (!keyId.equals(storedKeyId)) {
            throw new IllegalStateException("The TOTP secret of user " + userId + " was encrypted with key " + storedKeyId
                    + ", but the portal's key is " + keyId + "; restore the key or reset the user's authenticator");
        }
        return TotpSecret.ofBytes(open(aad(userId), stored, "The TOTP secret of user " + userId));
    }

    /** Whether a stored text is sealed by {@link #sealText} (otherwise it was stored in clear). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(TEXT_PREFIX);
    }

    /** Seals a secret text for storage, bound to {@code purpose} (e.g. the setting's key). */
    public String sealText(String purpose, String text) {
        byte[] sealed = seal(textAad(purpose), text.getBytes(StandardCharsets.UTF_8));
        return TEXT_PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    /**
     * The text {@link #sealText} sealed for the same purpose.
     *
     * @throws IllegalStateException naming the purpose if it was sealed with another key, is not
     *     in the known form, or was changed; never holding the text
     */
    public String openText(String purpose, String stored) {
        if (!isSealed(stored)) {
            throw new IllegalStateException(purpose + " is not in a known encrypted form");
        }
        String rest = stored.substring(TEXT_PREFIX.length());
        int colon = rest.indexOf(':');
        String storedKeyId = colon < 0 ? "" : rest.substring(0, colon);
        if (!keyId.equals(storedKeyId)) {
            throw new IllegalStateException(purpose + " was encrypted with key " + storedKeyId + ", but the portal's key is "
                    + keyId + "; restore the key or enter the secret again");
        }
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(rest.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(purpose + " is not in a known encrypted form", e);
        }
        return new String(open(textAad(purpose), sealed, purpose), StandardCharsets.UTF_8);
    }

    private byte[] seal(byte[] aad, byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            aes.updateAAD(aad);
            byte[] sealed = aes.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }

    private byte[] open(byte[] aad, byte[] stored, String what) {
        if (stored.length < 1 + NONCE_BYTES + 16 || stored[0] != VERSION) {
            throw new IllegalStateException(what + " is not in a known format");
        }
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            aes.updateAAD(aad);
            return aes.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalStateException(what + " does not decrypt: it was changed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }

    private static byte[] textAad(String purpose) {
        return ("keyswitch-secret-v1:" + purpose).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] aad(String userId) {
        return ("keyswitch-totp-v1:" + userId).getBytes(StandardCharsets.UTF_8);
    }

    private static String keyIdOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
