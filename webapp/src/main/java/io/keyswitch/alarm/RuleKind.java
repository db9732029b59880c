package io.keyswitch.alarm;

/** What an alarm rule watches. */
public enum RuleKind {
    /** A data point shows a given state ({@code in2} is {@code on}); cleared when it shows another. */
    STATE,
    /** A data point's value changed (USB plugged or removed, the key switch turned); cleared when acknowledged. */
    CHANGE,
    /** A number rose above the threshold; cleared when it is back at or below threshold − hysteresis. */
    ABOVE,
    /** A number fell below the threshold; cleared when it is back at or above threshold + hysteresis. */
    BELOW,
    /** The device sent no report for the rule's minutes (and has no tunnel up); cleared by its next report. */
    OFFLINE
}
