package io.keyswitch.security.internal;

import io.keyswitch.platform.PortalHome;
import io.keyswitch.security.totp.TotpSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * Encrypts TOTP secrets at rest with AES-256-GCM. A secret must stay usable, so it cannot be
 * hashed; a copy of the database (a backup) without the key reveals none.
 *
 * <p>The key: the setting {@value #KEY_SETTING} (32 bytes, Base64), or else the file
 * {@value #KEY_FILE} in the portal home folder, made with 32 random bytes and mode 0600 on first
 * use. The stored form is {@code version (1) | nonce (12) | ciphertext | tag (16)}; the user id is
 * authenticated data, so a ciphertext copied to another user's row does not decrypt. The key id
 * (first 8 bytes of the key's SHA-256, hex) is stored beside it, so a changed key is named as the
 * cause, not taken for a wrong code.
 */
public final class TotpSecretCipher {

    public static final String KEY_SETTING = "keyswitch.totp.encryption-key";
    public static final String KEY_FILE = "totp-encryption.key";

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
        String configured = settings.apply(KEY_SETTING);
        if (configured != null && !configured.isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(configured.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(KEY_SETTING + " must be Base64", e);
            }
            TotpSecretCipher cipher = new TotpSecretCipher(key);
            LOG.info("TOTP secrets are encrypted with AES-256-GCM; key from the setting " + KEY_SETTING
                    + " (key id " + cipher.keyId + ").");
            return cipher;
        }
        Path file = home.orElseThrow(() -> new IllegalStateException(
                "No key to encrypt TOTP secrets: set " + KEY_SETTING + " or the portal home folder (keyswitch.home)"))
                .resolve(KEY_FILE);
        TotpSecretCipher cipher = new TotpSecretCipher(readOrCreate(file));
        LOG.info("TOTP secrets are encrypted with AES-256-GCM; key from " + file + " (key id " + cipher.keyId + ").");
        return cipher;
    }

    private static byte[] readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
                    return fresh;
                } catch (FileAlreadyExistsException madeByAnotherThread) {
                    // fall through and read it
                }
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or make the TOTP key file " + file, e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public byte[] encrypt(String userId, TotpSecret secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            aes.updateAAD(aad(userId));
            byte[] sealed = aes.doFinal(secret.bytes());
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }

    /**
     * @throws IllegalStateException if the data was made with another key or changed
     */
    public TotpSecret decrypt(String userId, byte[] stored, String storedKeyId) {
        if (!keyId.equals(storedKeyId)) {
            throw new IllegalStateException("The TOTP secret of user " + userId + " was encrypted with key " + storedKeyId
                    + ", but the portal's key is " + keyId + "; restore the key or reset the user's authenticator");
        }
        if (stored.length < 1 + NONCE_BYTES + 16 || stored[0] != VERSION) {
            throw new IllegalStateException("The TOTP secret of user " + userId + " is not in a known format");
        }
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            aes.updateAAD(aad(userId));
            return TotpSecret.ofBytes(aes.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES));
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalStateException("The TOTP secret of user " + userId + " does not decrypt: it was changed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
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
