package io.keyswitch.workreport;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of one of the account's own fields in a report, kept with the field's name and kind as they were when the
 * report was written; a report holds its values as a JSON array of these.
 */
public record FieldValue(String name, FieldKind kind, String value) {

    /** The values as the JSON the database keeps; null for none. */
    public static String toJson(List<FieldValue> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(v -> array.add(Json.createObjectBuilder().add("name", v.name()).add("kind", v.kind().name())
                .add("value", v.value())));
        return array.build().toString();
    }

    /** The values the database keeps as JSON; none for null. */
    public static List<FieldValue> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        List<FieldValue> values = new ArrayList<>();
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            for (JsonValue v : reader.readArray()) {
                JsonObject o = v.asJsonObject();
                values.add(new FieldValue(o.getString("name"), FieldKind.valueOf(o.getString("kind")), o.getString("value")));
            }
        }
        return List.copyOf(values);
    }

    /** The value of the field called {@code name} in {@code values}, or null. */
    public static String valueOf(List<FieldValue> values, String name) {
        return values.stream().filter(v -> v.name().equals(name)).map(FieldValue::value).findFirst().orElse(null);
    }
}
