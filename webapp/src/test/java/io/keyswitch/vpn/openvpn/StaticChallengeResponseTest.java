package io.keyswitch.vpn.openvpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A static challenge response (SCRV1)")
class StaticChallengeResponseTest {

    @Test
    @DisplayName("reads the example of OpenVPN's management notes: password 'bar', response '8675309'")
    void readsManagementNotesExample() {
        // Arrange
        String field = "SCRV1:YmFy:ODY3NTMwOQ==";

        // Act
        StaticChallengeResponse parsed = StaticChallengeResponse.parse(field).orElseThrow();

        // Assert
        assertEquals("bar", parsed.password());
        assertEquals("8675309", parsed.response());
    }

    @Test
    @DisplayName("keeps colons and non-ASCII characters in the password")
    void keepsColonsInPassword() {
        // Arrange: base64 of "p:ä ss" and "123456"
        String field = "SCRV1:cDrDpCBzcw==:MTIzNDU2";

        // Act
        StaticChallengeResponse parsed = StaticChallengeResponse.parse(field).orElseThrow();

        // Assert
        assertEquals("p:ä ss", parsed.password());
        assertEquals("123456", parsed.response());
    }

    @Test
    @DisplayName("is empty for a plain password, a missing part or broken base64")
    void rejectsOtherForms() {
        assertTrue(StaticChallengeResponse.parse("plain-password").isEmpty());
        assertTrue(StaticChallengeResponse.parse("SCRV1:YmFy").isEmpty());
        assertTrue(StaticChallengeResponse.parse("SCRV1:YmFy:!!!").isEmpty());
        assertTrue(StaticChallengeResponse.parse("SCRV1:YmFy:MTIz:extra").isEmpty());
        assertTrue(StaticChallengeResponse.parse(null).isEmpty());
    }

    @Test
    @DisplayName("prints neither password nor code")
    void printsNoSecret() {
        String printed = StaticChallengeResponse.parse("SCRV1:YmFy:ODY3NTMwOQ==").orElseThrow().toString();
        assertFalse(printed.contains("bar") || printed.contains("8675309"), printed);
    }
}
