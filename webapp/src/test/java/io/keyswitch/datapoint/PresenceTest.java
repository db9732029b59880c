package io.keyswitch.datapoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Online, offline and last seen from reports and the tunnel")
class PresenceTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final Duration THREE_MINUTES = Duration.ofMinutes(3);

    @Test
    @DisplayName("a device that reported within interval × 3 is online; after that, without a tunnel, offline")
    void reports() {
        assertThat(Presence.of(NOW.minusSeconds(179), false, null, NOW, THREE_MINUTES).online()).isTrue();
        Presence silent = Presence.of(NOW.minusSeconds(180), false, null, NOW, THREE_MINUTES);
        assertThat(silent.online()).isFalse();
        assertThat(silent.text()).isEqualTo("offline");
        assertThat(silent.lastSeen()).isEqualTo(NOW.minusSeconds(180));
    }

    @Test
    @DisplayName("a device with its tunnel up is online however long ago it reported")
    void tunnel() {
        assertThat(Presence.of(NOW.minus(Duration.ofDays(2)), true, NOW.minusSeconds(5), NOW, THREE_MINUTES).online()).isTrue();
        assertThat(Presence.of(null, true, NOW.minusSeconds(5), NOW, THREE_MINUTES).text()).isEqualTo("online");
    }

    @Test
    @DisplayName("last seen is the later of the last report and the tunnel's last sign of life")
    void lastSeen() {
        Instant report = NOW.minusSeconds(600);
        Instant tunnel = NOW.minusSeconds(60);
        assertThat(Presence.of(report, false, tunnel, NOW, THREE_MINUTES).lastSeen()).isEqualTo(tunnel);
        assertThat(Presence.of(tunnel, false, report, NOW, THREE_MINUTES).lastSeen()).isEqualTo(tunnel);
        assertThat(Presence.of(null, false, null, NOW, THREE_MINUTES).text()).isEqualTo("never seen");
    }
}
