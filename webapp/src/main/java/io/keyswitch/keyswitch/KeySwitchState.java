package io.keyswitch.keyswitch;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * What the portal knows of one device's key switch, and the decision on it: whether connections to the device need
 * the switch on (its own choice, else its project's default), and the switch as last reported (data point
 * {@code in1}) and when. A switch not reported within {@code knownFor} is not known, and not known counts as off.
 *
 * @param on      the last reported IN1 ({@code null}: never reported)
 * @param heardAt when it was last reported (the earlier of the report's own time and its receipt, so a router's clock
 *                running ahead does not keep an old value fresh); {@code null}: never
 */
public record KeySwitchState(long deviceId, String deviceName, Choice deviceChoice, Choice projectDefault, Boolean on,
                             Instant heardAt) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    /** Whether connections to the device need the key switch on. */
    public boolean required() {
        return Choice.required(deviceChoice, projectDefault);
    }

    /** The switch is reported on, recently enough. */
    public boolean knownOn(Instant now, Duration knownFor) {
        return Boolean.TRUE.equals(on) && fresh(now, knownFor);
    }

    private boolean fresh(Instant now, Duration knownFor) {
        return heardAt != null && heardAt.isAfter(now.minus(knownFor));
    }

    /**
     * Why a connection to the device may not be made or go on now, in the technician's words; empty when the device
     * does not need the switch, or it is on.
     */
    public Optional<String> refusal(Instant now, Duration knownFor) {
        if (!required() || knownOn(now, knownFor)) {
            return Optional.empty();
        }
        if (heardAt == null) {
            return Optional.of(deviceName + ": the key switch at the machine is not known (no report of it yet); connections"
                    + " need it on.");
        }
        if (!fresh(now, knownFor)) {
            return Optional.of(deviceName + ": the key switch at the machine is not known (no report since "
                    + time(heardAt) + "); connections need it on.");
        }
        return Optional.of(deviceName + ": the key switch at the machine is off (reported " + time(heardAt)
                + "); connections need it on. Ask the machine's operator to turn it on.");
    }

    /** For lists: {@code on}, {@code off} or {@code not known}. */
    public String shown(Instant now, Duration knownFor) {
        return !fresh(now, knownFor) || on == null ? "not known" : on ? "on" : "off";
    }

    private static String time(Instant at) {
        return TIME.format(at.truncatedTo(ChronoUnit.SECONDS));
    }
}
