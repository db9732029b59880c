package io.keyswitch.workreport;

import java.time.Duration;
import java.time.Instant;

/**
 * How long the author of a work report may correct it after first writing it (the account's rule, 24 hours unless it
 * says otherwise); after that the report is final. The end is fixed when the report is first written, so a later
 * change of the rule neither reopens a final report nor shortens a window already given.
 */
public record EditWindow(Duration length) {

    /** When a report first written at {@code writtenAt} becomes final. */
    public Instant endsFor(Instant writtenAt) {
        return writtenAt.plus(length);
    }

    /** Whether a report whose window ends at {@code editUntil} may still be corrected at {@code now}. */
    public static boolean open(Instant editUntil, Instant now) {
        return editUntil != null && now.isBefore(editUntil);
    }
}
