package io.keyswitch.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("How evidence says shares, counts and ages")
class EvidenceWordsTest {

    @Test
    @DisplayName("a share is a rounded percentage with both numbers: 2 of 3 is 67 %, 93 of 100 is 93 %; nothing to count says so")
    void percent() {
        assertThat(EvidenceWords.percent(2, 3)).isEqualTo("67 % (2 of 3)");
        assertThat(EvidenceWords.percent(1, 3)).isEqualTo("33 % (1 of 3)");
        assertThat(EvidenceWords.percent(93, 100)).isEqualTo("93 % (93 of 100)");
        assertThat(EvidenceWords.percent(1500, 20000)).isEqualTo("8 % (1,500 of 20,000)");
        assertThat(EvidenceWords.percent(0, 0)).isEqualTo("none (0 of 0)");
    }

    @Test
    @DisplayName("a counted noun: 1 event, 0 events, 1,234 events")
    void counted() {
        assertThat(EvidenceWords.of(1, "event")).isEqualTo("1 event");
        assertThat(EvidenceWords.of(0, "event")).isEqualTo("0 events");
        assertThat(EvidenceWords.of(1234, "event")).isEqualTo("1,234 events");
    }

    @Test
    @DisplayName("an age is said in its largest unit: just now, minutes, hours up to two days, then days")
    void ago() {
        Instant now = Instant.parse("2026-12-05T12:00:00Z");
        assertThat(EvidenceWords.ago(now.minusSeconds(20), now)).isEqualTo("just now");
        assertThat(EvidenceWords.ago(now.minus(Duration.ofMinutes(5)), now)).isEqualTo("5 min ago");
        assertThat(EvidenceWords.ago(now.minus(Duration.ofMinutes(130)), now)).isEqualTo("2 h ago");
        assertThat(EvidenceWords.ago(now.minus(Duration.ofHours(47)), now)).isEqualTo("47 h ago");
        assertThat(EvidenceWords.ago(now.minus(Duration.ofDays(3)), now)).isEqualTo("3 days ago");
    }

    @Test
    @DisplayName("an interval is said in its whole unit: 1 day, 10 min, 12 h, 90 s")
    void every() {
        assertThat(EvidenceWords.every(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(EvidenceWords.every(Duration.ofDays(7))).isEqualTo("7 days");
        assertThat(EvidenceWords.every(Duration.ofHours(12))).isEqualTo("12 h");
        assertThat(EvidenceWords.every(Duration.ofMinutes(10))).isEqualTo("10 min");
        assertThat(EvidenceWords.every(Duration.ofSeconds(90))).isEqualTo("90 s");
    }
}
