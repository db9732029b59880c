package io.keyswitch.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.platform.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("When alarm messages go out: retry pauses, quiet hours, which groups are told")
class DeliveryTimingTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    @DisplayName("a failed message is tried again after 1, 2, 4, … minutes, never more than 30 apart, and never given up")
    void retryDoubles() {
        RetryPolicy retry = new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(30));
        Instant now = CLOCK.instant();

        assertThat(retry.next(now, 1)).isEqualTo(now.plus(Duration.ofMinutes(1)));
        assertThat(retry.next(now, 2)).isEqualTo(now.plus(Duration.ofMinutes(2)));
        assertThat(retry.next(now, 3)).isEqualTo(now.plus(Duration.ofMinutes(4)));
        assertThat(retry.next(now, 6)).isEqualTo(now.plus(Duration.ofMinutes(30)));
        assertThat(retry.next(now, 10_000)).as("still a time, after any number of attempts").isEqualTo(now.plus(Duration.ofMinutes(30)));
    }

    @Test
    @DisplayName("quiet hours 22:00–06:00 Berlin hold a message made at 23:30 until 06:00, and let one at 10:00 go at once")
    void quietHoursOverMidnight() {
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(6, 0), BERLIN);
        Instant lateEvening = Instant.parse("2026-12-05T22:30:00Z"); // 23:30 in Berlin (UTC+1 in December)
        Instant earlyMorning = Instant.parse("2026-12-06T03:00:00Z"); // 04:00 in Berlin

        assertThat(night.releaseAt(lateEvening)).isEqualTo(Instant.parse("2026-12-06T05:00:00Z"));
        assertThat(night.releaseAt(earlyMorning)).isEqualTo(Instant.parse("2026-12-06T05:00:00Z"));
        assertThat(night.releaseAt(CLOCK.instant())).isEqualTo(CLOCK.instant());
        assertThat(night.releaseAt(Instant.parse("2026-12-06T05:00:00Z"))).as("06:00 sharp is no longer quiet")
                .isEqualTo(Instant.parse("2026-12-06T05:00:00Z"));
    }

    @Test
    @DisplayName("quiet hours 12:00–13:00 within a day; no quiet hours or equal times: never held")
    void quietHoursWithinADay() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0), ZoneOffset.UTC);

        assertThat(lunch.releaseAt(Instant.parse("2026-12-05T12:15:00Z"))).isEqualTo(Instant.parse("2026-12-05T13:00:00Z"));
        assertThat(lunch.releaseAt(Instant.parse("2026-12-05T11:59:59Z"))).isEqualTo(Instant.parse("2026-12-05T11:59:59Z"));
        assertThat(new QuietHours(null, null, ZoneOffset.UTC).releaseAt(CLOCK.instant())).isEqualTo(CLOCK.instant());
        assertThat(new QuietHours(LocalTime.NOON, LocalTime.NOON, ZoneOffset.UTC).releaseAt(CLOCK.instant()))
                .isEqualTo(CLOCK.instant());
    }

    @Test
    @DisplayName("a group covers alarms from its minimum severity up, of its project or device only")
    void covers() {
        AlarmGroup shift = group(null, 7L, Severity.WARNING);
        AlarmGroup press = group(42L, null, Severity.INFO);

        assertThat(shift.covers(Severity.CRITICAL, 1, 7L)).isTrue();
        assertThat(shift.covers(Severity.INFO, 1, 7L)).isFalse();
        assertThat(shift.covers(Severity.WARNING, 1, 8L)).isFalse();
        assertThat(shift.covers(Severity.WARNING, 1, null)).isFalse();
        assertThat(press.covers(Severity.INFO, 42, null)).isTrue();
        assertThat(press.covers(Severity.INFO, 43, null)).isFalse();
    }

    @Test
    @DisplayName("an SMS is at most 160 characters and names device, text and alarm number")
    void smsText() {
        assertThat(AlarmText.sms(alarmOf("x".repeat(400)), "Press 1", true)).hasSize(160).startsWith(
                "Keyswitch CRITICAL (not acknowledged): Press 1: xxx");
    }

    private static AlarmGroup group(Long device, Long project, Severity min) {
        AlarmGroup g = new AlarmGroup(1, CLOCK.instant());
        g.apply(new GroupForm("g", 1L, project, device, min.name(), true, false, null, null, null, null, null).check());
        return g;
    }

    private static Alarm alarmOf(String text) {
        return new Alarm() {
            @Override
            public String getText() {
                return text;
            }

            @Override
            public Severity getSeverity() {
                return Severity.CRITICAL;
            }

            @Override
            public Long getId() {
                return 7L;
            }
        };
    }
}
