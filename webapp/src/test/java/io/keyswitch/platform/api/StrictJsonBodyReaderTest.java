package io.keyswitch.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The API's JSON body reader")
class StrictJsonBodyReaderTest {

    record ProjectIn(String name, String description, String reason) {
    }

    private static Problem refusal(String contentType, byte[] body) {
        StrictJsonBodyReader reader = new StrictJsonBodyReader();
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Object> type = (Class) ProjectIn.class;
        WebApplicationException e = org.assertj.core.api.Assertions.catchThrowableOfType(WebApplicationException.class,
                () -> reader.readFrom(type, ProjectIn.class, new java.lang.annotation.Annotation[0], MediaType.valueOf(contentType),
                        new jakarta.ws.rs.core.MultivaluedHashMap<>(), new ByteArrayInputStream(body)));
        assertThat(e).as("refused").isNotNull();
        return (Problem) e.getResponse().getEntity();
    }

    @Test
    @DisplayName("a declared charset other than UTF-8 is refused, not ignored")
    void declaredCharset() {
        Problem p = refusal("application/json; charset=ISO-8859-1", "{\"name\":\"M\u00fchle\"}".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(p.status()).isEqualTo(400);
        assertThat(p.errors()).containsKey("Content-Type");
    }

    @Test
    @DisplayName("bytes that are not UTF-8 are refused with where they are (they were stored as U+FFFD)")
    void notUtf8() {
        byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};

        assertThat(refusal("application/json", body).errors()).containsEntry("body",
                "The body is not UTF-8 at byte 10: send UTF-8 text.");
    }

    @Test
    @DisplayName("repeated fields and text that is not JSON are refused")
    void notOneJsonValue() {
        assertThat(refusal("application/json", "{\"name\":\"a\",\"name\":\"b\"}".getBytes(StandardCharsets.UTF_8)).errors())
                .containsKey("body");
        assertThat(refusal("application/json", "{not json".getBytes(StandardCharsets.UTF_8)).errors()).containsKey("body");
    }

    @Test
    @DisplayName("the shape is checked before binding: each problem is named by its field")
    void shape() {
        assertThat(refusal("application/json", "{\"name\":5,\"reason\":[1]}".getBytes(StandardCharsets.UTF_8)).errors())
                .containsOnlyKeys("name", "reason");
    }

    @Test
    @DisplayName("a body over 1 MiB is a 413, and is not read on")
    void tooBig() {
        byte[] body = ("{\"name\":\"" + "x".repeat(StrictJsonBodyReader.MAX_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(refusal("application/json", body).status()).isEqualTo(413);
    }

    @Test
    @DisplayName("an empty body is null: the resource says what to send")
    void empty() throws Exception {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Object> type = (Class) ProjectIn.class;

        assertThat(new StrictJsonBodyReader().readFrom(type, ProjectIn.class, new java.lang.annotation.Annotation[0],
                MediaType.APPLICATION_JSON_TYPE, new jakarta.ws.rs.core.MultivaluedHashMap<>(), new ByteArrayInputStream(new byte[0])))
                .isNull();
    }
}
