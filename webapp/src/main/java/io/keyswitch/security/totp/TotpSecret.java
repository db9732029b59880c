package io.keyswitch.security.totp;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A user's shared TOTP key. Generated with 160 bits, the length RFC 4226 recommends for
 * HMAC-SHA-1; shown once to the user as Base32 (in the QR code) and then kept by the portal.
 * {@link #toString()} never reveals it, so a secret that slips into a log line stays secret.
 */
public final class TotpSecret {

    /** 160 bits. */
    public static final int GENERATED_BYTES = 20;

    private final byte[] key;

    private TotpSecret(byte[] key) {
        if (key.length < 10) {
            throw new IllegalArgumentException("A TOTP secret needs at least 80 bits");
        }
        this.key = key.clone();
    }

    /** A fresh random 160-bit secret. */
    public static TotpSecret generate(SecureRandom random) {
        byte[] key = new byte[GENERATED_BYTES];
        random.nextBytes(key);
        return new TotpSecret(key);
    }

    /** The secret from its raw bytes (e.g. as stored, or an RFC test seed). */
    public static TotpSecret ofBytes(byte[] key) {
        return new TotpSecret(key);
    }

    /** The secret from its Base32 text (as an authenticator app shows it). */
    public static TotpSecret ofBase32(String base32) {
        return new TotpSecret(Base32.decode(base32));
    }

    /** A copy of the key bytes. */
    public byte[] bytes() {
        return key.clone();
    }

    /** The key as unpadded Base32, for the otpauth URI and manual entry. */
    public String base32() {
        return Base32.encode(key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TotpSecret that && java.security.MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "TotpSecret[" + key.length * 8 + " bits, redacted]";
    }
}
