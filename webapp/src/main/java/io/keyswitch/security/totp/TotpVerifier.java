package io.keyswitch.security.totp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Objects;

/**
 * Checks a code a user typed against their secret: the current step and {@code driftSteps}
 * steps either side are tried (±1 by default, so a code is good for 60 to 90 seconds), the
 * comparison takes constant time, and an accepted step is recorded through {@link TotpStepStore}
 * so the same code, or an older one, is refused from then on.
 *
 * <p>Wrong codes must also be reported to the login jail by the caller: with ±1 step, three of a
 * million codes are valid at any moment, so guessing must be rate limited.
 */
public final class TotpVerifier {

    private final TotpGenerator generator;
    private final int driftSteps;
    private final TotpStepStore steps;
    private final Clock clock;

    public TotpVerifier(TotpSettings settings, TotpStepStore steps, Clock clock) {
        this.generator = new TotpGenerator(settings);
        this.driftSteps = settings.driftSteps();
        this.steps = Objects.requireNonNull(steps, "steps");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies a code typed by the user. Spaces are ignored ("123 456").
     *
     * @param userId the user's immutable id, the key of the replay record
     */
    public TotpVerification verify(String userId, TotpSecret secret, String typedCode) {
        if (typedCode == null) {
            return TotpVerification.REJECTED;
        }
        String code = typedCode.replace(" ", "");
        if (code.length() != generator.digits() || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return TotpVerification.REJECTED;
        }
        byte[] typed = code.getBytes(StandardCharsets.US_ASCII);
        long now = generator.timeStep(clock.instant());
        boolean replayed = false;
        // Oldest step first: if the code matches two steps (a one-in-a-million chance), the older
        // one is recorded and the newer one stays usable.
        for (long step = now - driftSteps; step <= now + driftSteps; step++) {
            byte[] expected = generator.codeForStep(secret, step).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, typed)) {
                if (steps.advanceTo(userId, step)) {
                    return TotpVerification.ACCEPTED;
                }
                replayed = true;
            }
        }
        return replayed ? TotpVerification.REPLAYED : TotpVerification.REJECTED;
    }
}
