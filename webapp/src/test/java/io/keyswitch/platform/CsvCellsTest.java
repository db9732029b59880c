package io.keyswitch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CSV cells a spreadsheet shows as text, never runs as a formula")
class CsvCellsTest {

    @Test
    @DisplayName("text that begins like a formula gets a leading apostrophe")
    void formulasBecomeText() {
        assertThat(CsvCells.text("=HYPERLINK(\"http://evil\",\"x\")")).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
        assertThat(CsvCells.text("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(CsvCells.text("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvCells.text("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
        assertThat(CsvCells.text("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvCells.text("\r=1")).isEqualTo("'\r=1");
    }

    @Test
    @DisplayName("ordinary text, plain numbers, empty and null stay as they are")
    void othersStay() {
        assertThat(CsvCells.text("Replaced the battery = done")).isEqualTo("Replaced the battery = done");
        assertThat(CsvCells.text("-12.5")).isEqualTo("-12.5");
        assertThat(CsvCells.text("+3")).isEqualTo("+3");
        assertThat(CsvCells.text("-1e3")).isEqualTo("-1e3");
        assertThat(CsvCells.text("")).isEmpty();
        assertThat(CsvCells.text(null)).isNull();
    }

    @Test
    @DisplayName("cell() makes only text safe: numbers and times pass unchanged")
    void onlyText() {
        Instant at = Instant.parse("2026-12-05T10:00:00Z");

        assertThat(CsvCells.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(CsvCells.cell(-5)).isEqualTo(-5);
        assertThat(CsvCells.cell(at)).isSameAs(at);
        assertThat(CsvCells.cell(null)).isNull();
    }
}
