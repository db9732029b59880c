package io.keyswitch.vpn.openvpn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The status report parser")
class StatusReportParserTest {

    @Test
    @DisplayName("finds columns by the header, so a reordered or extra column does not shift them")
    void usesHeaderColumns() {
        // Arrange
        List<String> lines = List.of(
                "HEADER\tCLIENT_LIST\tClient ID\tNew Column\tCommon Name\tReal Address\tVirtual Address\tBytes Received\tBytes Sent\tConnected Since (time_t)\tUsername",
                "CLIENT_LIST\t12\tx\tdev-9\t198.51.100.7:5000\t10.255.8.9\t1\t2\t1795881600\tUNDEF");

        // Act
        List<ConnectedClient> clients = StatusReportParser.parse(lines);

        // Assert
        assertEquals(List.of(new ConnectedClient(12, "dev-9", "UNDEF", "198.51.100.7:5000", "10.255.8.9", 1, 2,
                Instant.ofEpochSecond(1795881600))), clients);
    }

    @Test
    @DisplayName("reads status 2 (comma-separated) without a header, and skips a broken row")
    void readsCommaFormatAndSkipsBrokenRows() {
        // Arrange
        List<String> lines = List.of(
                "CLIENT_LIST,dev-1,198.51.100.7:5000,10.255.8.2,,10,20,2026-11-29 16:00:00,1795881600,dev-1,3,3,AES-256-GCM",
                "CLIENT_LIST,dev-2,broken",
                "ROUTING_TABLE,10.255.8.2,dev-1,198.51.100.7:5000,2026-11-29 16:00:00,1795881600");

        // Act
        List<ConnectedClient> clients = StatusReportParser.parse(lines);

        // Assert
        assertEquals(1, clients.size());
        assertEquals(3, clients.get(0).cid());
        assertEquals("10.255.8.2", clients.get(0).virtualAddress());
    }
}
