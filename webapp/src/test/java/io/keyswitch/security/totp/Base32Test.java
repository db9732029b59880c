package io.keyswitch.security.totp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Base32 (RFC 4648, no padding)")
class Base32Test {

    @DisplayName("encodes the RFC 4648 section 10 vectors, without the padding")
    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource({
        "'',       ''",
        "f,        MY",
        "fo,       MZXQ",
        "foo,      MZXW6",
        "foob,     MZXW6YQ",
        "fooba,    MZXW6YTB",
        "foobar,   MZXW6YTBOI",
    })
    void encodesRfcVectors(String plain, String base32) {
        assertEquals(base32, Base32.encode(plain.getBytes(StandardCharsets.US_ASCII)));
    }

    @DisplayName("decodes the RFC 4648 vectors as printed, with padding")
    @ParameterizedTest(name = "\"{1}\" -> \"{0}\"")
    @CsvSource({
        "f,        MY======",
        "fo,       MZXQ====",
        "foo,      MZXW6===",
        "foob,     MZXW6YQ=",
        "fooba,    MZXW6YTB",
        "foobar,   MZXW6YTBOI======",
    })
    void decodesPaddedRfcVectors(String plain, String base32) {
        assertEquals(plain, new String(Base32.decode(base32), StandardCharsets.US_ASCII));
    }

    @Test
    @DisplayName("round-trips random secrets of every length from 0 to 64 bytes")
    void roundTrip() {
        Random random = new Random(6238);
        for (int length = 0; length <= 64; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);

            byte[] back = Base32.decode(Base32.encode(data));

            assertArrayEquals(data, back, "length " + length);
        }
    }

    @Test
    @DisplayName("accepts lower case and spaces, as people type a secret shown in groups")
    void lenientInput() {
        assertEquals("foobar", new String(Base32.decode("mzxw 6ytb oi"), StandardCharsets.US_ASCII));
    }

    @Test
    @DisplayName("refuses characters outside the alphabet and impossible lengths")
    void refusesGarbage() {
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZXW1"));
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("M"));
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZX"));
    }
}
