package io.keyswitch.datapoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A device's report was stored ({@link DeviceReports#accept}); fired inside the report's transaction, so observers
 * that must not hold up or undo the report observe it after the commit ({@code TransactionPhase.AFTER_SUCCESS}).
 *
 * @param at       when the values were read (the report's time, else when it came)
 * @param current  the readings that became the points' current values (a late report's older ones do not)
 * @param previous each of those points' value before this report as a person reads it ({@code on}, {@code 21.5}),
 *                 by name; a point the report made has none
 */
public record ReportStored(long accountId, long deviceId, Instant at, List<Reading> current, Map<String, String> previous) {
}
