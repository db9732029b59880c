package io.keyswitch.keyswitch;

import io.keyswitch.connection.CloseCause;
import io.keyswitch.connection.ConnectConsent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The key switch as a consent: a device that needs it (its setting, else its project's) takes no Connect while its
 * switch is reported off or not known, and its live connections end ("key switch off") at the connection engine's
 * next check — at once after a report turned it off ({@link KeySwitchWatch}). A device of an account that needs the
 * key switch nowhere costs no query.
 */
@ApplicationScoped
public class KeySwitchConsent implements ConnectConsent {

    @Inject
    KeySwitches switches;

    @Override
    public Optional<Refusal> refusal(long accountId, long userId, long deviceId) {
        if (!switches.mayRequire(accountId)) {
            return Optional.empty();
        }
        return switches.state(accountId, deviceId)
                .flatMap(s -> s.refusal(switches.now(), switches.knownFor()))
                .map(words -> Refusal.ending(CloseCause.KEY_SWITCH_OFF, words));
    }
}
