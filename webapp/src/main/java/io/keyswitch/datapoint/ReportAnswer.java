package io.keyswitch.datapoint;

import java.time.Instant;

/**
 * What the portal answers a report: whether the router should hold its tunnel now, when it expects the next report,
 * how many values went into the history, and the portal's time of receipt.
 */
public record ReportAnswer(boolean tunnelWanted, int intervalSeconds, int stored, Instant received) {
}
