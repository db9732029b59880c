package io.keyswitch.security.totp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The ten one-time recovery codes a user gets at TOTP enrolment, for the day the phone is lost.
 * {@link #generate} returns the codes in clear exactly once, for the user to write down, and
 * stores only their hashes; {@link #redeem} accepts a code once and deletes it.
 *
 * <p>A code is 16 characters of RFC 4648 Base32 (80 random bits from {@link SecureRandom}),
 * shown in four groups: {@code abcd-efgh-ijkm-nopq}. Case, dashes and spaces do not matter when
 * typed.
 *
 * <p>Why a single SHA-256 and not bcrypt: slow hashes exist to protect low-entropy secrets that
 * people choose. These codes are machine-made with 80 bits of entropy, so even with the table in
 * hand an attacker needs about 2<sup>79</sup> hash computations per code, which no hashing speed
 * makes feasible; bcrypt would only make every login with a code slower. The hash is salted with
 * the user id and a version label, so equal codes of two users give different hashes and a table
 * precomputed for one portal or user is useless for another.
 */
public final class RecoveryCodes {

    /** How many codes a set has. */
    public static final int CODES_PER_SET = 10;

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int CODE_CHARS = 16;
    private static final String HASH_LABEL = "keyswitch-recovery-code-v1";

    private final RecoveryCodeStore store;
    private final SecureRandom random;

    public RecoveryCodes(RecoveryCodeStore store, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Makes a new set of {@value #CODES_PER_SET} codes for the user, replacing any earlier set,
     * and returns them in clear: show them once, never store or log them.
     */
    public List<String> generate(String userId) {
        List<String> codes = new ArrayList<>(CODES_PER_SET);
        List<String> hashes = new ArrayList<>(CODES_PER_SET);
        while (codes.size() < CODES_PER_SET) {
            String code = randomCode();
            if (!codes.contains(code)) {
                codes.add(code);
                hashes.add(hash(userId, code));
            }
        }
        store.replaceAll(userId, hashes);
        return List.copyOf(codes);
    }

    /**
     * Accepts the code if it is one of the user's unused codes, and uses it up.
     *
     * @return {@code true} exactly once per issued code
     */
    public boolean redeem(String userId, String typedCode) {
        if (typedCode == null) {
            return false;
        }
        String normalized = normalize(typedCode);
        if (normalized.length() != CODE_CHARS) {
            return false;
        }
        return store.remove(userId, hash(userId, normalized));
    }

    /** How many codes the user has left. */
    public int remaining(String userId) {
        return store.remaining(userId);
    }

    /** The stored form of a code: hex SHA-256 over label, user id and the normalized code. */
    static String hash(String userId, String code) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            // Length-prefixed fields: ("ab", "c") and ("a", "bc") must not hash alike.
            for (String field : new String[] {HASH_LABEL, userId, normalize(code)}) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                sha256.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                        (byte) (bytes.length >>> 8), (byte) bytes.length});
                sha256.update(bytes);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private String randomCode() {
        StringBuilder code = new StringBuilder(CODE_CHARS + 3);
        for (int i = 0; i < CODE_CHARS; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    private static String normalize(String code) {
        return code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
