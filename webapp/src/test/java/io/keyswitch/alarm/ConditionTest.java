package io.keyswitch.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.datapoint.Presence;
import io.keyswitch.datapoint.Reading;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Alarm rule conditions: state, change, threshold with hysteresis, offline")
class ConditionTest {

    private static final Condition HOT = new Condition(RuleKind.ABOVE, "temperature", null, 80.0, 5.0);
    private static final Condition COLD = new Condition(RuleKind.BELOW, "pressure", null, 2.0, 0.5);

    private static Reading temperature(double t) {
        return Reading.number("values[0]", "temperature", t, "°C");
    }

    @Test
    @DisplayName("above 80 with hysteresis 5: raised above 80, kept down to 75 exclusive, cleared at 75; not raised again until above 80")
    void aboveWithHysteresis() {
        assertThat(HOT.evaluate(false, temperature(80.0), "79")).isEqualTo(Verdict.KEEP);
        assertThat(HOT.evaluate(false, temperature(80.1), "80")).isEqualTo(Verdict.RAISE);
        assertThat(HOT.evaluate(true, temperature(90), "80.1")).isEqualTo(Verdict.KEEP);
        assertThat(HOT.evaluate(true, temperature(79), "90")).as("inside the band").isEqualTo(Verdict.KEEP);
        assertThat(HOT.evaluate(true, temperature(75.01), "79")).as("inside the band").isEqualTo(Verdict.KEEP);
        assertThat(HOT.evaluate(true, temperature(75), "75.01")).isEqualTo(Verdict.CLEAR);
        assertThat(HOT.evaluate(false, temperature(78), "75")).as("back in the band after clearing").isEqualTo(Verdict.KEEP);
    }

    @Test
    @DisplayName("below 2 with hysteresis 0.5: raised below 2, cleared only at 2.5 or more")
    void belowWithHysteresis() {
        Reading low = Reading.number("values[0]", "pressure", 1.9, "bar");
        assertThat(COLD.evaluate(false, low, "2.1")).isEqualTo(Verdict.RAISE);
        assertThat(COLD.evaluate(true, Reading.number("v", "pressure", 2.4, "bar"), "1.9")).isEqualTo(Verdict.KEEP);
        assertThat(COLD.evaluate(true, Reading.number("v", "pressure", 2.5, "bar"), "2.4")).isEqualTo(Verdict.CLEAR);
    }

    @Test
    @DisplayName("a threshold rule on a text point never fires")
    void thresholdOnText() {
        assertThat(HOT.evaluate(false, Reading.text("v", "temperature", "hot", null), null)).isEqualTo(Verdict.KEEP);
    }

    @Test
    @DisplayName("state IN2 = on: raised when it turns on, cleared when it turns off, kept while it stays")
    void state() {
        Condition in2 = new Condition(RuleKind.STATE, "in2", "on", null, 0);
        assertThat(in2.evaluate(false, Reading.bool("system.in2", "in2", true), "off")).isEqualTo(Verdict.RAISE);
        assertThat(in2.evaluate(true, Reading.bool("system.in2", "in2", true), "on")).isEqualTo(Verdict.KEEP);
        assertThat(in2.evaluate(true, Reading.bool("system.in2", "in2", false), "on")).isEqualTo(Verdict.CLEAR);
        assertThat(in2.evaluate(false, Reading.bool("system.in2", "in2", false), "on")).isEqualTo(Verdict.KEEP);
        assertThat(in2.evaluate(false, Reading.bool("system.in2", "in2", true), null)).as("a first report that is on")
                .isEqualTo(Verdict.RAISE);
    }

    @Test
    @DisplayName("change of USB: raised when the value differs from the one before, updated while open, not on the first report")
    void change() {
        Condition usb = new Condition(RuleKind.CHANGE, "usb", null, null, 0);
        Reading plugged = Reading.text("system.usb", "usb", "plugged", null);
        assertThat(usb.evaluate(false, plugged, "removed")).isEqualTo(Verdict.RAISE);
        assertThat(usb.evaluate(false, plugged, "plugged")).isEqualTo(Verdict.KEEP);
        assertThat(usb.evaluate(false, plugged, null)).isEqualTo(Verdict.KEEP);
        assertThat(usb.evaluate(true, Reading.text("system.usb", "usb", "removed", null), "plugged")).isEqualTo(Verdict.UPDATE);
    }

    @Test
    @DisplayName("a rule watches only its own point, and an offline rule watches none")
    void watches() {
        assertThat(HOT.watches(temperature(1))).isTrue();
        assertThat(HOT.watches(Reading.number("v", "Temperature", 1, null))).as("names are case-sensitive").isFalse();
        assertThat(new Condition(RuleKind.OFFLINE, null, null, null, 0).watches(temperature(1))).isFalse();
    }

    @Test
    @DisplayName("offline: raised when the last report is older than the rule's time and no tunnel is up, cleared when online")
    void offline() {
        Instant now = Instant.parse("2026-12-05T10:00:00Z");
        Duration fiveMinutes = Duration.ofMinutes(5);
        Presence silent = Presence.of(now.minusSeconds(301), false, null, now, fiveMinutes);
        Presence reporting = Presence.of(now.minusSeconds(299), false, null, now, fiveMinutes);
        Presence tunnel = Presence.of(now.minusSeconds(3600), true, now, now, fiveMinutes);

        assertThat(Condition.offline(false, silent)).isEqualTo(Verdict.RAISE);
        assertThat(Condition.offline(true, silent)).isEqualTo(Verdict.KEEP);
        assertThat(Condition.offline(false, reporting)).isEqualTo(Verdict.KEEP);
        assertThat(Condition.offline(true, reporting)).isEqualTo(Verdict.CLEAR);
        assertThat(Condition.offline(true, tunnel)).as("a tunnel that is up counts as online").isEqualTo(Verdict.CLEAR);
    }

    @Test
    @DisplayName("offline after a portal restart: the portal hears nothing while it is down, so a device's silence counts"
            + " from the portal's start at the earliest — no mass of offline alarms when the portal comes back")
    void silenceCountsFromThePortalsStart() {
        Instant started = Instant.parse("2026-12-05T10:00:00Z");
        Instant lastReport = started.minus(Duration.ofHours(1)); // the portal was down for an hour
        Duration fiveMinutes = Duration.ofMinutes(5);

        Presence oneMinuteAfterStart = Presence.of(Condition.heard(lastReport, started), false, null,
                started.plusSeconds(60), fiveMinutes);
        Presence sixMinutesAfterStart = Presence.of(Condition.heard(lastReport, started), false, null,
                started.plusSeconds(360), fiveMinutes);

        assertThat(Condition.offline(false, oneMinuteAfterStart)).isEqualTo(Verdict.KEEP);
        assertThat(Condition.offline(false, sixMinutesAfterStart)).isEqualTo(Verdict.RAISE);
        assertThat(Condition.heard(started.plusSeconds(30), started)).isEqualTo(started.plusSeconds(30));
        assertThat(Condition.heard(null, started)).as("a device that never reported is not watched").isNull();
    }
}
