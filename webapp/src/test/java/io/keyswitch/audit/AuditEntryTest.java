package io.keyswitch.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Audit entries are bounded to their columns")
class AuditEntryTest {

    @Test
    @DisplayName("an actor of 10,000 characters is cut to the column's 200 and ends in …; short values stay as they are")
    void longValuesAreCut() {
        AuditEntry e = new AuditEntry(1L, "x".repeat(10_000), 2L, "203.0.113.7", "login", "t".repeat(301),
                Outcome.FAILURE, "d".repeat(20_000), "r".repeat(1001));

        assertThat(e.actor()).hasSize(AuditEntry.ACTOR).endsWith("…");
        assertThat(e.target()).hasSize(AuditEntry.TARGET).endsWith("…");
        assertThat(e.details()).hasSize(AuditEntry.DETAILS);
        assertThat(e.reason()).hasSize(AuditEntry.REASON);
        assertThat(e.sourceIp()).isEqualTo("203.0.113.7");
        assertThat(e.action()).isEqualTo("login");
    }

    @Test
    @DisplayName("a cut never splits a character outside the BMP")
    void surrogatePairsStayWhole() {
        String actor = "a".repeat(198) + "\uD83D\uDE00" + "b";

        String cut = new AuditEntry(null, actor, null, null, "login", null, Outcome.FAILURE, null, null).actor();

        assertThat(cut).hasSizeLessThanOrEqualTo(AuditEntry.ACTOR).endsWith("…");
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    }

    @Test
    @DisplayName("an entry written part by part is the entry of the nine fields; parts not said stay empty")
    void partsMakeTheSameEntry() {
        AuditEntry parts = AuditEntry.of(AuditAction.LOGIN, Outcome.DENIED).in(7L).by("acme/alice", 3L).from("10.0.0.1")
                .on("user:alice").withDetails("VPN").because("This user is disabled.");
        AuditEntry bySystem = AuditEntry.of(AuditAction.CONNECTION_OPEN, Outcome.SUCCESS).in(7L).bySystem();

        assertThat(parts).isEqualTo(new AuditEntry(7L, "acme/alice", 3L, "10.0.0.1", "login", "user:alice",
                Outcome.DENIED, "VPN", "This user is disabled."));
        assertThat(bySystem).isEqualTo(new AuditEntry(7L, "system", null, null, "connection.open", null,
                Outcome.SUCCESS, null, null));
    }

    @Test
    @DisplayName("a part written longer than its column is cut like the nine-field entry's")
    void partsAreBounded() {
        AuditEntry e = AuditEntry.of(AuditAction.LOGIN, Outcome.FAILURE).by("x".repeat(10_000), null).on("t".repeat(301));

        assertThat(e.actor()).hasSize(AuditEntry.ACTOR).endsWith("…");
        assertThat(e.target()).hasSize(AuditEntry.TARGET).endsWith("…");
    }
}
