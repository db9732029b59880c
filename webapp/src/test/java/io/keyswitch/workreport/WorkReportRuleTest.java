package io.keyswitch.workreport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The work report rule")
class WorkReportRuleTest {

    private static final Instant WRITTEN = Instant.parse("2026-12-03T14:02:00Z");

    @Test
    @DisplayName("lets the author correct a report for 24 hours after first writing it, then it is final")
    void editWindow() {
        // Arrange
        EditWindow window = new WorkReportRule(1).editWindow();

        // Act
        Instant until = window.endsFor(WRITTEN);

        // Assert
        assertThat(until).isEqualTo(Instant.parse("2026-12-04T14:02:00Z"));
        assertThat(EditWindow.open(until, WRITTEN.plus(Duration.ofHours(23).plusMinutes(59)))).isTrue();
        assertThat(EditWindow.open(until, until)).as("final at the end itself").isFalse();
        assertThat(EditWindow.open(until, until.plusSeconds(1))).isFalse();
        assertThat(EditWindow.open(null, WRITTEN)).as("never written: nothing to correct").isFalse();
    }

    @Test
    @DisplayName("with an edit window of 0 hours, a report is final once written")
    void noWindow() {
        EditWindow window = WorkReportRule.proposed(false, 0).editWindow();

        assertThat(EditWindow.open(window.endsFor(WRITTEN), WRITTEN)).isFalse();
    }

    @Test
    @DisplayName("when mandatory, names the technician's open reports (five at most) as the reason Connect is refused")
    void mandatoryWords() {
        // Arrange
        List<OpenReports.Open> two = List.of(new OpenReports.Open("Press 12", WRITTEN),
                new OpenReports.Open("Mill 2", Instant.parse("2026-12-04T09:10:00Z")));
        List<OpenReports.Open> six = java.util.stream.IntStream.rangeClosed(1, 6)
                .mapToObj(i -> new OpenReports.Open("Press " + i, WRITTEN.plusSeconds(i * 60L))).toList();

        // Act + Assert
        assertThat(OpenReports.refusal(true, two))
                .contains("Write your work reports first: Press 12 (3 Dec 14:02 UTC), Mill 2 (4 Dec 09:10 UTC).");
        assertThat(OpenReports.refusal(true, six).orElseThrow()).contains("Press 5 (3 Dec 14:07 UTC) and more.")
                .doesNotContain("Press 6");
        assertThat(OpenReports.refusal(false, two)).as("optional: never refused").isEmpty();
        assertThat(OpenReports.refusal(true, List.of())).as("all written").isEmpty();
    }

    @Test
    @DisplayName("a report is final only once written and its window has passed")
    void finalReport() {
        WorkReport r = new WorkReport(1, 2, 3L, "tech", 4L, "Press 12", null, null, "SO-1", WRITTEN.minusSeconds(600), WRITTEN);
        assertThat(r.isFinal(WRITTEN.plus(Duration.ofDays(30)))).as("open, never written").isFalse();

        r.write(new ReportForm("done", null, null, null, null, null).check(List.of()), new EditWindow(Duration.ofHours(24)), WRITTEN);

        assertThat(r.getState()).isEqualTo(ReportState.WRITTEN);
        assertThat(r.getVersions()).isOne();
        assertThat(r.isFinal(WRITTEN.plus(Duration.ofHours(23)))).isFalse();
        assertThat(r.isFinal(WRITTEN.plus(Duration.ofHours(24)))).isTrue();
        r.write(new ReportForm("done, corrected", null, null, null, null, null).check(List.of()),
                new EditWindow(Duration.ofHours(100)), WRITTEN.plus(Duration.ofHours(1)));
        assertThat(r.getEditUntil()).as("a correction does not move the window").isEqualTo(WRITTEN.plus(Duration.ofHours(24)));
        assertThat(r.getVersions()).isEqualTo(2);
    }
}
