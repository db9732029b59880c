package io.keyswitch.siem;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.siem.Cursor.Gap;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The forwarding cursor")
class CursorTest {

    private static final long WAIT = 60_000;

    @Test
    @DisplayName("an account's chain commits in id order: the position is the last id read, no gaps are kept")
    void oneChain() {
        // Arrange
        Cursor c = Cursor.at(10);

        // Act: ids 12 and 15 are the account's; 11, 13, 14 belong to other chains
        Cursor next = c.after(List.of(12L, 15L), false, 1_000, WAIT);

        // Assert
        assertThat(next).isEqualTo(Cursor.at(15));
    }

    @Test
    @DisplayName("appliance-wide: ids skipped are gaps; an event that commits later fills its gap and is sent then")
    void lateCommit() {
        // Arrange: 11 and 12 read, 13 still uncommitted, 14 read
        Cursor c = Cursor.at(10).after(List.of(11L, 12L, 14L), true, 1_000, WAIT);

        // Act: 13 commits and is read in the next batch with 15
        Cursor next = c.after(List.of(13L, 15L), true, 2_000, WAIT);

        // Assert
        assertThat(c).isEqualTo(new Cursor(14, List.of(new Gap(13, 13, 1_000))));
        assertThat(next).isEqualTo(Cursor.at(15));
    }

    @Test
    @DisplayName("an id found inside a wider gap splits it; gaps older than the wait are forgotten")
    void splitAndForget() {
        // Arrange
        Cursor c = Cursor.at(100).after(List.of(105L), true, 1_000, WAIT).after(List.of(110L), true, 50_000, WAIT);

        // Act: 103 appears; later the first gap is too old
        Cursor found = c.after(List.of(103L), true, 51_000, WAIT);
        Cursor aged = found.after(List.of(), true, 62_000, WAIT);

        // Assert
        assertThat(found.gaps()).containsExactly(new Gap(101, 102, 1_000), new Gap(104, 104, 1_000),
                new Gap(106, 109, 50_000));
        assertThat(aged).isEqualTo(new Cursor(110, List.of(new Gap(106, 109, 50_000))));
    }

    @Test
    @DisplayName("the stored text reads back as the same cursor; a damaged entry is dropped, not fatal")
    void storedForm() {
        // Arrange
        Cursor c = new Cursor(9, List.of(new Gap(3, 4, 77), new Gap(7, 7, 78)));

        // Act
        Cursor back = Cursor.parse(9, c.text());

        // Assert
        assertThat(c.text()).isEqualTo("3-4@77;7-7@78");
        assertThat(back).isEqualTo(c);
        assertThat(Cursor.parse(9, "3-4@77;garbage").gaps()).containsExactly(new Gap(3, 4, 77));
    }

    @Test
    @DisplayName("1,000 events a second from several accounts at once: every interleaved id of a transaction still open"
            + " is kept as a gap until it commits (siem-throughput.sh lost 455 of 60,000 events when only 100 were kept)")
    void interleavedCommitsKeepEveryGap() {
        // Arrange: two accounts' imports write 250 events each at once; their ids interleave (odd: committed, read;
        // even: the other transaction, still open)
        Cursor c = Cursor.at(0);
        List<Long> committed = new java.util.ArrayList<>();
        for (long id = 1; id <= 500; id += 2) {
            committed.add(id);
        }

        // Act: the first commit is read; then the second commits and its ids are read from the gaps
        c = c.after(committed, true, 1_000, 1_800_000);
        int open = c.gaps().size();
        List<Long> late = new java.util.ArrayList<>();
        for (long id = 2; id < 500; id += 2) {
            late.add(id);
        }
        Cursor after = Cursor.parse(c.position(), c.text()).after(late, true, 2_000, 1_800_000);

        // Assert: none forgotten, so every late id is found in a gap and sent; afterwards no gap is left
        assertThat(open).isEqualTo(249);
        assertThat(after.gaps()).isEmpty();
        assertThat(after.position()).isEqualTo(499);
    }

    @Test
    @DisplayName("at most 10,000 gap ranges are kept, the oldest forgotten first, so the stored text stays bounded")
    void bounded() {
        // Arrange: 10,050 single-id gaps in one read
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 10_050; i++) {
            ids.add(2L * i + 2);
        }

        // Act
        Cursor c = Cursor.at(0).after(ids, true, 1, 1_000_000);

        // Assert
        assertThat(c.gaps()).hasSize(Cursor.MAX_GAPS);
        assertThat(c.gaps().get(0).from()).isEqualTo(101);
        assertThat(c.text().length()).as("fits siem_position.gaps (MEDIUMTEXT, V39)").isLessThan(1 << 20);
    }
}
