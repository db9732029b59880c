package io.keyswitch.vpn.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stores device secrets as HMAC-SHA256 under a server-side key, and checks them in constant time. A secret has
 * 160 random bits, so a slow password hash adds nothing but cost: a reconnect storm of 20,000 devices must cost
 * TLS handshakes, not hashing. The stored form names the key ({@code hmac-sha256$<keyId>$<base64>}) so the key
 * can be rotated. Thread-safe.
 */
public final class DeviceSecretHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9]{1,16}");

    private final String keyId;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    /** @param key at least 32 bytes from the appliance's protected config, never from the database */
    public DeviceSecretHasher(String keyId, byte[] key) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("key id must match " + KEY_ID.pattern());
        }
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the hashing key must have at least 32 bytes");
        }
        this.keyId = keyId;
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String hash(String secret) {
        return "hmac-sha256$" + keyId + "$" + Base64.getEncoder().withoutPadding().encodeToString(mac(secret));
    }

    /** True when {@code secret} is the one {@code stored} was made from (by this key); constant time in the secret. */
    public boolean matches(String secret, String stored) {
        if (secret == null || stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 3 || !parts[0].equals("hmac-sha256") || !parts[1].equals(keyId)) {
            return false;
        }
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret), expected);
    }

    private byte[] mac(String secret) {
        return macs.get().doFinal(secret.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "DeviceSecretHasher[" + keyId + ", key ***]";
    }
}
