package io.keyswitch.platform;

/** SQL LIKE patterns from what a person typed: their text is taken literally, never as wildcards. */
public final class Like {

    private Like() {
    }

    /** The pattern for values that start with {@code typed} ({@code %} and {@code _} in it match themselves). */
    public static String prefix(String typed) {
        return typed.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
