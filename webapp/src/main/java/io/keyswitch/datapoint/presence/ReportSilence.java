package io.keyswitch.datapoint.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which devices are online by their reports, in memory: each such device with the time of its last report. A report
 * costs one map update and yields a change only when the device was offline (none known, or silent for longer than
 * {@code offlineAfter}); {@link #silent} finds the devices whose last report has grown too old. The offline change is
 * dated when the device became offline by the rule of {@link io.keyswitch.datapoint.Presence} (last report +
 * {@code offlineAfter}), not when it was noticed, so the history does not depend on how often it is looked at.
 */
final class ReportSilence {

    /** A device's account and last report. */
    private record Heard(long accountId, Instant at) {
    }

    private final Map<Long, Heard> lastReports = new ConcurrentHashMap<>();
    private volatile Duration offlineAfter;

    ReportSilence(Duration offlineAfter) {
        this.offlineAfter = offlineAfter;
    }

    void offlineAfter(Duration after) {
        offlineAfter = after;
    }

    /** A device online by its reports (at start, from the recorded history), with its last report. */
    void known(long accountId, long deviceId, Instant lastReport) {
        lastReports.put(deviceId, new Heard(accountId, lastReport));
    }

    /** The changes a report received at {@code now} makes: none while online, else online now (after offline if missed). */
    List<PresenceChange> reported(long accountId, long deviceId, Instant now) {
        List<PresenceChange> changes = new ArrayList<>(2);
        Duration after = offlineAfter;
        lastReports.compute(deviceId, (id, last) -> {
            if (last == null) {
                changes.add(PresenceChange.of(accountId, deviceId, now, Channel.REPORT, true));
                return new Heard(accountId, now);
            }
            Instant offlineAt = last.at().plus(after);
            if (offlineAt.isBefore(now)) {
                changes.add(PresenceChange.of(accountId, deviceId, offlineAt, Channel.REPORT, false));
                changes.add(PresenceChange.of(accountId, deviceId, now, Channel.REPORT, true));
            }
            return now.isAfter(last.at()) ? new Heard(accountId, now) : last;
        });
        return changes;
    }

    /**
     * The devices silent for longer than {@code offlineAfter} at {@code now}, forgotten here, each as its offline change.
     */
    List<PresenceChange> silent(Instant now) {
        Duration after = offlineAfter;
        List<PresenceChange> changes = new ArrayList<>();
        lastReports.forEach((deviceId, last) -> {
            Instant offlineAt = last.at().plus(after);
            if (offlineAt.isBefore(now) && lastReports.remove(deviceId, last)) {
                changes.add(PresenceChange.of(last.accountId(), deviceId, offlineAt, Channel.REPORT, false));
            }
        });
        return changes;
    }

    int size() {
        return lastReports.size();
    }

    /** Forgets a device (deleted). */
    void forget(long deviceId) {
        lastReports.remove(deviceId);
    }
}
