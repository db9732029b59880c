package io.keyswitch.appliance.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A line of journalctl -o json")
class JournalLinesTest {

    @Test
    @DisplayName("gives the cursor, the time in microseconds, the unit, the priority and the message")
    void readsAnEntryOfAUnit() {
        // Arrange: a line as journalctl 252 writes it for a message of OpenVPN
        String line = "{\"__CURSOR\":\"s=6a0c;i=1f3;b=9d2;m=2c1;t=62a;x=77\",\"__REALTIME_TIMESTAMP\":\"1764933600123456\","
                + "\"__MONOTONIC_TIMESTAMP\":\"46123\",\"_SYSTEMD_UNIT\":\"openvpn-server@acct-7.service\",\"PRIORITY\":\"3\","
                + "\"SYSLOG_IDENTIFIER\":\"openvpn\",\"MESSAGE\":\"TLS Error: TLS handshake failed\",\"_PID\":\"812\"}";

        // Act
        JournalEntry e = JournalLines.parse(line).orElseThrow();

        // Assert
        assertThat(e.cursor()).isEqualTo("s=6a0c;i=1f3;b=9d2;m=2c1;t=62a;x=77");
        assertThat(e.at()).isEqualTo(Instant.parse("2025-12-05T11:20:00.123456Z"));
        assertThat(e.unit()).isEqualTo("openvpn-server@acct-7.service");
        assertThat(e.priority()).isEqualTo(3);
        assertThat(e.priorityName()).isEqualTo("err");
        assertThat(e.message()).isEqualTo("TLS Error: TLS handshake failed");
    }

    @Test
    @DisplayName("names the unit systemd speaks of (UNIT) for its own messages, such as a start")
    void systemdsMessageAboutAUnit() {
        String line = "{\"__CURSOR\":\"c1\",\"__REALTIME_TIMESTAMP\":\"1764933600000000\",\"_SYSTEMD_UNIT\":\"init.scope\","
                + "\"UNIT\":\"keyswitch-portal.service\",\"PRIORITY\":\"6\",\"MESSAGE\":\"Started keyswitch-portal.service\"}";

        JournalEntry e = JournalLines.parse(line).orElseThrow();

        assertThat(e.unit()).isEqualTo("keyswitch-portal.service");
        assertThat(e.priorityName()).isEqualTo("info");
        assertThat(e.message()).isEqualTo("Started keyswitch-portal.service");
    }

    @Test
    @DisplayName("decodes a message journalctl writes as an array of bytes (not valid UTF-8), and says so of one too long")
    void byteArraysAndNulls() {
        String bytes = "{\"__CURSOR\":\"c2\",\"__REALTIME_TIMESTAMP\":\"1764933600000000\",\"_SYSTEMD_UNIT\":\"mariadb.service\","
                + "\"MESSAGE\":[72,105,255,33]}";
        String tooLong = "{\"__CURSOR\":\"c3\",\"__REALTIME_TIMESTAMP\":\"1764933600000000\",\"MESSAGE\":null}";

        JournalEntry decoded = JournalLines.parse(bytes).orElseThrow();
        JournalEntry notShown = JournalLines.parse(tooLong).orElseThrow();

        assertThat(decoded.message()).isEqualTo("Hi\uFFFD!");
        assertThat(decoded.priority()).isEqualTo(-1);
        assertThat(decoded.priorityName()).isEmpty();
        assertThat(notShown.message()).isEqualTo("(message not shown: too long)");
        assertThat(notShown.unit()).isEmpty();
    }

    @Test
    @DisplayName("skips what is not an entry: blank, not JSON, no cursor, no time, a time that is not a number")
    void skipsWhatIsNotAnEntry() {
        assertThat(JournalLines.parse("")).isEmpty();
        assertThat(JournalLines.parse("-- No entries --")).isEmpty();
        assertThat(JournalLines.parse("{\"MESSAGE\":\"x\",\"__REALTIME_TIMESTAMP\":\"1\"}")).isEmpty();
        assertThat(JournalLines.parse("{\"__CURSOR\":\"c\",\"MESSAGE\":\"x\"}")).isEmpty();
        assertThat(JournalLines.parse("{\"__CURSOR\":\"c\",\"__REALTIME_TIMESTAMP\":\"soon\"}")).isEmpty();
        assertThat(JournalLines.parse("[1,2]")).isEmpty();
    }
}
