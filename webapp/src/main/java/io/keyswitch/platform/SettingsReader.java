package io.keyswitch.platform;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one way the portal reads its {@code keyswitch.*} settings: from a {@code key -> value} lookup (MicroProfile
 * Config in the portal, {@link #portal}; a map in unit tests) as typed values (text, true/false, a bounded whole
 * number, a duration, one of some words, a list such as CIDR ranges). A key that is missing or blank keeps its
 * default; an unusable value fails with an {@link IllegalArgumentException} that names the key in full and says what
 * it must be. Every key is listed with its type, default and meaning in {@code docs/configuration.md}
 * ({@code ConfigurationReferenceTest} fails on a key missing there).
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

    /** A reader of full keys ({@code keyswitch.jail.max-failures}). */
    public static SettingsReader of(UnaryOperator<String> lookup) {
        return new SettingsReader(lookup, "");
    }

    /**
     * The portal's configuration: MicroProfile Config, i.e. system properties ({@code -Dkeyswitch.jail.max-failures=5}),
     * the environment ({@code KEYSWITCH_JAIL_MAX_FAILURES=5}) or a {@code microprofile-config.properties}. A key that
     * is not set answers {@code null}.
     */
    public static UnaryOperator<String> portalLookup() {
        var config = ConfigProvider.getConfig();
        return key -> config.getOptionalValue(key, String.class).orElse(null);
    }

    /** A reader of the portal's configuration ({@link #portalLookup()}) by full keys. */
    public static SettingsReader portal() {
        return of(portalLookup());
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

    /** The value without leading and trailing blanks; {@code fallback} when missing or blank. */
    public String text(String key, String fallback) {
        String value = lookup.apply(prefix + key);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** The value without leading and trailing blanks; empty when missing or blank. */
    public Optional<String> optionalText(String key) {
        return Optional.ofNullable(text(key, null));
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

    /** A whole number from {@code min} to {@code max} ({@link Integer#MAX_VALUE}: no upper bound). */
    public int integer(String key, int fallback, int min, int max) {
        String value = text(key, Integer.toString(fallback));
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + key + " must be a whole number "
                    + (max == Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max) + ", not '" + value
                    + "'");
        }
    }

    /** A duration, ISO-8601 ({@code PT10M}) or a plain number of seconds ({@code 600}). */
    public Duration duration(String key, Duration fallback) {
        String value = text(key, fallback.toString());
        try {
            return value.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(prefix + key + " must be a duration like " + fallback + " or "
                    + fallback.toSeconds() + ", not '" + value + "'", e);
        }
    }

    /** A duration ({@link #duration(String, Duration)}) from {@code min} to {@code max}. */
    public Duration duration(String key, Duration fallback, Duration min, Duration max) {
        Duration d = duration(key, fallback);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(prefix + key + " must be a duration from " + min + " to " + max + ", not '"
                    + text(key, "") + "'");
        }
        return d;
    }

    /** One of {@code choices} (any case; answered as the choice is spelled); anything else fails. */
    public String oneOf(String key, String fallback, String... choices) {
        String value = text(key, fallback);
        return Arrays.stream(choices).filter(c -> c.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(prefix + key + " must be " + either(choices) + ", not '"
                        + value + "'"));
    }

    /**
     * A value {@code parse} makes of the text (a CIDR range, a path); its {@link IllegalArgumentException} comes back
     * with the key in front ({@code keyswitch.vpn.tunnel-pool: …}).
     */
    public <T> T value(String key, String fallback, Function<String, T> parse) {
        String value = text(key, fallback);
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Comma-separated values, each made by {@code parse} (a CIDR list: {@code 10.0.0.0/8, 2001:db8::/32}); none for
     * an empty value. A value {@code parse} refuses fails with the key in front.
     */
    public <T> List<T> list(String key, Function<String, T> parse) {
        List<String> items = Arrays.stream(text(key, "").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        try {
            return items.stream().map(parse).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + key + ": " + e.getMessage(), e);
        }
    }

    /** Words separated by blanks ({@code sudo -n systemctl}); none for an empty value. */
    public List<String> words(String key, String fallback) {
        String value = text(key, fallback);
        return value.isBlank() ? List.of() : Arrays.asList(value.strip().split("\\s+"));
    }

    private static String either(String... choices) {
        if (choices.length == 1) {
            return choices[0];
        }
        return String.join(", ", Arrays.asList(choices).subList(0, choices.length - 1)) + " or " + choices[choices.length - 1];
    }
}
