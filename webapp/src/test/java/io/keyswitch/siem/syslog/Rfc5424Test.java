package io.keyswitch.siem.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.siem.syslog.SyslogMessage.Param;
import io.keyswitch.siem.syslog.SyslogMessage.StructuredData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 5424 messages")
class Rfc5424Test {

    private static final Instant AT = Instant.parse("2026-12-05T11:42:07.123456Z");

    private static SyslogMessage message(List<StructuredData> data, String msg) {
        return new SyslogMessage(13, 5, AT, "portal.example.com", "keyswitch", null, "device.update", data, msg);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("header, structured data and MSG after the UTF-8 byte order mark, as RFC 5424 section 6 writes them")
    void wholeMessage() {
        // Arrange
        SyslogMessage m = message(List.of(new StructuredData("audit@32473",
                List.of(new Param("eventId", "42"), new Param("actor", "alpha/admin")))), "changed");

        // Act
        byte[] bytes = Rfc5424.format(m, 8192);

        // Assert: PRI 13×8+5 = 109, VERSION 1, milliseconds in UTC, PROCID nil
        assertThat(text(bytes)).isEqualTo("<109>1 2026-12-05T11:42:07.123Z portal.example.com keyswitch - device.update"
                + " [audit@32473 eventId=\"42\" actor=\"alpha/admin\"] \uFEFFchanged");
        int bom = text(bytes).indexOf('\uFEFF');
        byte[] expectedBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertThat(Arrays.copyOfRange(bytes, text(bytes).substring(0, bom).getBytes(StandardCharsets.UTF_8).length,
                text(bytes).substring(0, bom).getBytes(StandardCharsets.UTF_8).length + 3)).isEqualTo(expectedBom);
    }

    @Test
    @DisplayName("SD-PARAM values escape \", \\ and ] with a backslash, and nothing else")
    void escaping() {
        // Arrange
        SyslogMessage m = message(List.of(new StructuredData("audit@32473",
                List.of(new Param("reason", "say \"hi\" \\ [x] ok=1 ü")))), null);

        // Act
        String written = text(Rfc5424.format(m, 8192));

        // Assert
        assertThat(written).endsWith("[audit@32473 reason=\"say \\\"hi\\\" \\\\ [x\\] ok=1 ü\"]");
    }

    @Test
    @DisplayName("NILVALUE: no structured data is '-', empty header fields are '-', no MSG leaves the part out")
    void nilValues() {
        // Arrange
        SyslogMessage m = new SyslogMessage(13, 4, null, null, "", " ", null, List.of(), null);

        // Act
        String written = text(Rfc5424.format(m, 8192));

        // Assert
        assertThat(written).isEqualTo("<108>1 - - - - - -");
    }

    @Test
    @DisplayName("a parameter without a value is left out; an element with none left stays as its SD-ID")
    void nullParameter() {
        // Arrange
        SyslogMessage m = message(List.of(new StructuredData("audit@32473",
                List.of(new Param("sourceAddress", null), new Param("outcome", "SUCCESS")))), null);

        // Act / Assert
        assertThat(text(Rfc5424.format(m, 8192))).endsWith(" device.update [audit@32473 outcome=\"SUCCESS\"]");
    }

    @Test
    @DisplayName("header fields keep printable US-ASCII only and their RFC length: MSGID 32, APP-NAME 48")
    void headerFields() {
        // Arrange
        SyslogMessage m = new SyslogMessage(13, 5, AT, "my host", "a".repeat(60), "1 2", "x".repeat(40) + "ü",
                List.of(), null);

        // Act
        String written = text(Rfc5424.format(m, 8192));

        // Assert
        assertThat(written).isEqualTo("<109>1 2026-12-05T11:42:07.123Z my_host " + "a".repeat(48) + " 1_2 " + "x".repeat(32) + " -");
    }

    @Test
    @DisplayName("a message beyond the largest size is cut in its MSG only, at a character's boundary, ending in …")
    void lengthLimit() {
        // Arrange: 3-byte characters, so a cut at any byte would split one
        SyslogMessage m = message(List.of(new StructuredData("audit@32473", List.of(new Param("eventId", "7")))),
                "€".repeat(1000));
        int limit = 200;

        // Act
        byte[] bytes = Rfc5424.format(m, limit);

        // Assert
        assertThat(bytes.length).isLessThanOrEqualTo(limit).isGreaterThan(limit - 3 - 3);
        String written = text(bytes);
        assertThat(written).doesNotContain("\uFFFD").endsWith("€…").contains("[audit@32473 eventId=\"7\"] \uFEFF€");
        assertThat(Rfc5424.format(message(List.of(), "short"), limit)).hasSize(
                ("<109>1 2026-12-05T11:42:07.123Z portal.example.com keyswitch - device.update - ").length() + 3 + 5);
    }

    @Test
    @DisplayName("an SD-ID or PARAM-NAME with a space, =, ], \" or more than 32 characters is refused")
    void names() {
        assertThatThrownBy(() -> new StructuredData("audit id", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StructuredData("audit@1", List.of(new Param("a=b", "x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StructuredData("x".repeat(33), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StructuredData("a]", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
