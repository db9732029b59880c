package io.keyswitch.appliance.protocol;

import java.time.Instant;
import java.util.List;

/** The journal of the appliance's units, read newest first, a page at a time. */
public interface Journal {

    /** Whether the journal can be read here, and in words why not. */
    record Availability(boolean available, String detail) {
    }

    Availability availability();

    /**
     * Up to {@code limit} entries of the appliance's units in {@code [from, to)} (either end open), newest first, older
     * than the entry of {@code beforeCursor} (null: from the newest).
     */
    List<JournalEntry> read(Instant from, Instant to, String beforeCursor, int limit);
}
