package io.keyswitch.siem.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 6587 octet counting")
class OctetCountingTest {

    @Test
    @DisplayName("the frame is the length in bytes (not characters), a space, and the message")
    void frame() {
        // Arrange: 'ü' and the BOM are several bytes each
        byte[] message = "<109>1 - - - - - - \uFEFFü".getBytes(StandardCharsets.UTF_8);

        // Act
        byte[] frame = OctetCounting.frame(message);

        // Assert: 19 ASCII bytes + 3 (BOM) + 2 (ü) = 24
        assertThat(message).hasSize(24);
        assertThat(new String(frame, StandardCharsets.UTF_8)).isEqualTo("24 <109>1 - - - - - - \uFEFFü");
    }

    @Test
    @DisplayName("a line break inside a message stays inside its frame: the receiver counts bytes, not lines")
    void lineBreaks() {
        // Arrange
        byte[] message = "<109>1 - - - - - - \uFEFFline one\nline two".getBytes(StandardCharsets.UTF_8);

        // Act
        String frame = new String(OctetCounting.frame(message), StandardCharsets.UTF_8);

        // Assert
        assertThat(frame).startsWith(message.length + " <109>1").endsWith("line one\nline two");
    }
}
