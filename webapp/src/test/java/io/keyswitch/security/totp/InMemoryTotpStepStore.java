package io.keyswitch.security.totp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The step store's contract on a map, standing in for the portal's database table in unit tests. */
final class InMemoryTotpStepStore implements TotpStepStore {

    private final Map<String, Long> lastSteps = new ConcurrentHashMap<>();

    @Override
    public boolean advanceTo(String userId, long step) {
        boolean[] advanced = {false};
        lastSteps.compute(userId, (id, last) -> {
            if (last == null || last < step) {
                advanced[0] = true;
                return step;
            }
            return last;
        });
        return advanced[0];
    }

    @Override
    public void forget(String userId) {
        lastSteps.remove(userId);
    }
}
