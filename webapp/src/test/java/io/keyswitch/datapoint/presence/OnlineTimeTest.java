package io.keyswitch.datapoint.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Time online in a period, from a device's recorded presence changes")
class OnlineTimeTest {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-02T00:00:00Z");

    private static PresenceChange report(String at, boolean online) {
        return PresenceChange.of(1, 7, Instant.parse(at), Channel.REPORT, online);
    }

    private static PresenceChange tunnel(String at, boolean online) {
        return PresenceChange.of(1, 7, Instant.parse(at), Channel.TUNNEL, online);
    }

    @Test
    @DisplayName("no change at all: never online, nothing counted")
    void nothing() {
        OnlineTime t = OnlineTime.of(List.of(), FROM, TO);

        assertThat(t.online()).isZero();
        assertThat(t.transitions()).isZero();
        assertThat(t.onlineAtEnd()).isFalse();
    }

    @Test
    @DisplayName("online before the period began and still online at its end: the whole period, no transition")
    void onlineThroughout() {
        OnlineTime t = OnlineTime.of(List.of(report("2026-10-20T08:00:00Z", true)), FROM, TO);

        assertThat(t.online()).isEqualTo(Duration.ofHours(24));
        assertThat(t.percent()).isEqualTo(100.0);
        assertThat(t.transitions()).isZero();
        assertThat(t.onlineAtEnd()).isTrue();
    }

    @Test
    @DisplayName("online before the period, offline inside it: from the start to the change")
    void wentOfflineInside() {
        OnlineTime t = OnlineTime.of(List.of(report("2026-10-31T20:00:00Z", true), report("2026-11-01T06:00:00Z", false)),
                FROM, TO);

        assertThat(t.online()).isEqualTo(Duration.ofHours(6));
        assertThat(t.percent()).isEqualTo(25.0);
        assertThat(t.transitions()).isEqualTo(1);
        assertThat(t.onlineAtEnd()).isFalse();
    }

    @Test
    @DisplayName("online inside the period and still online at its end: from the change to the end")
    void stillOnlineAtTheEnd() {
        OnlineTime t = OnlineTime.of(List.of(report("2026-10-30T00:00:00Z", false), report("2026-11-01T18:00:00Z", true)),
                FROM, TO);

        assertThat(t.online()).isEqualTo(Duration.ofHours(6));
        assertThat(t.transitions()).isEqualTo(1);
        assertThat(t.onlineAtEnd()).isTrue();
    }

    @Test
    @DisplayName("reports and tunnel overlapping count once; a channel's change while the other holds is no transition")
    void channelsOverlap() {
        OnlineTime t = OnlineTime.of(List.of(
                report("2026-11-01T01:00:00Z", true),
                tunnel("2026-11-01T02:00:00Z", true),
                report("2026-11-01T03:00:00Z", false),
                tunnel("2026-11-01T04:00:00Z", false),
                tunnel("2026-11-01T10:00:00Z", true),
                tunnel("2026-11-01T10:30:00Z", false)), FROM, TO);

        assertThat(t.online()).isEqualTo(Duration.ofMinutes(3 * 60 + 30));
        assertThat(t.transitions()).isEqualTo(4);
    }

    @Test
    @DisplayName("changes after the period's end are ignored; a change at its start counts inside it")
    void edges() {
        OnlineTime t = OnlineTime.of(List.of(report("2026-11-01T00:00:00Z", true), report("2026-11-02T00:00:00Z", false),
                report("2026-11-03T00:00:00Z", true)), FROM, TO);

        assertThat(t.online()).isEqualTo(Duration.ofHours(24));
        assertThat(t.transitions()).isEqualTo(1);
        assertThat(t.onlineAtEnd()).isTrue();
    }

    @Test
    @DisplayName("an open start counts from the device's first change")
    void openStart() {
        OnlineTime t = OnlineTime.of(List.of(report("2026-11-01T12:00:00Z", true), report("2026-11-01T18:00:00Z", false)),
                null, TO);

        assertThat(t.covered()).isEqualTo(Duration.ofHours(12));
        assertThat(t.online()).isEqualTo(Duration.ofHours(6));
        assertThat(t.percent()).isEqualTo(50.0);
    }
}
