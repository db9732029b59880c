package io.keyswitch.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The before/after of a change for the audit trail: only the fields that changed, as JSON
 * {@code {"field":["before","after"]}}. Secrets never go in: callers name no secret field.
 */
public final class Changes {

    private final Map<String, String[]> changed = new LinkedHashMap<>();

    public static Changes of() {
        return new Changes();
    }

    /** The fields whose shown values differ between two views of the same settings (same keys, no secrets). */
    public static Changes between(Map<String, String> before, Map<String, String> after) {
        Changes changes = of();
        before.forEach((name, value) -> changes.field(name, value, after.get(name)));
        after.forEach((name, value) -> {
            if (!before.containsKey(name)) {
                changes.field(name, null, value);
            }
        });
        return changes;
    }

    /** Adds the field if its value changed. */
    public Changes field(String name, Object before, Object after) {
        String b = before == null ? null : before.toString();
        String a = after == null ? null : after.toString();
        if (!Objects.equals(b, a)) {
            changed.put(name, new String[] {b, a});
        }
        return this;
    }

    public boolean isEmpty() {
        return changed.isEmpty();
    }

    public String toJson() {
        StringBuilder out = new StringBuilder("{");
        changed.forEach((name, values) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(quote(name)).append(":[").append(quote(values[0])).append(',').append(quote(values[1])).append(']');
        });
        return out.append('}').toString();
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
