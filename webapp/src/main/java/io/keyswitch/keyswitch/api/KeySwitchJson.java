package io.keyswitch.keyswitch.api;

import io.keyswitch.keyswitch.KeySwitchState;
import io.keyswitch.platform.ValidationFailed;
import java.time.Duration;
import java.time.Instant;

/** The key switch setting as the API reads and writes it (see {@code docs/integrate/rest-api.md}). */
public final class KeySwitchJson {

    private KeySwitchJson() {
    }

    /**
     * A change of the setting.
     *
     * @param choice a device: {@code inherit} (its project's default), {@code on} or {@code off}; a project: {@code on}
     *               or {@code off}
     * @param reason why, for the audit trail
     */
    public record ChoiceIn(String choice, String reason) {
        static ChoiceIn present(ChoiceIn in) {
            if (in == null) {
                throw ValidationFailed.of("body", "Send {\"choice\": \"on\", \"reason\": \"…\"}.");
            }
            return in;
        }
    }

    /**
     * A device's setting and its switch.
     *
     * @param choice         the device's own choice ({@code inherit}, {@code on}, {@code off})
     * @param projectDefault its project's default ({@code on}, {@code off}; {@code off} without a project)
     * @param required       whether connections to it need the switch on now
     * @param keySwitch      the switch as last reported: {@code on}, {@code off} or {@code not known}
     * @param reportedAt     when it was last reported, or null
     * @param refusal        why a Connect is refused now for the key switch, or null
     */
    public record DeviceOut(long deviceId, String choice, String projectDefault, boolean required, String keySwitch,
                            String reportedAt, String refusal) {
        static DeviceOut of(KeySwitchState s, Instant now, Duration knownFor) {
            return new DeviceOut(s.deviceId(), s.deviceChoice().wire(), s.projectDefault().wire(), s.required(),
                    s.shown(now, knownFor), s.heardAt() == null ? null : s.heardAt().toString(),
                    s.refusal(now, knownFor).orElse(null));
        }
    }

    /** A project's default for its devices that inherit it: {@code on} or {@code off}. */
    public record ProjectOut(long projectId, String choice) {
    }
}
