package io.keyswitch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Id bounds of a period, found by binary search over ids that grow with time")
class IdsByTimeTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    /** Rows at ids 10, 20, …, 1,000,000 (gaps between), one minute apart. */
    private final TreeMap<Long, Instant> table = new TreeMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final IdsByTime.Rows rows = id -> {
        lookups.incrementAndGet();
        Map.Entry<Long, Instant> e = table.ceilingEntry(id);
        return Optional.ofNullable(e).map(x -> new IdsByTime.Row(x.getKey(), x.getValue()));
    };

    IdsByTimeTest() {
        for (long i = 1; i <= 100_000; i++) {
            table.put(i * 10, T0.plusSeconds(60 * i));
        }
    }

    @Test
    @DisplayName("finds the first row at or after a time, in a few dozen lookups")
    void firstAtOrAfter() {
        long id = IdsByTime.firstAtOrAfter(rows, T0.plusSeconds(60 * 500 - 30), 1_000_000);

        assertThat(id).isEqualTo(5_000);
        assertThat(lookups.get()).isLessThan(40);
    }

    @Test
    @DisplayName("an exact time is included; before the first row gives the first id, after the last one past the end")
    void edges() {
        assertThat(IdsByTime.firstAtOrAfter(rows, T0.plusSeconds(60 * 777), 1_000_000)).isEqualTo(7_770);
        assertThat(IdsByTime.firstAtOrAfter(rows, T0.minusSeconds(3600), 1_000_000)).isEqualTo(10);
        assertThat(IdsByTime.firstAtOrAfter(rows, T0.plusSeconds(60L * 200_000), 1_000_000)).isEqualTo(1_000_001);
    }

    @Test
    @DisplayName("an empty table has no rows to bound")
    void empty() {
        table.clear();

        assertThat(IdsByTime.firstAtOrAfter(rows, T0, 0)).isEqualTo(1);
    }
}
