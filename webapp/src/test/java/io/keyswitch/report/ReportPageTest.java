package io.keyswitch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.platform.ValidationFailed;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A report's keyed page")
class ReportPageTest {

    @Test
    @DisplayName("continues after a row's id; anything else as 'after' is refused by name")
    void idAfter() {
        assertThat(ReportPage.idAfter(null)).isNull();
        assertThat(ReportPage.idAfter(" ")).isNull();
        assertThat(ReportPage.idAfter("120")).isEqualTo(120L);
        assertThatThrownBy(() -> ReportPage.idAfter("abc")).isInstanceOf(ValidationFailed.class)
                .satisfies(e -> assertThat(((ValidationFailed) e).fieldErrors()).containsOnlyKeys("after"));
        assertThatThrownBy(() -> ReportPage.idAfter("0")).isInstanceOf(ValidationFailed.class);
        assertThatThrownBy(() -> ReportPage.idAfter("-1")).isInstanceOf(ValidationFailed.class);
    }

    @Test
    @DisplayName("a full page says where to continue; a short or empty one is the last")
    void next() {
        List<ReportRow> two = List.of(new ReportRow("9", List.of("a")), new ReportRow("7", List.of("b")));

        assertThat(ReportPage.of(two, 2).next()).isEqualTo("7");
        assertThat(ReportPage.of(two, 3).next()).isNull();
        assertThat(ReportPage.of(List.of(), 2).next()).isNull();
    }
}
