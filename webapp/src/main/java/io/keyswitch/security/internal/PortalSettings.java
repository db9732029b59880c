package io.keyswitch.security.internal;

import io.keyswitch.platform.SettingsReader;
import java.util.function.UnaryOperator;

/**
 * The portal's configuration lookup, now {@link SettingsReader#portalLookup()}; kept only for {@code VpnRuntime}
 * while the VPN package is being taken apart (issue 13, item 2), so that both changes merge cleanly.
 *
 * @deprecated use {@link SettingsReader#portal()} or {@link SettingsReader#portalLookup()}
 */
@Deprecated(forRemoval = true)
public final class PortalSettings {

    private PortalSettings() {
    }

    /** A lookup that answers {@code null} for a key that is not set. */
    public static UnaryOperator<String> lookup() {
        return SettingsReader.portalLookup();
    }
}
