package io.keyswitch.security.totp;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes TOTP codes as RFC 6238 section 4 defines them: HOTP (RFC 4226) over the time step
 * {@code T = floor(unixSeconds / period)}, dynamically truncated to 6 or 8 digits. Stateless and
 * thread-safe.
 */
public final class TotpGenerator {

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private final TotpAlgorithm algorithm;
    private final int digits;
    private final long periodSeconds;

    public TotpGenerator(TotpSettings settings) {
        this(settings.algorithm(), settings.digits(), settings.periodSeconds());
    }

    public TotpGenerator(TotpAlgorithm algorithm, int digits, long periodSeconds) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits must be 6 to 8");
        }
        if (periodSeconds < 1) {
            throw new IllegalArgumentException("period must be at least one second");
        }
        this.algorithm = algorithm;
        this.digits = digits;
        this.periodSeconds = periodSeconds;
    }

    /** The time step that contains the instant (RFC 6238's T, with T0 = 0). */
    public long timeStep(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), periodSeconds);
    }

    /** The code for the instant. */
    public String codeAt(TotpSecret secret, Instant instant) {
        return codeForStep(secret, timeStep(instant));
    }

    /** The code for a time step, left-padded with zeros to the configured number of digits. */
    public String codeForStep(TotpSecret secret, long step) {
        byte[] hash = hmac(secret.bytes(), step);
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS_OF_TEN[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    /** The number of digits each code has. */
    public int digits() {
        return digits;
    }

    private byte[] hmac(byte[] key, long step) {
        byte[] message = new byte[8];
        for (int i = 7; i >= 0; i--) {
            message[i] = (byte) step;
            step >>>= 8;
        }
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName());
            mac.init(new SecretKeySpec(key, "RAW"));
            return mac.doFinal(message);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("Unusable TOTP key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jcaName() + " is missing from this JVM", e);
        }
    }
}
