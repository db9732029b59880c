package io.keyswitch.keyswitch;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The setting "Connections only while the key switch is on", as a device or a project has it: {@code ON}, {@code OFF},
 * or for a device {@code INHERIT} (its project's default; a project's default is {@code OFF} until set). The API and
 * the pages name them {@code inherit}, {@code on}, {@code off}.
 */
public enum Choice {
    INHERIT, ON, OFF;

    /** {@code inherit}, {@code on}, {@code off}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The choice a text names ({@code on}, {@code OFF}, …), or empty for anything else. */
    public static Optional<Choice> parse(String text) {
        return text == null ? Optional.empty()
                : Arrays.stream(values()).filter(c -> c.wire().equals(text.strip().toLowerCase(Locale.ROOT))).findFirst();
    }

    /** The stored value of a choice ({@code null}: no row, INHERIT). */
    static Choice of(Boolean required) {
        return required == null ? INHERIT : required ? ON : OFF;
    }

    /** What a device with this choice and its project's {@code projectDefault} needs. */
    static boolean required(Choice device, Choice projectDefault) {
        return device == INHERIT ? projectDefault == ON : device == ON;
    }
}
