package io.keyswitch.alarm;

import java.time.Duration;
import java.time.Instant;

/**
 * When a message that could not be sent is tried again: after {@code first}, doubling with each failed attempt, at
 * most {@code longest} apart. A message is never given up: a mail server that is down delays it, never loses it.
 */
public record RetryPolicy(Duration first, Duration longest) {

    /** The next attempt after the {@code attempts}-th failed one (1 for the first failure) at {@code failedAt}. */
    public Instant next(Instant failedAt, int attempts) {
        Duration pause = first;
        for (int i = 1; i < attempts && pause.compareTo(longest) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return failedAt.plus(pause.compareTo(longest) > 0 ? longest : pause);
    }
}
