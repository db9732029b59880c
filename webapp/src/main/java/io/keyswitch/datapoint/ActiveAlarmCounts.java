package io.keyswitch.datapoint;

import java.util.Collection;
import java.util.Map;

/**
 * Role: how many alarms are active now per device, for the dashboard's tiles. The alarms feature implements it (and
 * replaces {@link NoAlarmCounts}, e.g. as an {@code @Alternative @Priority} bean); until then a tile says that alarms
 * are not available rather than "0".
 */
public interface ActiveAlarmCounts {

    /**
     * The active alarms of these devices of the account, by device id; a device without any is 0 or absent.
     *
     * @return empty when alarms are not available at all ({@link #available()} is false)
     */
    Map<Long, Integer> byDevice(long accountId, Collection<Long> deviceIds);

    /** Whether alarms exist on this portal. */
    boolean available();
}
