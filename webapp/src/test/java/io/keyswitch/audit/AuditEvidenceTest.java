package io.keyswitch.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The audit evidence's words (IEC 62443 SR 2.8, 2.9, 3.9)")
class AuditEvidenceTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    @DisplayName("SR 2.8: events per UTC day of the last 7 days, newest first, days without events as 0, with the total")
    void perDay() {
        // Arrange
        LocalDate today = LocalDate.parse("2026-12-05");
        Map<LocalDate, Long> counts = Map.of(today, 340L, today.minusDays(1), 1203L, today.minusDays(6), 7L);

        // Act
        String text = AuditEvidence.perDay(counts, today);

        // Assert
        assertThat(text).isEqualTo("audit events per day (UTC), last 7 days: 12-05 340 · 12-04 1,203 · 12-03 0 · 12-02 0 · "
                + "12-01 0 · 11-30 0 · 11-29 7 (total 1,550)");
    }

    @Test
    @DisplayName("SR 2.9: the trail's size, the database's estimate of its events, the oldest; and the disk's free share")
    void storage() {
        assertThat(AuditEvidence.storage(new AuditStatistics.TableSize(13_000_000, 45_000), Instant.parse("2026-01-02T08:00:00Z")))
                .isEqualTo("audit trail: 12.4 MB on disk, about 45,000 events (the database's estimate), oldest 2026-01-02 08:00:00 UTC;"
                        + " nothing is deleted from the trail, no retention limit is set");
        assertThat(AuditEvidence.disk(15L << 30, 20L << 30)).isEqualTo("disk of the portal's home: 15.0 GB free of 20.0 GB (75 % free)");
    }

    @Test
    @DisplayName("SR 3.9: one chain's last check — when, how often, intact with its events or broken at which event; or none yet")
    void chain() {
        ChainVerification intact = new ChainVerification(1234, null, null);
        ChainVerification broken = new ChainVerification(10, 77L, "its content does not match its hash: the event was changed");

        assertThat(AuditEvidence.chain(new AuditVerifications.Checked(5, NOW.minus(Duration.ofHours(2)), intact), NOW, Duration.ofDays(1)))
                .isEqualTo("audit chain verified 2 h ago (2026-12-05 10:00:00 UTC, checked every 1 day): intact, 1,234 events");
        assertThat(AuditEvidence.chain(new AuditVerifications.Checked(5, NOW, broken), NOW, Duration.ofDays(1)))
                .endsWith("BROKEN at event 77: its content does not match its hash: the event was changed");
        assertThat(AuditEvidence.chain(null, NOW, Duration.ofDays(1)))
                .isEqualTo("audit chain not checked by the scheduled check yet (checked every 1 day, the first an hour after the start)");
    }

    @Test
    @DisplayName("SR 3.9 for the appliance: every chain intact with their events, or which are broken, since the oldest result")
    void chains() {
        ChainVerification intact = new ChainVerification(100, null, null);
        List<AuditVerifications.Checked> all = List.of(new AuditVerifications.Checked(0, NOW.minus(Duration.ofMinutes(5)), intact),
                new AuditVerifications.Checked(3, NOW.minus(Duration.ofMinutes(4)), intact));

        assertThat(AuditEvidence.chains(all, NOW, Duration.ofDays(1)))
                .isEqualTo("audit chains verified 5 min ago (2026-12-05 11:55:00 UTC, checked every 1 day): all 2 intact, 200 events");
        assertThat(AuditEvidence.chains(List.of(all.get(0), new AuditVerifications.Checked(3, NOW,
                new ChainVerification(4, 9L, "does not link to the event before it"))), NOW, Duration.ofDays(1)))
                .endsWith("1 of 2 BROKEN: account:3 at event 9 (does not link to the event before it)");
    }

    @Test
    @DisplayName("the check's interval: daily by default; ISO-8601 or seconds; 10 s to 7 days, else the key is named")
    void interval() {
        assertThat(AuditChainCheck.interval(null)).isEqualTo(Duration.ofDays(1));
        assertThat(AuditChainCheck.interval("PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> AuditChainCheck.interval("PT1S")).hasMessageContaining(AuditChainCheck.KEY_INTERVAL);
        assertThatThrownBy(() -> AuditChainCheck.interval("P8D")).hasMessageContaining(AuditChainCheck.KEY_INTERVAL);
    }
}
