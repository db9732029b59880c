package io.keyswitch.testing;

import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The portal the browser tests share: started once per test run the way the Quick start starts it,
 * on a fresh database, and stopped when the run ends. Only the first-login test may use the
 * account {@code system}; other tests arrange their own accounts with {@link Fixtures}.
 */
public final class UiPortal {

    private static PortalProcess portal;
    private static DatabaseCoordinates database;
    private static final List<String> CONSOLE = new CopyOnWriteArrayList<>();

    private UiPortal() {
    }

    public static synchronized PortalProcess get() {
        if (portal == null) {
            Tools.require("browser", Browser.CHROMIUM, Browser.CHROMEDRIVER);
            database = Databases.fresh("keyswitch_ui");
            PortalProcess started = PortalProcess.start(new PortalProcess.Options(TestDirs.war(), TestDirs.payaraJar(),
                    TestDirs.fresh("portal-ui"), database, "127.0.0.1", LoopbackPorts.free(), LoopbackPorts.free(),
                    "256m", CONSOLE::add));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-ui-portal"));
            started.awaitReady(Duration.ofMinutes(5));
            portal = started;
        }
        return portal;
    }

    public static DatabaseCoordinates database() {
        get();
        return database;
    }

    /** What the portal printed on its console that the launcher passes on (the one-time password line). */
    public static List<String> console() {
        return CONSOLE;
    }
}
