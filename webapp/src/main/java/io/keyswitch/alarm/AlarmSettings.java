package io.keyswitch.alarm;

import io.keyswitch.platform.RetryPolicy;
import io.keyswitch.platform.SettingsReader;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The appliance-wide settings of alarms, read once at start and logged by {@link #describe()}.
 *
 * @param interval how often the background run checks for offline devices, escalates and sends the outbox
 * @param retry    when an unsent message is tried again (first pause, doubled up to the longest)
 * @param batch    messages read from the outbox at once (a run sends batch after batch until none is due)
 * @param retentionDays     cleared alarms and sent messages are kept this many days, then deleted
 * @param retentionInterval how often the retention job looks for them
 */
public record AlarmSettings(Duration interval, RetryPolicy retry, int batch, int retentionDays, Duration retentionInterval) {

    public static AlarmSettings from(UnaryOperator<String> lookup) {
        SettingsReader alarms = SettingsReader.of(lookup, "keyswitch.alarms.");
        return new AlarmSettings(
                alarms.duration("interval", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)),
                new RetryPolicy(alarms.duration("retry-first", Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1)),
                        alarms.duration("retry-longest", Duration.ofMinutes(30), Duration.ofSeconds(1), Duration.ofDays(1))),
                alarms.integer("batch", 200, 1, 10_000),
                alarms.integer("retention-days", 365, 1, 36_500),
                alarms.duration("retention-interval", Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofDays(1)));
    }

    /** One line for the start-up log: every setting in force. */
    public String describe() {
        return "Alarm settings: alarms.interval=" + interval + ", retry-first=" + retry.first() + ", retry-longest="
                + retry.longest() + ", batch=" + batch + "; cleared alarms and sent messages kept " + retentionDays
                + " days (retention-days), looked for every " + retentionInterval.toSeconds() + " s (retention-interval)";
    }
}
