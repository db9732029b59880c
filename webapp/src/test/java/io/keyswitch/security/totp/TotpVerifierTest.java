package io.keyswitch.security.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyswitch.security.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Checking a typed TOTP code")
class TotpVerifierTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_111_111_111L);
    private static final TotpSecret SECRET = TotpSecret.ofBytes("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    private final TotpSettings settings = TotpSettings.defaults();
    private final TotpGenerator generator = new TotpGenerator(settings);
    private MutableClock clock;
    private TotpVerifier verifier;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(NOW);
        verifier = new TotpVerifier(settings, new InMemoryTotpStepStore(), clock);
    }

    @DisplayName("accepts the code of the current step and of one step either side")
    @ParameterizedTest(name = "code made {0} s from now")
    @ValueSource(ints = {-30, 0, 30})
    void acceptsOneStepDrift(int offsetSeconds) {
        // Arrange
        String code = generator.codeAt(SECRET, NOW.plusSeconds(offsetSeconds));

        // Act
        TotpVerification result = verifier.verify("u1", SECRET, code);

        // Assert
        assertEquals(TotpVerification.ACCEPTED, result);
    }

    @DisplayName("refuses the code of two steps before or after")
    @ParameterizedTest(name = "code made {0} s from now")
    @ValueSource(ints = {-60, 60})
    void refusesTwoStepDrift(int offsetSeconds) {
        String code = generator.codeAt(SECRET, NOW.plusSeconds(offsetSeconds));

        TotpVerification result = verifier.verify("u1", SECRET, code);

        assertEquals(TotpVerification.REJECTED, result);
    }

    @Test
    @DisplayName("refuses a code that was already accepted, even within its validity")
    void refusesReplay() {
        // Arrange
        String code = generator.codeAt(SECRET, NOW);
        verifier.verify("u1", SECRET, code);
        clock.advance(Duration.ofSeconds(10));

        // Act
        TotpVerification again = verifier.verify("u1", SECRET, code);

        // Assert
        assertEquals(TotpVerification.REPLAYED, again);
    }

    @Test
    @DisplayName("refuses an older code once a newer one was accepted")
    void refusesOlderAfterNewer() {
        String newer = generator.codeAt(SECRET, NOW);
        String older = generator.codeAt(SECRET, NOW.minusSeconds(30));
        verifier.verify("u1", SECRET, newer);

        TotpVerification result = verifier.verify("u1", SECRET, older);

        assertEquals(TotpVerification.REPLAYED, result);
    }

    @Test
    @DisplayName("accepts the next step's code after one was used")
    void acceptsNextStep() {
        verifier.verify("u1", SECRET, generator.codeAt(SECRET, NOW));
        clock.advance(Duration.ofSeconds(30));

        TotpVerification result = verifier.verify("u1", SECRET, generator.codeAt(SECRET, clock.instant()));

        assertEquals(TotpVerification.ACCEPTED, result);
    }

    @Test
    @DisplayName("keeps replay records per user")
    void replayIsPerUser() {
        TotpSecret other = TotpSecret.ofBase32("JBSWY3DPEHPK3PXP");
        verifier.verify("u1", SECRET, generator.codeAt(SECRET, NOW));

        TotpVerification result = verifier.verify("u2", other, generator.codeAt(other, NOW));

        assertEquals(TotpVerification.ACCEPTED, result);
    }

    @Test
    @DisplayName("ignores spaces in the typed code")
    void ignoresSpaces() {
        String code = generator.codeAt(SECRET, NOW);

        TotpVerification result = verifier.verify("u1", SECRET, code.substring(0, 3) + " " + code.substring(3));

        assertEquals(TotpVerification.ACCEPTED, result);
    }

    @DisplayName("rejects malformed input without trying it")
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "12345", "1234567", "12345a", "１２３４５６"})
    void rejectsMalformed(String typed) {
        assertEquals(TotpVerification.REJECTED, verifier.verify("u1", SECRET, typed));
    }

    @Test
    @DisplayName("rejects a wrong code of the right shape")
    void rejectsWrongCode() {
        String right = generator.codeAt(SECRET, NOW);
        String wrong = right.equals("000000") ? "000001" : "000000";

        assertEquals(TotpVerification.REJECTED, verifier.verify("u1", SECRET, wrong));
    }
}
