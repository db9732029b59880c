package io.keyswitch.alarm;

import java.util.Arrays;
import java.util.Optional;

/** The rules a user can switch on for a device or the whole account without writing a condition. */
public enum Builtin {
    OFFLINE("offline", "Device offline", RuleKind.OFFLINE, null, Severity.WARNING, "The device stopped reporting."),
    USB("usb", "USB changed", RuleKind.CHANGE, "usb", Severity.INFO, "A USB stick was plugged in or removed."),
    KEY_SWITCH("key-switch", "Key switch changed", RuleKind.CHANGE, "in1", Severity.WARNING, "The key switch (IN1) was turned.");

    private final String key;
    private final String title;
    private final RuleKind kind;
    private final String dataPoint;
    private final Severity severity;
    private final String text;

    Builtin(String key, String title, RuleKind kind, String dataPoint, Severity severity, String text) {
        this.key = key;
        this.title = title;
        this.kind = kind;
        this.dataPoint = dataPoint;
        this.severity = severity;
        this.text = text;
    }

    public static Optional<Builtin> of(String key) {
        return Arrays.stream(values()).filter(b -> b.key.equals(key)).findFirst();
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public RuleKind kind() {
        return kind;
    }

    public String dataPoint() {
        return dataPoint;
    }

    public Severity severity() {
        return severity;
    }

    public String text() {
        return text;
    }
}
