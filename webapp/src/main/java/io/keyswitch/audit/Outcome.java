package io.keyswitch.audit;

/** How the audited action ended. */
public enum Outcome {
    SUCCESS,
    FAILURE,
    DENIED
}
