package io.keyswitch.datapoint.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Presence by reports: only changes are recorded, offline dated when the device fell silent")
class ReportSilenceTest {

    private static final Instant T = Instant.parse("2026-11-01T12:00:00Z");
    private final ReportSilence silence = new ReportSilence(Duration.ofMinutes(3));

    @Test
    @DisplayName("the first report is 'online'; reports within the interval × 3 record nothing")
    void onlyChanges() {
        assertThat(silence.reported(1, 7, T)).containsExactly(PresenceChange.of(1, 7, T, Channel.REPORT, true));

        assertThat(silence.reported(1, 7, T.plusSeconds(60))).isEmpty();
        assertThat(silence.reported(1, 7, T.plusSeconds(240))).isEmpty();
        assertThat(silence.silent(T.plusSeconds(300))).isEmpty();
    }

    @Test
    @DisplayName("a silent device is 'offline' from its last report + the interval × 3, found once")
    void silentOnce() {
        silence.reported(1, 7, T);

        assertThat(silence.silent(T.plusSeconds(180))).as("exactly at the limit it is still online").isEmpty();
        assertThat(silence.silent(T.plusSeconds(200)))
                .containsExactly(PresenceChange.of(1, 7, T.plusSeconds(180), Channel.REPORT, false));
        assertThat(silence.silent(T.plusSeconds(400))).isEmpty();
        assertThat(silence.reported(1, 7, T.plusSeconds(500)))
                .containsExactly(PresenceChange.of(1, 7, T.plusSeconds(500), Channel.REPORT, true));
    }

    @Test
    @DisplayName("a report after a silence the sweep has not seen yet records both: offline then, online now")
    void missedSilence() {
        silence.reported(1, 7, T);

        assertThat(silence.reported(1, 7, T.plusSeconds(600))).containsExactly(
                PresenceChange.of(1, 7, T.plusSeconds(180), Channel.REPORT, false),
                PresenceChange.of(1, 7, T.plusSeconds(600), Channel.REPORT, true));
    }

    @Test
    @DisplayName("a device known online at start goes offline from its last report")
    void knownAtStart() {
        silence.known(2, 9, T);

        assertThat(silence.silent(T.plusSeconds(181)))
                .containsExactly(PresenceChange.of(2, 9, T.plusSeconds(180), Channel.REPORT, false));
    }
}
