package io.keyswitch.keyswitch;

import io.keyswitch.datapoint.Reading;
import io.keyswitch.datapoint.TunnelVeto;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Device reports' {@link TunnelVeto} of the key switch: a device that needs the key switch holds no tunnel while the
 * switch is off or not known (the report's own IN1 first, else the last one reported), whatever its tunnel mode.
 */
@ApplicationScoped
public class KeySwitchTunnelVeto implements TunnelVeto {

    @Inject
    KeySwitches switches;

    @Override
    public boolean vetoes(long accountId, long deviceId, List<Reading> reported) {
        if (!switches.mayRequire(accountId)) {
            return false;
        }
        return switches.state(accountId, deviceId).filter(KeySwitchState::required).map(s -> reported.stream()
                        .filter(r -> r.name().equals(KeySwitches.DATA_POINT)).findFirst()
                        .map(r -> r.number() == null || r.number() == 0)
                        .orElseGet(() -> !s.knownOn(switches.now(), switches.knownFor())))
                .orElse(false);
    }
}
