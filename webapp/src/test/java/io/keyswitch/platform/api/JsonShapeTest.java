package io.keyswitch.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("The shape a JSON body must have")
class JsonShapeTest {

    /** A body as the API takes them. */
    record UserIn(String name, Boolean active, boolean flag, Integer maxLogins, List<Long> groupIds, List<String> rights,
                  Instant validUntil, Kind kind) {
    }

    enum Kind { USER, GROUP }

    private static Map<String, String> problems(String json) {
        JsonValue value = Json.createReader(new StringReader(json)).readValue();
        return JsonShape.problems(value, UserIn.class);
    }

    @Test
    @DisplayName("a body of the right shape has no problem; null means a field not given")
    void fits() {
        assertThat(problems("{\"name\":\"a\",\"active\":true,\"flag\":false,\"maxLogins\":5,\"groupIds\":[1,2],"
                + "\"rights\":[\"device:view\"],\"validUntil\":\"9999-12-31T23:59:59Z\",\"kind\":\"GROUP\"}")).isEmpty();
        assertThat(problems("{\"name\":null,\"active\":null,\"groupIds\":null,\"validUntil\":null}")).isEmpty();
        assertThat(problems("null")).isEmpty();
    }

    @Test
    @DisplayName("a boolean is true or false: \"yes\", \"true\", 1 are refused (JSON-B read \"yes\" as false)")
    void booleans() {
        assertThat(problems("{\"active\":\"yes\"}")).containsOnlyKeys("active");
        assertThat(problems("{\"active\":\"true\"}")).containsOnlyKeys("active");
        assertThat(problems("{\"flag\":1}")).containsOnlyKeys("flag");
        assertThat(problems("{\"active\":\"yes\"}").get("active")).isEqualTo("Must be true or false, not \"yes\".");
    }

    @Test
    @DisplayName("a whole number has no fraction, no exponent, no quotes, and fits its type (JSON-B read 1.5 as 1)")
    void wholeNumbers() {
        assertThat(problems("{\"groupIds\":[1.5]}")).containsOnlyKeys("groupIds[0]");
        assertThat(problems("{\"maxLogins\":2.5}")).containsOnlyKeys("maxLogins");
        assertThat(problems("{\"maxLogins\":\"7\"}")).containsOnlyKeys("maxLogins");
        assertThat(problems("{\"maxLogins\":1e2}")).containsOnlyKeys("maxLogins");
        assertThat(problems("{\"maxLogins\":2147483648}").get("maxLogins")).contains("from -2147483648 to 2147483647");
        assertThat(problems("{\"groupIds\":[99999999999999999999999]}")).containsOnlyKeys("groupIds[0]");
        assertThat(problems("{\"groupIds\":[9223372036854775807]}")).isEmpty();
    }

    /** A body with decimal numbers (an alarm rule's threshold). */
    record RuleIn(Double threshold, double hysteresis) {
    }

    @Test
    @Timeout(5)
    @DisplayName("a decimal number may have a fraction, but not quotes, true, or a size beyond ±1e300 (JSON-B read \"7\" as 7)")
    void decimals() {
        JsonValue fine = Json.createReader(new StringReader("{\"threshold\":80.5,\"hysteresis\":-0.25}")).readValue();
        assertThat(JsonShape.problems(fine, RuleIn.class)).isEmpty();
        for (String bad : List.of("\"7\"", "true", "[1]", "1e400", "-1e999999999", "1e-999999999")) {
            JsonValue value = Json.createReader(new StringReader("{\"threshold\":" + bad + "}")).readValue();
            assertThat(JsonShape.problems(value, RuleIn.class)).as(bad).containsOnlyKeys("threshold");
        }
    }

    @Test
    @Timeout(5)
    @DisplayName("a number with a huge exponent is refused without being expanded")
    void hugeExponent() {
        assertThat(problems("{\"maxLogins\":1e999999999}")).containsOnlyKeys("maxLogins");
    }

    @Test
    @DisplayName("a list holds no null (the 500s of \"rights\":[\"device:view\",null] and \"componentIds\":[null])")
    void nullInLists() {
        assertThat(problems("{\"rights\":[\"device:view\",null]}")).containsEntry("rights[1]", "A list holds no null.");
        assertThat(problems("{\"groupIds\":[null]}")).containsOnlyKeys("groupIds[0]");
        assertThat(problems("{\"groupIds\":5}")).containsOnlyKeys("groupIds");
    }

    @Test
    @DisplayName("a time is an ISO-8601 instant the database can store: after the year 9999 is refused (it was a 500)")
    void times() {
        assertThat(problems("{\"validUntil\":\"+10000-01-01T00:00:00Z\"}")).containsOnlyKeys("validUntil");
        assertThat(problems("{\"validUntil\":\"1969-12-31T23:59:59Z\"}")).containsOnlyKeys("validUntil");
        assertThat(problems("{\"validUntil\":\"tomorrow\"}")).containsOnlyKeys("validUntil");
        assertThat(problems("{\"validUntil\":5}")).containsOnlyKeys("validUntil");
    }

    @Test
    @DisplayName("text is a JSON string of valid Unicode: a lone surrogate escape is refused (it was stored as ?)")
    void text() {
        assertThat(problems("{\"name\":\"\\ud800x\"}").get("name")).contains("lone surrogate U+D800");
        assertThat(problems("{\"name\":\"x\\udc00\"}")).containsOnlyKeys("name");
        assertThat(problems("{\"rights\":[\"\\ud800\"]}")).containsOnlyKeys("rights[0]");
        assertThat(problems("{\"name\":\"\\ud83d\\ude00\"}")).isEmpty();
        assertThat(problems("{\"name\":5}")).containsOnlyKeys("name");
    }

    @Test
    @DisplayName("an object has only its record's fields, and a record is an object")
    void fields() {
        assertThat(problems("{\"nmae\":\"typo\"}").get("nmae")).startsWith("There is no field 'nmae' here");
        assertThat(problems("[]")).containsOnlyKeys("body");
        assertThat(problems("{\"kind\":\"OTHER\"}")).containsOnlyKeys("kind");
    }
}
