package io.keyswitch.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.platform.ValidationFailed;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Paging of the API's lists")
class PageRequestTest {

    @Test
    @DisplayName("the first item is page × size")
    void first() {
        assertThat(PageRequest.of(3, 50).first()).isEqualTo(150);
        assertThat(PageRequest.of(0, 50).first()).isZero();
        assertThat(PageRequest.of(Integer.MAX_VALUE / 200, 200).first()).isEqualTo(Integer.MAX_VALUE / 200 * 200);
    }

    @Test
    @DisplayName("a page whose first item is beyond int is refused with 400 (page × size overflowed into a 500)")
    void overflow() {
        assertThatThrownBy(() -> PageRequest.of(Integer.MAX_VALUE, 200)).isInstanceOfSatisfying(ValidationFailed.class,
                e -> assertThat(e.fieldErrors()).containsEntry("page", "With size 200, page is at most 10737418."));
        assertThatThrownBy(() -> PageRequest.of(10_737_419, 200)).isInstanceOf(ValidationFailed.class);
    }

    @Test
    @DisplayName("a negative page, a size of 0 or over 200 is refused")
    void bounds() {
        assertThatThrownBy(() -> PageRequest.of(-1, 50)).isInstanceOfSatisfying(ValidationFailed.class,
                e -> assertThat(e.fieldErrors()).containsOnlyKeys("page"));
        assertThatThrownBy(() -> PageRequest.of(0, 0)).isInstanceOfSatisfying(ValidationFailed.class,
                e -> assertThat(e.fieldErrors()).containsOnlyKeys("size"));
        assertThatThrownBy(() -> PageRequest.of(0, 201)).isInstanceOf(ValidationFailed.class);
        assertThatThrownBy(() -> PageRequest.of(null, 50)).isInstanceOf(ValidationFailed.class);
    }

    @Test
    @DisplayName("a page cut from a small list past its end is empty, with the list's total")
    void slice() {
        Paged<Integer> p = Paged.slice(java.util.List.of(1, 2, 3), PageRequest.of(5, 2));

        assertThat(p.items()).isEmpty();
        assertThat(p.total()).isEqualTo(3);
    }
}
