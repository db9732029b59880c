package io.keyswitch.report.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The report page's keyed paging")
class KeyedPagesTest {

    @Test
    @DisplayName("Next continues after the key the page read gave; Previous goes back to the key the page before started at")
    void nextAndPrevious() {
        // Arrange
        KeyedPages pages = new KeyedPages();
        pages.seen("900");

        // Act / Assert
        assertThat(pages.after()).isNull();
        assertThat(pages.next()).isTrue();
        assertThat(pages.after()).isEqualTo("900");
        assertThat(pages.index()).isEqualTo(1);
        pages.seen("800");
        assertThat(pages.next()).isTrue();
        assertThat(pages.after()).isEqualTo("800");
        pages.previous();
        assertThat(pages.after()).isEqualTo("900");
        pages.previous();
        pages.previous();
        assertThat(pages.after()).isNull();
        assertThat(pages.index()).isZero();
    }

    @Test
    @DisplayName("on the last page there is no next; Newest goes back to the start")
    void lastPageAndFirst() {
        // Arrange
        KeyedPages pages = new KeyedPages();
        pages.seen("50");
        pages.next();
        pages.seen(null);

        // Act / Assert
        assertThat(pages.next()).isFalse();
        assertThat(pages.after()).isEqualTo("50");
        pages.first();
        assertThat(pages.after()).isNull();
        assertThat(pages.following()).isNull();
    }

    @Test
    @DisplayName("says where the page is without counting the rows: Rows 51–100, more follow")
    void position() {
        assertThat(KeyedPages.position(0, 50, 50, true)).isEqualTo("Rows 1–50, more follow");
        assertThat(KeyedPages.position(1, 50, 50, true)).isEqualTo("Rows 51–100, more follow");
        assertThat(KeyedPages.position(2, 50, 7, false)).isEqualTo("Rows 101–107, the last");
        assertThat(KeyedPages.position(0, 50, 0, false)).isEqualTo("No rows match.");
        assertThat(KeyedPages.position(3, 50, 0, false)).isEqualTo("No more rows.");
    }

    @Test
    @DisplayName("the page's address holds the kind and the filter given, encoded, so it can be bookmarked")
    void address() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("from", "2026-11-01");
        parameters.put("to", null);
        parameters.put("device", "7");

        assertThat(ReportsView.address("connections", parameters)).isEqualTo("reports.xhtml?kind=connections&from=2026-11-01&device=7");
        assertThat(ReportsView.address("a&b", Map.of())).isEqualTo("reports.xhtml?kind=a%26b");
    }
}
