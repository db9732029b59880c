package io.keyswitch.alarm;

/** How serious an alarm is, lowest first: an alarm group takes alarms from its minimum severity up. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    /** Whether this severity is {@code minimum} or above. */
    public boolean atLeast(Severity minimum) {
        return compareTo(minimum) >= 0;
    }
}
