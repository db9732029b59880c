package io.keyswitch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyswitch.platform.ValidationFailed;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A report's filter")
class ReportFilterTest {

    @Test
    @DisplayName("reads days as whole UTC days, the end day included, and ids")
    void readsDaysAndIds() {
        ReportFilter f = ReportFilter.parse(Map.of("from", "2026-11-01", "to", "2026-11-30", "device", "12"));

        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), f.from());
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), f.to());
        assertEquals(12L, f.deviceId());
        assertEquals(null, f.projectId());
    }

    @Test
    @DisplayName("names every parameter it cannot read")
    void namesBadParameters() {
        ValidationFailed e = assertThrows(ValidationFailed.class,
                () -> ReportFilter.parse(Map.of("from", "yesterday", "user", "-3", "project", "x")));

        assertEquals(java.util.Set.of("from", "user", "project"), e.fieldErrors().keySet());
    }

    @Test
    @DisplayName("refuses a period that ends before it starts")
    void refusesBackwardPeriod() {
        ValidationFailed e = assertThrows(ValidationFailed.class,
                () -> ReportFilter.parse(Map.of("from", "2026-11-30", "to", "2026-11-01")));

        assertEquals(java.util.Set.of("to"), e.fieldErrors().keySet());
    }

    @Test
    @DisplayName("is read back from its own parameters, as a saved schedule keeps it")
    void roundTrips() {
        ReportFilter f = new ReportFilter(Instant.parse("2026-11-01T00:00:00Z"), null, 3L, null, 7L, null);

        assertEquals(f, ReportFilter.parse(f.parameters()));
    }
}
