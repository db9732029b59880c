package io.keyswitch.security.totp;

import io.keyswitch.platform.SettingsReader;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The TOTP policy: which HMAC, how many digits, how long a step lasts, how many steps of clock
 * drift are forgiven, and the issuer name an authenticator app shows.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>type</th><th>default</th></tr>
 *   <tr><td>{@value #KEY_ISSUER}</td><td>text</td><td>{@value #DEFAULT_ISSUER}</td></tr>
 *   <tr><td>{@value #KEY_ALGORITHM}</td><td>SHA1 | SHA256 | SHA512</td><td>SHA1</td></tr>
 *   <tr><td>{@value #KEY_DIGITS}</td><td>6 | 8</td><td>{@value #DEFAULT_DIGITS}</td></tr>
 *   <tr><td>{@value #KEY_PERIOD}</td><td>duration (ISO-8601 or seconds)</td><td>PT30S</td></tr>
 *   <tr><td>{@value #KEY_DRIFT_STEPS}</td><td>0..2</td><td>{@value #DEFAULT_DRIFT_STEPS}</td></tr>
 * </table>
 *
 * <p>SHA1 stays the default because Google Authenticator and several others silently ignore the
 * {@code algorithm} parameter and would show wrong codes; HMAC-SHA-1 is not weakened by SHA-1's
 * collision attacks.
 *
 * @param issuer shown by the app above the account name, and the label prefix of the URI
 * @param algorithm the HMAC
 * @param digits 6 or 8
 * @param period the time step (RFC 6238's X)
 * @param driftSteps how many steps before and after the current one are accepted
 */
public record TotpSettings(String issuer, TotpAlgorithm algorithm, int digits, Duration period, int driftSteps) {

    public static final String KEY_ISSUER = "keyswitch.totp.issuer";
    public static final String KEY_ALGORITHM = "keyswitch.totp.algorithm";
    public static final String KEY_DIGITS = "keyswitch.totp.digits";
    public static final String KEY_PERIOD = "keyswitch.totp.period";
    public static final String KEY_DRIFT_STEPS = "keyswitch.totp.drift-steps";

    public static final String DEFAULT_ISSUER = "Keyswitch";
    public static final TotpAlgorithm DEFAULT_ALGORITHM = TotpAlgorithm.SHA1;
    public static final int DEFAULT_DIGITS = 6;
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);
    public static final int DEFAULT_DRIFT_STEPS = 1;

    public TotpSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(period, "period");
        if (issuer.isBlank()) {
            throw new IllegalArgumentException(KEY_ISSUER + " must not be blank");
        }
        if (digits != 6 && digits != 8) {
            throw new IllegalArgumentException(KEY_DIGITS + " must be 6 or 8, not " + digits);
        }
        if (period.getSeconds() < 1 || period.getNano() != 0) {
            throw new IllegalArgumentException(KEY_PERIOD + " must be a whole number of seconds, at least 1");
        }
        if (driftSteps < 0 || driftSteps > 2) {
            throw new IllegalArgumentException(KEY_DRIFT_STEPS + " must be between 0 and 2, not " + driftSteps);
        }
    }

    /** The defaults: issuer "Keyswitch", SHA1, 6 digits, 30 s, ±1 step. */
    public static TotpSettings defaults() {
        return new TotpSettings(DEFAULT_ISSUER, DEFAULT_ALGORITHM, DEFAULT_DIGITS, DEFAULT_PERIOD, DEFAULT_DRIFT_STEPS);
    }

    /**
     * Reads the settings by key; a key the lookup answers with {@code null} or blank keeps its default.
     *
     * @param lookup e.g. {@link SettingsReader#portalLookup()}
     * @throws IllegalArgumentException naming the key whose value is unusable
     */
    public static TotpSettings from(UnaryOperator<String> lookup) {
        SettingsReader read = SettingsReader.of(lookup);
        return new TotpSettings(
                read.text(KEY_ISSUER, DEFAULT_ISSUER),
                TotpAlgorithm.valueOf(read.oneOf(KEY_ALGORITHM, DEFAULT_ALGORITHM.name(), "SHA1", "SHA256", "SHA512")),
                read.integer(KEY_DIGITS, DEFAULT_DIGITS, 6, 8),
                read.duration(KEY_PERIOD, DEFAULT_PERIOD),
                read.integer(KEY_DRIFT_STEPS, DEFAULT_DRIFT_STEPS, 0, 2));
    }

    /** The period in whole seconds. */
    public long periodSeconds() {
        return period.getSeconds();
    }
}
