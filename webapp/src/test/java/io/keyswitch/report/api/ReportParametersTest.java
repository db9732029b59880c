package io.keyswitch.report.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyswitch.platform.ValidationFailed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A report request's query parameters")
class ReportParametersTest {

    @Test
    @DisplayName("hands the filter's parameters on and keeps the page's (after, limit) out of the filter")
    void filterParameters() {
        Map<String, String> filter = ReportParameters.filter(Map.of("from", List.of("2026-11-01"), "device", List.of("7"),
                "after", List.of("120"), "limit", List.of("50")), true);

        assertThat(filter).containsOnly(Map.entry("from", "2026-11-01"), Map.entry("device", "7"));
    }

    @Test
    @DisplayName("names a parameter it does not know, so a typo never widens a report")
    void unknownParameter() {
        ValidationFailed e = catchThrowableOfType(ValidationFailed.class,
                () -> ReportParameters.filter(Map.of("devcie", List.of("7")), true));

        assertThat(e.fieldErrors()).containsOnlyKeys("devcie");
        assertThat(e.fieldErrors().get("devcie")).contains("not a parameter");
    }

    @Test
    @DisplayName("an export takes no page: after and limit are unknown to it")
    void exportHasNoPage() {
        ValidationFailed e = catchThrowableOfType(ValidationFailed.class,
                () -> ReportParameters.filter(Map.of("after", List.of("7"), "limit", List.of("5")), false));

        assertThat(e.fieldErrors()).containsOnlyKeys("after", "limit");
    }

    @Test
    @DisplayName("refuses a parameter given twice")
    void givenTwice() {
        ValidationFailed e = catchThrowableOfType(ValidationFailed.class,
                () -> ReportParameters.filter(Map.of("user", List.of("1", "2")), true));

        assertThat(e.fieldErrors().get("user")).contains("2 times");
    }
}
