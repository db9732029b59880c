package io.keyswitch.platform;

import java.time.Duration;
import java.time.Instant;

/**
 * When something that could not be delivered is tried again (an alarm message, a scheduled report's mail, a SIEM target): after
 * {@code first}, doubling with each failed attempt, at most {@code longest} apart. Whether and when to give up is the
 * caller's (alarm messages never are: a mail server that is down delays them, never loses them).
 */
public record RetryPolicy(Duration first, Duration longest) {

    /** The next attempt after the {@code attempts}-th failed one (1 for the first failure) at {@code failedAt}. */
    public Instant next(Instant failedAt, int attempts) {
        return failedAt.plus(pause(attempts));
    }

    /** The pause after the {@code attempts}-th failed attempt in a row (1 for the first failure). */
    public Duration pause(int attempts) {
        Duration pause = first;
        for (int i = 1; i < attempts && pause.compareTo(longest) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(longest) > 0 ? longest : pause;
    }
}
