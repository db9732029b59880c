package io.keyswitch.security.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("TOTP codes (RFC 6238)")
class TotpGeneratorTest {

    /** The seeds of RFC 6238 Appendix B: ASCII digits, 20, 32 and 64 bytes long. */
    private static final String SEED_SHA1 = "12345678901234567890";
    private static final String SEED_SHA256 = "12345678901234567890123456789012";
    private static final String SEED_SHA512 = "1234567890123456789012345678901234567890123456789012345678901234";

    @DisplayName("match every test vector of RFC 6238 Appendix B (8 digits, 30 s)")
    @ParameterizedTest(name = "T = {0} s, {2}: step {1}, code {3}")
    @CsvSource({
        "59,          0000000000000001, SHA1,   94287082",
        "59,          0000000000000001, SHA256, 46119246",
        "59,          0000000000000001, SHA512, 90693936",
        "1111111109,  00000000023523EC, SHA1,   07081804",
        "1111111109,  00000000023523EC, SHA256, 68084774",
        "1111111109,  00000000023523EC, SHA512, 25091201",
        "1111111111,  00000000023523ED, SHA1,   14050471",
        "1111111111,  00000000023523ED, SHA256, 67062674",
        "1111111111,  00000000023523ED, SHA512, 99943326",
        "1234567890,  000000000273EF07, SHA1,   89005924",
        "1234567890,  000000000273EF07, SHA256, 91819424",
        "1234567890,  000000000273EF07, SHA512, 93441116",
        "2000000000,  0000000003F940AA, SHA1,   69279037",
        "2000000000,  0000000003F940AA, SHA256, 90698825",
        "2000000000,  0000000003F940AA, SHA512, 38618901",
        "20000000000, 0000000027BC86AA, SHA1,   65353130",
        "20000000000, 0000000027BC86AA, SHA256, 77737706",
        "20000000000, 0000000027BC86AA, SHA512, 47863826",
    })
    void rfc6238AppendixB(long unixSeconds, String stepHex, TotpAlgorithm algorithm, String expectedCode) {
        // Arrange
        TotpGenerator generator = new TotpGenerator(algorithm, 8, 30);
        TotpSecret seed = TotpSecret.ofBytes(seedFor(algorithm).getBytes(StandardCharsets.US_ASCII));
        Instant time = Instant.ofEpochSecond(unixSeconds);

        // Act
        long step = generator.timeStep(time);
        String code = generator.codeAt(seed, time);

        // Assert
        assertEquals(Long.parseLong(stepHex, 16), step, "time step T");
        assertEquals(expectedCode, code);
    }

    @Test
    @DisplayName("six-digit codes are the last six digits of the eight-digit code, keeping leading zeros")
    void sixDigits() {
        // Arrange
        TotpSecret seed = TotpSecret.ofBytes(SEED_SHA1.getBytes(StandardCharsets.US_ASCII));
        TotpGenerator six = new TotpGenerator(TotpAlgorithm.SHA1, 6, 30);

        // Act
        String atFiftyNine = six.codeAt(seed, Instant.ofEpochSecond(59));
        String atRfcTime = six.codeAt(seed, Instant.ofEpochSecond(1111111109));

        // Assert
        assertEquals("287082", atFiftyNine);
        assertEquals("081804", atRfcTime);
    }

    private static String seedFor(TotpAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA1 -> SEED_SHA1;
            case SHA256 -> SEED_SHA256;
            case SHA512 -> SEED_SHA512;
        };
    }
}
