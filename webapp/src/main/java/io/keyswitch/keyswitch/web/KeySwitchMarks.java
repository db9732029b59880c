package io.keyswitch.keyswitch.web;

import io.keyswitch.keyswitch.KeySwitchState;
import io.keyswitch.keyswitch.KeySwitches;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.web.Pages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.HashMap;
import java.util.Map;

/**
 * The key switch as the device page and the device list mark it: the switch as last reported ({@code on}, {@code off},
 * {@code not known}), "needed" when connections need it on, and "Connect refused" with the refusal's words as its
 * title when they would be refused now. The device list hands in the states it read for its page in one query.
 */
@Named
@RequestScoped
public class KeySwitchMarks {

    @Inject
    KeySwitches switches;

    private final Map<Long, KeySwitchState> devices = new HashMap<>();

    /** The state of one device of the signed-in user's account (read once per request), or null. */
    public KeySwitchState device(long deviceId) {
        return devices.computeIfAbsent(deviceId, id -> {
            try {
                return switches.ofDevice(Actor.current(Pages.sourceIp()), id);
            } catch (NotFound e) {
                return null;
            }
        });
    }

    /** "on · needed", "off · Connect refused", "not known", … ("" for none). */
    public String text(KeySwitchState s) {
        if (s == null) {
            return "";
        }
        String shown = s.heardAt() == null ? "not reported" : s.shown(switches.now(), switches.knownFor());
        if (!s.required()) {
            return s.heardAt() == null ? "" : shown;
        }
        return shown + (refused(s) ? " · Connect refused" : " · needed");
    }

    /** Whether a Connect to the device would be refused for its key switch now. */
    public boolean refused(KeySwitchState s) {
        return s != null && s.refusal(switches.now(), switches.knownFor()).isPresent();
    }

    /** The refusal's words (a title), or "". */
    public String words(KeySwitchState s) {
        return s == null ? "" : s.refusal(switches.now(), switches.knownFor()).orElse("");
    }
}
