package io.keyswitch.security.internal;

import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The {@code key -> value} lookup the security settings classes read from: MicroProfile Config,
 * i.e. system properties ({@code -Dkeyswitch.jail.max-failures=5}), the environment
 * ({@code KEYSWITCH_JAIL_MAX_FAILURES=5}) or a {@code microprofile-config.properties}.
 */
public final class PortalSettings {

    private PortalSettings() {
    }

    /** A lookup that answers {@code null} for a key that is not set. */
    public static UnaryOperator<String> lookup() {
        var config = ConfigProvider.getConfig();
        return key -> config.getOptionalValue(key, String.class).orElse(null);
    }
}
