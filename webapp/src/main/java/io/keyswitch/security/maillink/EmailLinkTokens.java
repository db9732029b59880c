package io.keyswitch.security.maillink;

import io.keyswitch.platform.SettingsReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Issues and redeems the tokens of the e-mail link second factor: after the password, the portal
 * mails the user a link holding a token; following the link within the validity (default
 * 10 minutes) completes the login, once.
 *
 * <p>A token is 256 bits from {@link SecureRandom}, URL-safe Base64. The store keeps only its
 * SHA-256: whoever reads the table cannot use a pending link, and since the token is random and
 * long, an unsalted fast hash is enough (there is nothing to guess or precompute).
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>type</th><th>default</th></tr>
 *   <tr><td>{@value #KEY_VALIDITY}</td><td>duration (ISO-8601 or seconds)</td><td>PT10M</td></tr>
 * </table>
 */
public final class EmailLinkTokens {

    public static final String KEY_VALIDITY = "keyswitch.mail-link.validity";
    public static final Duration DEFAULT_VALIDITY = Duration.ofMinutes(10);

    private static final int TOKEN_BYTES = 32;
    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final EmailLinkTokenStore store;
    private final Duration validity;
    private final Clock clock;
    private final SecureRandom random;

    public EmailLinkTokens(EmailLinkTokenStore store, Duration validity, Clock clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.validity = Objects.requireNonNull(validity, "validity");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException(KEY_VALIDITY + " must be positive");
        }
    }

    /** How long a link is valid after it is issued. */
    public Duration validity() {
        return validity;
    }

    /** The validity from {@value #KEY_VALIDITY}, or the default when the lookup has none. */
    public static Duration validityFrom(UnaryOperator<String> lookup) {
        return SettingsReader.of(lookup).duration(KEY_VALIDITY, DEFAULT_VALIDITY);
    }

    /** Issues a token for the user, voiding any earlier one, and returns it for the mail. */
    public EmailLinkToken issue(String userId) {
        Objects.requireNonNull(userId, "userId");
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = clock.instant().plus(validity);
        store.save(new StoredEmailLink(userId, hash(token), expiresAt));
        return new EmailLinkToken(token, expiresAt);
    }

    /**
     * Redeems a token from a followed link: the first time within its validity it yields the
     * user id; any later attempt, an expired or an unknown token yields nothing. The caller
     * should check that the user matches the login in progress, and report an empty answer to
     * the login jail as a failure.
     */
    public Optional<String> redeem(String token) {
        if (token == null || !TOKEN_SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return store.take(hash(token))
                .filter(link -> now.isBefore(link.expiresAt()))
                .map(StoredEmailLink::userId);
    }

    /** Deletes expired links; for a scheduled housekeeping job. */
    public int deleteExpired() {
        return store.deleteExpired(clock.instant());
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
