package io.keyswitch.approval;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The rules of a request's time, without the database: the window a technician asks for (a start and a length within
 * bounds), when a request expires unanswered, the window an approver may give (the wanted one or a shorter one inside
 * it, never one that is over), and when the portal warns that a window ends soon.
 *
 * @param start the first instant a connection may be opened
 * @param end   the instant the window is over (connections are closed then)
 */
public record ApprovalWindow(Instant start, Instant end) {

    /** The shortest window a technician may ask for. */
    public static final int SHORTEST_MINUTES = 5;
    /** The longest window a technician may ask for: one working day and night. */
    public static final int LONGEST_MINUTES = 24 * 60;
    /** How far ahead a window may start. */
    public static final Duration FURTHEST_START = Duration.ofDays(30);
    /** A start this little in the past counts as "now" (the form was filled in a moment ago). */
    public static final Duration PAST_GRACE = Duration.ofMinutes(5);
    /** The warning before a window ends. */
    public static final Duration WARNING = Duration.ofMinutes(5);
    /** Bounds and default of the account's answer time, in minutes. */
    public static final int EXPIRY_SHORTEST = 5;
    public static final int EXPIRY_LONGEST = 7 * 24 * 60;
    public static final int EXPIRY_DEFAULT = 60;

    /**
     * The window a technician asks for: from {@code start} ({@code null}: now) for {@code minutes}; problems go into
     * {@code errors} under {@code start} and {@code minutes}, and {@code null} is returned.
     */
    public static ApprovalWindow wanted(Instant start, Integer minutes, Instant now, Map<String, String> errors) {
        Instant from = start == null ? now : start;
        if (from.isBefore(now.minus(PAST_GRACE))) {
            errors.put("start", "The wanted start is in the past: choose now or a later time.");
        } else if (from.isAfter(now.plus(FURTHEST_START))) {
            errors.put("start", "The wanted start is more than " + FURTHEST_START.toDays() + " days ahead.");
        }
        if (minutes == null) {
            errors.put("minutes", "Say how long you need, in minutes (" + SHORTEST_MINUTES + " to " + LONGEST_MINUTES + ").");
        } else if (minutes < SHORTEST_MINUTES || minutes > LONGEST_MINUTES) {
            errors.put("minutes", "The duration must be " + SHORTEST_MINUTES + " to " + LONGEST_MINUTES + " minutes (24 hours).");
        }
        if (errors.containsKey("start") || errors.containsKey("minutes")) {
            return null;
        }
        Instant begins = from.isBefore(now) ? now : from;
        return new ApprovalWindow(begins, begins.plus(Duration.ofMinutes(minutes)));
    }

    /**
     * The window an approver gives: this (the wanted) window, or a shorter one — a later {@code start} and/or fewer
     * {@code minutes} — that lies inside it and is not over at {@code now}; problems go into {@code errors}.
     */
    public ApprovalWindow approved(Instant start, Integer minutes, Instant now, Map<String, String> errors) {
        Instant from = start == null ? this.start : start;
        if (from.isBefore(this.start)) {
            errors.put("start", "The approved window must lie inside the wanted one: it cannot start before " + this.start + ".");
            return null;
        }
        Instant to = minutes == null ? this.end : from.plus(Duration.ofMinutes(minutes));
        if (minutes != null && minutes < 1) {
            errors.put("minutes", "The approved duration must be at least 1 minute.");
        } else if (to.isAfter(this.end)) {
            errors.put("minutes", "The approved window must lie inside the wanted one: it cannot end after " + this.end + ".");
        } else if (!to.isAfter(now)) {
            errors.put(minutes == null ? "start" : "minutes", "This window is over already: it cannot be approved.");
        }
        return errors.isEmpty() ? new ApprovalWindow(from, to) : null;
    }

    /**
     * When a request made at {@code requestedAt} expires unanswered: after the account's answer time, or when its wanted
     * window is over, whichever comes first.
     */
    public Instant expiresAt(Instant requestedAt, int expiryMinutes) {
        Instant byTime = requestedAt.plus(Duration.ofMinutes(expiryMinutes));
        return byTime.isBefore(end) ? byTime : end;
    }

    /** Whether a connection may be open at {@code t}: from the start (inclusive) to the end (exclusive). */
    public boolean covers(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** Whether the portal warns at {@code t} that the window ends soon: covered, and less than {@link #WARNING} left. */
    public boolean endsSoon(Instant t) {
        return covers(t) && Duration.between(t, end).compareTo(WARNING) <= 0;
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    /** The account's answer time checked: {@value #EXPIRY_SHORTEST} to {@value #EXPIRY_LONGEST} minutes (7 days). */
    public static Integer expiry(Integer minutes, Map<String, String> errors) {
        if (minutes == null || minutes < EXPIRY_SHORTEST || minutes > EXPIRY_LONGEST) {
            errors.put("expireMinutes", "The answer time must be " + EXPIRY_SHORTEST + " to " + EXPIRY_LONGEST
                    + " minutes (7 days).");
            return null;
        }
        return minutes;
    }

    /** An instant as ISO-8601 text ({@code 2026-12-05T14:00:00Z}), {@code null} for blank; a bad one goes into errors. */
    public static Instant instant(String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "Give the time as ISO-8601 in UTC, e.g. 2026-12-05T14:00:00Z.");
            return null;
        }
    }
}
