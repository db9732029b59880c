package io.keyswitch.connection;

import java.time.Instant;

/**
 * Which connections a list shows: live ones, closed ones or all; optionally of one device or one user, asked for in a
 * period, with a device or user name starting with {@code text}; newest first, one page.
 */
public record ConnectionQuery(Which which, Long deviceId, Long userId, Instant from, Instant to, String text) {

    /** Live (waiting or open), closed, or both. */
    public enum Which { LIVE, CLOSED, ALL }

    public static ConnectionQuery live() {
        return new ConnectionQuery(Which.LIVE, null, null, null, null, null);
    }

    public ConnectionQuery withText(String typed) {
        return new ConnectionQuery(which, deviceId, userId, from, to, typed);
    }
}
