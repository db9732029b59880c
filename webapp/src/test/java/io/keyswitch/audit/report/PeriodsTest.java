package io.keyswitch.audit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.platform.ValidationFailed;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The key of an audit report's page read in a period")
class PeriodsTest {

    @Test
    @DisplayName("is the last row's time in milliseconds and its id, read back as written")
    void roundTrips() {
        Periods.TimeKey key = new Periods.TimeKey(Instant.parse("2026-11-30T23:59:59.999Z"), 4711);

        assertThat(key.text()).isEqualTo("1796083199999.4711");
        assertThat(Periods.TimeKey.parse(key.text())).isEqualTo(key);
        assertThat(Periods.TimeKey.parse(null)).isNull();
    }

    @Test
    @DisplayName("anything else as 'after' is refused by name")
    void refusesOtherKeys() {
        for (String bad : new String[] {"4711", "x.4711", "1764547199999.0", "1.2.3"}) {
            assertThatThrownBy(() -> Periods.TimeKey.parse(bad)).isInstanceOf(ValidationFailed.class)
                    .satisfies(e -> assertThat(((ValidationFailed) e).fieldErrors()).containsOnlyKeys("after"));
        }
    }
}
