package io.keyswitch.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("What a request's address and Content-Type must be")
class RequestShapeFilterTest {

    @Test
    @DisplayName("%-escapes that spell UTF-8 are read")
    void utf8Escapes() {
        assertThat(RequestShapeFilter.percentEncoding("reason=M%C3%BChle+%F0%9F%98%80&x=%0A", "query")).isEmpty();
        assertThat(RequestShapeFilter.percentEncoding(null, "query")).isEmpty();
    }

    @ParameterizedTest(name = "?reason={0} is refused (it was stored as U+FFFD)")
    @ValueSource(strings = {"%FF%FE", "%C0%AF", "%ED%A0%80", "%E2%82", "%", "%G1", "%4"})
    void brokenEscapes(String reason) {
        assertThat(RequestShapeFilter.percentEncoding("reason=" + reason, "query")).isPresent();
    }

    @ParameterizedTest(name = "Content-Type \"{0}\" is read")
    @ValueSource(strings = {"application/json", "application/json; charset=UTF-8", "text/csv;charset=utf-8",
            "multipart/form-data; boundary=----x1", "application/json; charset=\"utf-8\""})
    void readableTypes(String type) {
        assertThat(RequestShapeFilter.contentType(type)).isEmpty();
    }

    @ParameterizedTest(name = "Content-Type \"{0}\" is refused")
    @ValueSource(strings = {"nonsense", "application/", "/json", "application/json;;;=", "application/json; charset=\"",
            "application/json; charset=ISO-8859-1", "text/csv; charset=latin1", "application/json; charset=utf-8; charset=latin1"})
    void unreadableTypes(String type) {
        assertThat(RequestShapeFilter.contentType(type)).isPresent();
    }
}
