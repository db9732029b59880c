package io.keyswitch.security.sms;

import io.keyswitch.platform.SettingsReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Issues and checks the one-time codes of the SMS second factor: six random digits, valid for a
 * few minutes ({@value #KEY_VALIDITY}, default 5 minutes), accepted once, and void after
 * {@value #KEY_ATTEMPTS} tries (default 3). A new code replaces the user's earlier one, but not
 * within {@link #RESEND_INTERVAL} of it, so that someone who knows a password cannot turn the
 * portal into an SMS cannon.
 *
 * <p>The store keeps only a SHA-256 of the code salted with the user id. A six-digit code could
 * be found from its hash by trying all million; what protects it is the short validity, the few
 * tries, and that it is useless without the password. The hash keeps the code out of sight of
 * whoever merely reads the table or a backup of it.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>type</th><th>default</th></tr>
 *   <tr><td>{@value #KEY_VALIDITY}</td><td>duration (ISO-8601 or seconds), 1 to 15 minutes</td><td>PT5M</td></tr>
 *   <tr><td>{@value #KEY_ATTEMPTS}</td><td>int 1..10</td><td>3</td></tr>
 * </table>
 */
public final class SmsCodes {

    public static final String KEY_VALIDITY = "keyswitch.sms.code-validity";
    public static final String KEY_ATTEMPTS = "keyswitch.sms.code-attempts";
    public static final Duration DEFAULT_VALIDITY = Duration.ofMinutes(5);
    public static final int DEFAULT_ATTEMPTS = 3;

    /** A new code is sent at most this often per user. */
    public static final Duration RESEND_INTERVAL = Duration.ofSeconds(30);

    /** Digits of a code. */
    public static final int DIGITS = 6;

    /** How one try ended. */
    public enum Check {
        /** The right code, in time: it is used up now. */
        ACCEPTED,
        /** Not the code; a try is used up (the code is void after the last). */
        WRONG,
        /** No code to check: none sent, already used, expired or out of tries. */
        NONE
    }

    /** The code's settings. */
    public record Settings(Duration validity, int attempts) {

        public Settings {
            if (validity.compareTo(Duration.ofMinutes(1)) < 0 || validity.compareTo(Duration.ofMinutes(15)) > 0) {
                throw new IllegalArgumentException(KEY_VALIDITY + " must be between 1 and 15 minutes, not " + validity);
            }
            if (attempts < 1 || attempts > 10) {
                throw new IllegalArgumentException(KEY_ATTEMPTS + " must be between 1 and 10, not " + attempts);
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_VALIDITY, DEFAULT_ATTEMPTS);
        }

        /**
         * Reads the settings by key; a missing or blank key keeps its default.
         *
         * @throws IllegalArgumentException naming the key whose value is unusable
         */
        public static Settings from(UnaryOperator<String> lookup) {
            SettingsReader read = SettingsReader.of(lookup);
            return new Settings(read.duration(KEY_VALIDITY, DEFAULT_VALIDITY, Duration.ofMinutes(1), Duration.ofMinutes(15)),
                    read.integer(KEY_ATTEMPTS, DEFAULT_ATTEMPTS, 1, 10));
        }
    }

    /** A code just issued: the digits go into the SMS and nowhere else. */
    public record Issued(String code, Instant expiresAt) {

        @Override
        public String toString() {
            return "Issued[code=******, expiresAt=" + expiresAt + "]";
        }
    }

    private final SmsCodeStore store;
    private final Settings settings;
    private final Clock clock;
    private final SecureRandom random;

    public SmsCodes(SmsCodeStore store, Settings settings, Clock clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public Settings settings() {
        return settings;
    }

    /**
     * A new code for the user, replacing the earlier one; empty while the earlier one is younger
     * than {@link #RESEND_INTERVAL} and still live.
     */
    public Optional<Issued> issue(String userId) {
        Objects.requireNonNull(userId, "userId");
        Instant now = clock.instant();
        Optional<StoredSmsCode> earlier = store.find(userId);
        if (earlier.isPresent() && now.isBefore(earlier.get().expiresAt()) && earlier.get().attemptsLeft() > 0
                && now.isBefore(earlier.get().issuedAt().plus(RESEND_INTERVAL))) {
            return Optional.empty();
        }
        String code = String.format("%0" + DIGITS + "d", random.nextInt((int) Math.pow(10, DIGITS)));
        Instant expiresAt = now.plus(settings.validity());
        store.save(new StoredSmsCode(userId, hash(userId, code), now, expiresAt, settings.attempts()));
        return Optional.of(new Issued(code, expiresAt));
    }

    /** Checks a typed code (spaces and dashes ignored); anything but six digits is a wrong try. */
    public Check check(String userId, String typed) {
        Objects.requireNonNull(userId, "userId");
        String compact = typed == null ? "" : typed.replaceAll("[\\s-]", "");
        // A malformed entry still uses up a try, so that the count of tries means what it says.
        String hash = compact.matches("[0-9]{" + DIGITS + "}") ? hash(userId, compact) : hash(userId, "malformed:" + compact);
        return store.attempt(userId, hash, clock.instant());
    }

    /** Voids the user's code, e.g. when sending it failed. */
    public void discard(String userId) {
        store.delete(userId);
    }

    /** Deletes expired codes; for the scheduled housekeeping. */
    public int deleteExpired() {
        return store.deleteExpired(clock.instant());
    }

    /** What a store does with a stored code after one try: {@link #attempt} decides, the store applies it atomically. */
    public enum After {
        /** Leave the row as it is (there was none). */
        KEEP,
        /** Store it with one try less. */
        COUNT_DOWN,
        /** Delete it (used, expired, or its last try). */
        DELETE
    }

    /** The outcome of one try and what becomes of the stored code. */
    public record Attempt(Check check, After after) {
    }

    /**
     * One try against the stored code (or none), for stores: compares in constant time; see
     * {@link SmsCodeStore#attempt}.
     */
    public static Attempt attempt(StoredSmsCode stored, String codeHash, Instant now) {
        if (stored == null) {
            return new Attempt(Check.NONE, After.KEEP);
        }
        if (!now.isBefore(stored.expiresAt()) || stored.attemptsLeft() <= 0) {
            return new Attempt(Check.NONE, After.DELETE);
        }
        boolean match = MessageDigest.isEqual(stored.codeHash().getBytes(StandardCharsets.US_ASCII),
                codeHash.getBytes(StandardCharsets.US_ASCII));
        if (match) {
            return new Attempt(Check.ACCEPTED, After.DELETE);
        }
        return new Attempt(Check.WRONG, stored.attemptsLeft() <= 1 ? After.DELETE : After.COUNT_DOWN);
    }

    /** SHA-256 of the code, salted with the user id and a version label; hex. */
    public static String hash(String userId, String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("keyswitch-sms-code-v1:" + userId + ":" + code).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
