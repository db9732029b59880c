package io.keyswitch.vpn.internal;

import io.keyswitch.vpn.auth.DeviceSecretHasher;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The VPN's two server-side secrets, from {@code <KEYSWITCH_HOME>/vpn-secrets} (mode 0600), made at the first start:
 * the key-encryption secret for private keys at rest, and the {@link DeviceSecretHasher} key. Never in the database,
 * never logged: {@link #toString()} shows neither.
 */
public final class VpnSecrets {

    public static final String FILE = "vpn-secrets";
    private static final Logger LOG = Logger.getLogger(VpnSecrets.class.getName());
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final char[] keyEncryptionSecret;
    private final String hasherKeyId;
    private final byte[] hasherKey;
    private final SecretKeySpec textKey;

    private VpnSecrets(byte[] kek, String hasherKeyId, byte[] hasherKey) {
        this.keyEncryptionSecret = Base64.getEncoder().encodeToString(kek).toCharArray();
        this.hasherKeyId = hasherKeyId;
        this.hasherKey = hasherKey.clone();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(kek, "HmacSHA256"));
            this.textKey = new SecretKeySpec(mac.doFinal("keyswitch vpn text v1".getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the file, or makes it (0600) with fresh random secrets when it is not there. */
    public static VpnSecrets loadOrCreate(Path home) throws IOException {
        Path file = home.resolve(FILE);
        if (!Files.exists(file)) {
            SecureRandom random = new SecureRandom();
            byte[] kek = new byte[32];
            byte[] hmac = new byte[32];
            random.nextBytes(kek);
            random.nextBytes(hmac);
            String text = "# Keyswitch VPN secrets, made at the first start. Keep this file with the database backup:\n"
                    + "# without it the VPN keys stored in the database cannot be read.\n"
                    + "kek=" + Base64.getEncoder().encodeToString(kek) + "\n"
                    + "device-secret-key-id=k1\n"
                    + "device-secret-key=" + Base64.getEncoder().encodeToString(hmac) + "\n";
            try {
                Files.createDirectories(home);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.writeString(file, text, StandardCharsets.UTF_8);
                LOG.info(() -> "VPN secrets made at the first start in " + file + " (mode 0600)");
            } catch (FileAlreadyExistsException e) {
                LOG.fine("another start made the VPN secrets first");
            }
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            LOG.warning(() -> file + " was readable by others; set to 0600");
        }
        Properties values = new Properties();
        values.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        try {
            byte[] kek = Base64.getDecoder().decode(values.getProperty("kek", ""));
            byte[] hmac = Base64.getDecoder().decode(values.getProperty("device-secret-key", ""));
            String keyId = values.getProperty("device-secret-key-id", "");
            if (kek.length < 32 || hmac.length < 32 || !keyId.matches("[a-z0-9]{1,16}")) {
                throw new IOException(file + " is not complete: kek and device-secret-key need 32 bytes each");
            }
            return new VpnSecrets(kek, keyId, hmac);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is damaged: a value is not base64");
        }
    }

    /** For {@link io.keyswitch.vpn.pki.EncryptedKeyCodec}. */
    public char[] keyEncryptionSecret() {
        return keyEncryptionSecret.clone();
    }

    public DeviceSecretHasher hasher() {
        return new DeviceSecretHasher(hasherKeyId, hasherKey);
    }

    /** Encrypts a secret text (a tls-crypt key) with AES-256-GCM: {@code v1$<base64(iv|ciphertext)>}. */
    public String encryptText(String text) {
        try {
            byte[] iv = new byte[12];
            new SecureRandom().nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, textKey, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return "v1$" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** The text {@link #encryptText} sealed; fails when it was sealed under another secret or changed. */
    public String decryptText(String sealed) {
        if (sealed == null || !sealed.startsWith("v1$")) {
            throw new IllegalArgumentException("not a sealed text");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(3));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, textKey, new GCMParameterSpec(128, in, 0, 12));
            return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored secret does not open with this appliance's vpn-secrets");
        }
    }

    @Override
    public String toString() {
        return "VpnSecrets[***]";
    }
}
