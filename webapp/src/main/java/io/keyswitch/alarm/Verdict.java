package io.keyswitch.alarm;

/** What one reading means for one rule's alarm on one device. */
public enum Verdict {
    /** The condition started: raise an alarm (there is no open one). */
    RAISE,
    /** The condition ended: clear the open alarm. */
    CLEAR,
    /** Nothing changes (still on, still off, or inside the hysteresis band). */
    KEEP,
    /** An open CHANGE alarm saw another change: the alarm stays open and shows the new value. */
    UPDATE
}
