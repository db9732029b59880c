package io.keyswitch.platform;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The portal's own folder for files that are not in the database ({@code keyswitch.home}, or the
 * environment variable {@code KEYSWITCH_HOME}); absent in a bare deployment.
 */
public final class PortalHome {

    private PortalHome() {
    }

    public static Optional<Path> path() {
        return SettingsReader.portal().optionalText("keyswitch.home").map(Path::of);
    }
}
