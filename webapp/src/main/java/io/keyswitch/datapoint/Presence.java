package io.keyswitch.datapoint;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a device is online and when it was last heard from, by either channel: its reports over HTTPS or its VPN
 * tunnel. Online while its tunnel is up, or while its last report is younger than the report interval × the
 * intervals after which it counts as offline ({@link DataPointSettings#offlineAfter()}).
 *
 * @param lastSeen the later of the last report and the tunnel's last sign of life; {@code null}: never
 */
public record Presence(Instant lastSeen, boolean online) {

    /**
     * @param lastReport     when the last report came, or {@code null}
     * @param tunnelUp       whether the device's VPN tunnel is up now
     * @param tunnelLastSeen the tunnel's last sign of life, or {@code null}
     */
    public static Presence of(Instant lastReport, boolean tunnelUp, Instant tunnelLastSeen, Instant now,
                              Duration offlineAfter) {
        Instant seen = lastReport == null ? tunnelLastSeen
                : tunnelLastSeen == null || lastReport.isAfter(tunnelLastSeen) ? lastReport : tunnelLastSeen;
        boolean reporting = lastReport != null && lastReport.isAfter(now.minus(offlineAfter));
        return new Presence(seen, tunnelUp || reporting);
    }

    /** "online", "offline" or "never seen". */
    public String text() {
        return online ? "online" : lastSeen == null ? "never seen" : "offline";
    }
}
