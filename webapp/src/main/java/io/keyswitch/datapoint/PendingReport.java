package io.keyswitch.datapoint;

import io.keyswitch.device.TunnelMode;
import io.keyswitch.platform.ValidationFailed;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An authenticated device's report waiting for the reports' writer: what it carries, and — set while its batch is
 * written, told to the waiting request once that batch committed — its answer or the reason it was refused.
 */
final class PendingReport {

    final long accountId;
    final long deviceId;
    final TunnelMode mode;
    /** When the values were read (the report's time, else when it came). */
    final Instant at;
    final Instant received;
    final List<Reading> readings;
    final String address;
    final CompletableFuture<ReportAnswer> outcome = new CompletableFuture<>();

    /** Set in the transaction; meaningful only after it committed. */
    ReportAnswer answer;
    ValidationFailed refused;

    PendingReport(long accountId, long deviceId, TunnelMode mode, Instant at, Instant received, List<Reading> readings,
                  String address) {
        this.accountId = accountId;
        this.deviceId = deviceId;
        this.mode = mode;
        this.at = at;
        this.received = received;
        this.readings = List.copyOf(readings);
        this.address = address;
    }

    /** Before each try of writing it (a batch rolled back is written again one by one). */
    void reset() {
        answer = null;
        refused = null;
    }

    /** Its transaction committed: the request learns the answer or the refusal. */
    void committed() {
        if (refused != null) {
            outcome.completeExceptionally(refused);
        } else {
            outcome.complete(answer);
        }
    }
}
