package io.keyswitch.platform;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads the portal's {@code keyswitch.*} settings of one prefix from a {@code key -> value} lookup (MicroProfile
 * Config in the portal, a map in unit tests) as typed values: a key that is missing or blank keeps its default, and
 * an unusable value fails with the key's full name and what it must be.
 */
public final class SettingsReader {

    private final UnaryOperator<String> lookup;
    private final String prefix;

    private SettingsReader(UnaryOperator<String> lookup, String prefix) {
        this.lookup = lookup;
        this.prefix = prefix;
    }

    /** A reader of the keys {@code prefix + key}, e.g. {@code of(lookup, "keyswitch.vpn.")}. */
    public static SettingsReader of(UnaryOperator<String> lookup, String prefix) {
        return new SettingsReader(lookup, prefix);
    }

    /** The full name of {@code key}, for messages. */
    public String key(String key) {
        return prefix + key;
    }

    /** Whether the key is set (not missing, not blank). */
    public boolean isSet(String key) {
        String value = lookup.apply(prefix + key);
        return value != null && !value.isBlank();
    }

    public String text(String key, String fallback) {
        String value = lookup.apply(prefix + key);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** {@code true} or {@code false} (any case); anything else fails. */
    public boolean bool(String key, boolean fallback) {
        String value = text(key, Boolean.toString(fallback));
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(prefix + key + " must be true or false, not '" + value + "'");
    }

    /** A whole number from {@code min} to {@code max}. */
    public int integer(String key, int fallback, int min, int max) {
        String value = text(key, Integer.toString(fallback));
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + key + " must be a whole number from " + min + " to " + max
                    + ", not '" + value + "'");
        }
    }

    /** Words separated by blanks ({@code sudo -n systemctl}); none for an empty value. */
    public List<String> words(String key, String fallback) {
        String value = text(key, fallback);
        return value.isBlank() ? List.of() : Arrays.asList(value.strip().split("\\s+"));
    }
}
