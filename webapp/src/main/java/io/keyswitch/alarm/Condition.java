package io.keyswitch.alarm;

import io.keyswitch.datapoint.DataPointType;
import io.keyswitch.datapoint.Reading;
import java.util.Objects;

/**
 * The condition of a rule on a data point, evaluated against one reading: a pure function of the rule, whether an
 * alarm of it is open on the device (the state kept in the database), the reading and the point's value before it.
 *
 * @param stateValue for {@link RuleKind#STATE}: the value as a person reads it ({@code on}, {@code off}, a text, a number)
 * @param threshold  for {@link RuleKind#ABOVE}/{@link RuleKind#BELOW}
 * @param hysteresis how far back past the threshold a number must come before the alarm clears (0: at once)
 */
public record Condition(RuleKind kind, String dataPoint, String stateValue, Double threshold, double hysteresis) {

    /** Whether this condition reads {@code r} at all (its point, by name). */
    public boolean watches(Reading r) {
        return kind != RuleKind.OFFLINE && Objects.equals(dataPoint, r.name());
    }

    /**
     * @param open     whether an alarm of this rule is open on the device
     * @param previous the point's value before the reading, as {@link Reading#shown} makes it; {@code null}: none (new)
     */
    public Verdict evaluate(boolean open, Reading r, String previous) {
        String shown = Reading.shown(r.type(), r.number(), r.text());
        return switch (kind) {
            case STATE -> {
                boolean on = shown.equals(stateValue);
                yield on && !open ? Verdict.RAISE : !on && open ? Verdict.CLEAR : Verdict.KEEP;
            }
            case CHANGE -> previous == null || previous.equals(shown) ? Verdict.KEEP : open ? Verdict.UPDATE : Verdict.RAISE;
            case ABOVE -> number(r) == null ? Verdict.KEEP
                    : !open && number(r) > threshold ? Verdict.RAISE
                    : open && number(r) <= threshold - hysteresis ? Verdict.CLEAR : Verdict.KEEP;
            case BELOW -> number(r) == null ? Verdict.KEEP
                    : !open && number(r) < threshold ? Verdict.RAISE
                    : open && number(r) >= threshold + hysteresis ? Verdict.CLEAR : Verdict.KEEP;
            case OFFLINE -> Verdict.KEEP;
        };
    }

    /**
     * An offline rule's verdict: raise when the device is offline (no report for the rule's time, no tunnel) and no alarm
     * is open, clear when it is online again.
     */
    public static Verdict offline(boolean open, io.keyswitch.datapoint.Presence presence) {
        return !presence.online() && !open ? Verdict.RAISE : presence.online() && open ? Verdict.CLEAR : Verdict.KEEP;
    }

    /**
     * A device's last report as offline rules count it: the portal hears nothing while it is down, so silence is
     * counted from the portal's start at the earliest (a device that never reported stays unwatched).
     */
    public static java.time.Instant heard(java.time.Instant lastReport, java.time.Instant portalStarted) {
        return lastReport == null || portalStarted == null || lastReport.isAfter(portalStarted) ? lastReport : portalStarted;
    }

    /**
     * When a device heard from last at {@code heard} is offline by its reports if it stays silent ({@code after} being
     * the rule's time): the first moment {@link io.keyswitch.datapoint.Presence#of} no longer counts it as reporting;
     * {@code null} when it was never heard from (not watched). A tunnel that is up keeps it online past that moment.
     */
    public static java.time.Instant offlineAt(java.time.Instant heard, java.time.Duration after) {
        return heard == null ? null : heard.plus(after);
    }

    private static Double number(Reading r) {
        return r.type() == DataPointType.TEXT ? null : r.number();
    }
}
