package io.keyswitch.schedule;

/** How often a schedule runs: every day, on one weekday, or on one day (1–28) of each month. */
public enum Cadence {
    DAILY,
    WEEKLY,
    MONTHLY
}
