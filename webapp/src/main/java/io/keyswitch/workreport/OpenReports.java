package io.keyswitch.workreport;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The words a technician reads when the account's rule makes work reports mandatory and some of theirs are open:
 * "Write your work reports first: Press 12 (3 Dec 14:02 UTC), Mill 2 (4 Dec 09:10 UTC)." — at most {@link #LISTED}
 * named, "and more" after them.
 */
public final class OpenReports {

    /** How many open reports the words name. */
    public static final int LISTED = 5;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** One open report: the device of its connection and when the connection closed. */
    public record Open(String deviceName, Instant closedAt) {
    }

    private OpenReports() {
    }

    /**
     * Why the technician may not connect, or empty: {@code mandatory} is the account's rule, {@code open} their open
     * reports, oldest first (at most {@link #LISTED} + 1 are looked at).
     */
    public static Optional<String> refusal(boolean mandatory, List<Open> open) {
        if (!mandatory || open.isEmpty()) {
            return Optional.empty();
        }
        String named = open.stream().limit(LISTED).map(o -> o.deviceName() + " (" + WHEN.format(o.closedAt()) + ")")
                .collect(Collectors.joining(", "));
        return Optional.of("Write your work reports first: " + named + (open.size() > LISTED ? " and more" : "") + ".");
    }
}
