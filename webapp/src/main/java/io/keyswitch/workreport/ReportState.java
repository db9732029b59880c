package io.keyswitch.workreport;

/** Where a work report is: asked for and not written yet, or written (final once its edit window has passed). */
public enum ReportState {
    OPEN,
    WRITTEN
}
