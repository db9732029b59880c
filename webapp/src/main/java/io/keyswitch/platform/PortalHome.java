package io.keyswitch.platform;

import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The portal's own folder for files that are not in the database ({@code keyswitch.home}, or the
 * environment variable {@code KEYSWITCH_HOME}); absent in a bare deployment.
 */
public final class PortalHome {

    private PortalHome() {
    }

    public static Optional<Path> path() {
        return ConfigProvider.getConfig().getOptionalValue("keyswitch.home", String.class).map(Path::of);
    }
}
