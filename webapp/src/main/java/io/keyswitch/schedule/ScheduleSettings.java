package io.keyswitch.schedule;

import io.keyswitch.platform.RetryPolicy;
import io.keyswitch.platform.SettingsReader;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The settings of scheduled reports ({@code keyswitch.report-schedules.*}, docs/configuration.md): how often the runner
 * looks for due schedules and runs, the largest attachments a mail carries (larger: the mail says where to get the
 * report), and how a run whose mail failed is retried (backoff, then given up after so many attempts).
 */
public record ScheduleSettings(Duration interval, long maxAttachmentBytes, RetryPolicy retry, int maxAttempts) {

    /** The settings from {@code lookup} ({@link SettingsReader#portalLookup()} in the portal). */
    public static ScheduleSettings read(UnaryOperator<String> lookup) {
        SettingsReader r = SettingsReader.of(lookup, "keyswitch.report-schedules.");
        return new ScheduleSettings(r.duration("interval", Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofMinutes(10)),
                r.integer("max-attachment-kib", 10 * 1024, 1, 100 * 1024) * 1024L,
                new RetryPolicy(r.duration("retry-first", Duration.ofMinutes(1), Duration.ofMillis(200), Duration.ofHours(1)),
                        r.duration("retry-longest", Duration.ofHours(1), Duration.ofMillis(200), Duration.ofDays(1))),
                r.integer("max-attempts", 12, 1, 100));
    }

    /** The settings as the start-up log line shows them. */
    public String describe() {
        return "report-schedules.interval=" + interval + " max-attachment-kib=" + maxAttachmentBytes / 1024 + " retry-first="
                + retry.first() + " retry-longest=" + retry.longest() + " max-attempts=" + maxAttempts;
    }
}
