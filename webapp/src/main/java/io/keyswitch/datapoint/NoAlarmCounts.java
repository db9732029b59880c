package io.keyswitch.datapoint;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;

/** {@link ActiveAlarmCounts} while the portal has no alarms: none available, nothing counted. */
@ApplicationScoped
public class NoAlarmCounts implements ActiveAlarmCounts {

    @Override
    public Map<Long, Integer> byDevice(long accountId, Collection<Long> deviceIds) {
        return Map.of();
    }

    @Override
    public boolean available() {
        return false;
    }
}
