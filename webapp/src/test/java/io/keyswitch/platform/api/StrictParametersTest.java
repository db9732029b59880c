package io.keyswitch.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import java.lang.annotation.Annotation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Boolean and number parameters of the API")
class StrictParametersTest {

    private static <T> ParamConverter<T> converter(Class<T> type, String name) {
        QueryParam query = new QueryParam() {
            @Override
            public String value() {
                return name;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return QueryParam.class;
            }
        };
        return new StrictParameters().getConverter(type, type, new Annotation[] {query});
    }

    private static Problem refusal(Runnable read) {
        BadRequest e = catchThrowableOfType(BadRequest.class, read::run);
        assertThat(e).as("refused").isNotNull();
        return (Problem) e.getResponse().getEntity();
    }

    @Test
    @DisplayName("a boolean is true or false")
    void booleans() {
        assertThat(converter(Boolean.class, "dryRun").fromString("true")).isTrue();
        assertThat(converter(Boolean.class, "dryRun").fromString("false")).isFalse();
    }

    @ParameterizedTest(name = "?dryRun={0} is refused (it imported for real)")
    @ValueSource(strings = {"1", "yes", "on", "TRUE", "", "0"})
    void notBooleans(String value) {
        Problem p = refusal(() -> converter(Boolean.class, "dryRun").fromString(value));

        assertThat(p.status()).isEqualTo(400);
        assertThat(p.errors()).containsEntry("dryRun", "dryRun is true or false, not '" + value + "'.");
    }

    @ParameterizedTest(name = "?page={0} is a 400 naming page (JAX-RS answered 404)")
    @ValueSource(strings = {"99999999999", "1.5", "1e3", "abc", "", " 1", "0x10"})
    void notIntegers(String value) {
        assertThat(refusal(() -> converter(Integer.class, "page").fromString(value)).errors()).containsOnlyKeys("page");
    }

    @Test
    @DisplayName("numbers that fit are read")
    void numbers() {
        assertThat(converter(Integer.class, "page").fromString("2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThat(converter(Long.class, "id").fromString("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(converter(String.class, "filter")).isNull();
    }
}
