package io.keyswitch.datapoint;

import java.util.Collection;
import java.util.Map;

/** Role: how many alarms are active now per device, for the dashboard's tiles (implemented by the alarms feature). */
public interface ActiveAlarmCounts {

    /** The active (not cleared) alarms of these devices of the account, by device id; a device without any is absent. */
    Map<Long, Integer> byDevice(long accountId, Collection<Long> deviceIds);
}
