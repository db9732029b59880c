package io.keyswitch.datapoint.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A device's time online in a period, computed from its recorded changes: online while either channel (reports,
 * tunnel) is online. The changes given are those in the period and, per channel, the last one before it (the state the
 * period began in; none: offline). Changes at or after the period's end are ignored.
 *
 * @param online      how long the device was online within the period
 * @param covered     the period's length as counted: from its start (or, with an open start, the device's first change)
 *                    to its end
 * @param transitions how often the device went online or offline within the period (each change of the combined state)
 * @param onlineAtEnd whether it was online at the period's end
 */
public record OnlineTime(Duration online, Duration covered, int transitions, boolean onlineAtEnd) {

    public static final OnlineTime NONE = new OnlineTime(Duration.ZERO, Duration.ZERO, 0, false);

    /**
     * @param changes the device's changes (any order): the last one of each channel before {@code from} and those from
     *                {@code from} on
     * @param from    the period's start; null: from the first change
     * @param end     the period's end (its {@code to}, or now when that is later or open)
     */
    public static OnlineTime of(List<PresenceChange> changes, Instant from, Instant end) {
        List<PresenceChange> sorted = changes.stream().sorted(Comparator.comparing(PresenceChange::at)).toList();
        Instant start = from != null ? from : sorted.isEmpty() ? end : sorted.get(0).at();
        if (!start.isBefore(end)) {
            return NONE;
        }
        Map<Channel, Boolean> state = new EnumMap<>(Channel.class);
        int i = 0;
        for (; i < sorted.size() && sorted.get(i).at().isBefore(start); i++) {
            state.put(sorted.get(i).channel(), sorted.get(i).online());
        }
        boolean online = state.containsValue(true);
        Instant cursor = start;
        Duration total = Duration.ZERO;
        int transitions = 0;
        for (; i < sorted.size() && sorted.get(i).at().isBefore(end); i++) {
            PresenceChange c = sorted.get(i);
            if (online) {
                total = total.plus(Duration.between(cursor, c.at()));
            }
            cursor = c.at();
            state.put(c.channel(), c.online());
            boolean now = state.containsValue(true);
            if (now != online) {
                transitions++;
                online = now;
            }
        }
        if (online) {
            total = total.plus(Duration.between(cursor, end));
        }
        return new OnlineTime(total, Duration.between(start, end), transitions, online);
    }

    /** The share of the covered period the device was online, in per cent (0 for an empty period). */
    public double percent() {
        return covered.isZero() ? 0 : 100.0 * online.toMillis() / covered.toMillis();
    }
}
