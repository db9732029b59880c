package io.keyswitch.appliance.protocol;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads one line of {@code journalctl -o json}: an object whose fields are strings, except that a field that is not
 * valid UTF-8 comes as an array of byte values and a very long one as {@code null}; times are microseconds since the
 * epoch ({@code __REALTIME_TIMESTAMP}), the unit is {@code _SYSTEMD_UNIT} (or {@code UNIT} for systemd's own messages
 * about it, such as "Started …"). A line that cannot be read is skipped, never fatal.
 */
final class JournalLines {

    private JournalLines() {
    }

    /** The entry of {@code line}, or empty when it is not a journal entry. */
    static Optional<JournalEntry> parse(String line) {
        if (line == null || line.isBlank()) {
            return Optional.empty();
        }
        JsonObject o;
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            o = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
        String cursor = text(o, "__CURSOR");
        String micros = text(o, "__REALTIME_TIMESTAMP");
        if (cursor == null || micros == null) {
            return Optional.empty();
        }
        Instant at;
        try {
            long us = Long.parseLong(micros);
            at = Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // systemd's own messages about a unit ("Started …", "… failed") name it in UNIT, the unit's in _SYSTEMD_UNIT
        String unit = Optional.ofNullable(text(o, "UNIT")).or(() -> Optional.ofNullable(text(o, "_SYSTEMD_UNIT"))).orElse("");
        int priority;
        try {
            priority = Integer.parseInt(Optional.ofNullable(text(o, "PRIORITY")).orElse("-1"));
        } catch (NumberFormatException e) {
            priority = -1;
        }
        String message = Optional.ofNullable(text(o, "MESSAGE")).orElse("(message not shown: too long)");
        return Optional.of(new JournalEntry(cursor, at, unit, priority, message));
    }

    /** A field as text: a string as it is, an array of bytes decoded as UTF-8 (bad bytes replaced), else null. */
    private static String text(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null) {
            return null;
        }
        return switch (v.getValueType()) {
            case STRING -> o.getString(field);
            case ARRAY -> bytes((JsonArray) v);
            case NUMBER -> v.toString();
            default -> null;
        };
    }

    private static String bytes(JsonArray array) {
        byte[] b = new byte[array.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) array.getInt(i);
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
