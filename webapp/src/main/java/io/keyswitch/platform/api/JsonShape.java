package io.keyswitch.platform.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks that parsed JSON has exactly the shape of the Java type it is about to be bound to, before JSON-B binds it
 * (JSON-B itself reads {@code "yes"} as {@code false}, {@code 1.5} as {@code 1}, {@code "7"} as {@code 7}, and keeps
 * {@code null} inside lists). A boolean is {@code true} or {@code false}; a whole number has no fraction and fits its
 * type; a decimal number (a {@code Double}) is a JSON number within ±10^300; text is a JSON string of valid Unicode; a time is an ISO-8601 instant the database can store; a list holds no
 * {@code null}; an object has only the fields of its record. {@code null} for a whole field means "not given". Every
 * problem is named by its JSON path ({@code groupIds[0]}).
 */
final class JsonShape {

    /** The earliest and latest instants the portal takes: the database stores years 1000 to 9999. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private final Map<String, String> errors = new LinkedHashMap<>();

    private JsonShape() {
    }

    /** The problems of {@code value} as a {@code type}, by JSON path; empty when it fits. */
    static Map<String, String> problems(JsonValue value, Type type) {
        JsonShape shape = new JsonShape();
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return shape.errors;
        }
        shape.check(value, type, "");
        return shape.errors;
    }

    private void check(JsonValue value, Type type, String path) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return; // a field not given; null inside a list is refused where the list is checked
        }
        Class<?> raw = raw(type);
        if (raw == String.class) {
            if (value instanceof JsonString s) {
                text(s.getString(), path);
            } else {
                problem(path, "text (a JSON string)", value);
            }
        } else if (raw == Boolean.class || raw == boolean.class) {
            if (value.getValueType() != JsonValue.ValueType.TRUE && value.getValueType() != JsonValue.ValueType.FALSE) {
                problem(path, "true or false", value);
            }
        } else if (raw == Integer.class || raw == int.class) {
            whole(value, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
        } else if (raw == Long.class || raw == long.class) {
            whole(value, path, Long.MIN_VALUE, Long.MAX_VALUE);
        } else if (raw == Double.class || raw == double.class) {
            decimal(value, path);
        } else if (raw == Instant.class) {
            instant(value, path);
        } else if (raw.isEnum()) {
            if (!(value instanceof JsonString s) || Arrays.stream(raw.getEnumConstants()).noneMatch(c -> ((Enum<?>) c).name()
                    .equals(s.getString()))) {
                problem(path, "one of " + Arrays.toString(raw.getEnumConstants()), value);
            }
        } else if (Collection.class.isAssignableFrom(raw)) {
            list(value, element(type), path);
        } else if (raw.isRecord()) {
            record(value, raw, path);
        }
    }

    private void text(String s, String path) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                errors.putIfAbsent(name(path), "Not valid Unicode text: a lone surrogate " + String.format("U+%04X", (int) c)
                        + " (an escape such as \\ud800 that is not half of a pair).");
                return;
            }
        }
    }

    private void whole(JsonValue value, String path, long min, long max) {
        if (value instanceof JsonNumber n) {
            BigDecimal d = n.bigDecimalValue();
            // the scale and precision are looked at before any conversion: 1e999999999 is not expanded
            if (d.scale() == 0) {
                if (d.precision() <= 19 && d.compareTo(BigDecimal.valueOf(min)) >= 0 && d.compareTo(BigDecimal.valueOf(max)) <= 0) {
                    return;
                }
                problem(path, "a whole number from " + min + " to " + max, value);
                return;
            }
        }
        problem(path, "a whole number (digits, no fraction, no quotes)", value);
    }

    /** A number with or without a fraction, within ±10^300 (so it is finite as a double), not in quotes. */
    private void decimal(JsonValue value, String path) {
        if (value instanceof JsonNumber n) {
            BigDecimal d = n.bigDecimalValue();
            // the digits before the point and the scale are looked at before any conversion: 1e999999999 is not expanded
            if (d.precision() - d.scale() <= 300 && d.scale() <= 400) {
                return;
            }
            problem(path, "a number from -1e300 to 1e300", value);
            return;
        }
        problem(path, "a number (digits, a point and a fraction if needed, no quotes)", value);
    }

    private void instant(JsonValue value, String path) {
        if (value instanceof JsonString s) {
            try {
                Instant t = Instant.parse(s.getString());
                if (!t.isBefore(EARLIEST) && !t.isAfter(LATEST)) {
                    return;
                }
            } catch (DateTimeParseException notATime) {
                // below
            }
        }
        problem(path, "a UTC time such as 2026-12-31T23:59:00Z, from " + EARLIEST + " to " + LATEST, value);
    }

    private void list(JsonValue value, Type element, String path) {
        if (!(value instanceof JsonArray array)) {
            problem(path, "a list (a JSON array)", value);
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            String at = path + "[" + i + "]";
            if (array.get(i).getValueType() == JsonValue.ValueType.NULL) {
                errors.putIfAbsent(name(at), "A list holds no null.");
            } else {
                check(array.get(i), element, at);
            }
        }
    }

    private void record(JsonValue value, Class<?> type, String path) {
        if (!(value instanceof JsonObject object)) {
            problem(path, "a JSON object", value);
            return;
        }
        Map<String, RecordComponent> fields = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            fields.put(c.getName(), c);
        }
        object.forEach((name, field) -> {
            String at = path.isEmpty() ? name : path + "." + name;
            RecordComponent c = fields.get(name);
            if (c == null) {
                errors.putIfAbsent(name(at), "There is no field '" + name + "' here; the fields are " + fields.keySet() + ".");
            } else {
                check(field, c.getGenericType(), at);
            }
        });
    }

    private void problem(String path, String expected, JsonValue value) {
        String shown = value.toString();
        errors.putIfAbsent(name(path), "Must be " + expected + ", not " + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown)
                + ".");
    }

    private static String name(String path) {
        return path.isEmpty() ? "body" : path;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type element(Type collection) {
        return collection instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }
}
