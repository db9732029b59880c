package io.keyswitch.testing;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prepares what Arquillian's Payara Micro needs before Arquillian reads {@code arquillian.xml}: a fresh
 * database, the portal's home folder, free ports, and the same JVM and Payara options the launcher
 * uses (system properties {@code keyswitch.it.jvm} and {@code keyswitch.it.micro}). Register it before
 * the Arquillian extension. All Arquillian test classes of a run share this one portal database.
 */
public class ArquillianPortal implements BeforeAllCallback {

    private static DatabaseCoordinates database;
    private static Path home;
    private static int httpPort;
    private static int httpsPort;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (System.getProperty("keyswitch.home") != null) {
            return; // inside the portal (an in-container test): it is already prepared and running
        }
        prepare();
    }

    private static synchronized void prepare() {
        if (database != null) {
            return;
        }
        database = Databases.fresh("keyswitch_it");
        home = TestDirs.fresh("portal-it");
        httpPort = TestDirs.freePort();
        httpsPort = TestDirs.freePort();
        PortalProcess.PayaraCommand payara = PortalProcess.prepare(home, database, "127.0.0.1", httpPort, httpsPort, "256m");
        // The log-only SMS gateway writes each message in full to a file the tests read (as a person
        // reads their phone); housekeeping runs every 2 s so that its test need not wait 5 minutes.
        System.setProperty("keyswitch.it.jvm", String.join(" ", payara.jvmOptions())
                + " -Dkeyswitch.sms.log-only.outbox-file=" + smsOutbox()
                + " -Dkeyswitch.housekeeping.interval=PT2S"
                // ConnectionsIT reaches the appliance's limit of open connections with a few
                + " -Dkeyswitch.connections.max=6");
        System.setProperty("keyswitch.it.micro", String.join(" ", payara.microOptions()) + " --contextroot /");
    }

    /** Where the portal's log-only SMS gateway writes every message: a line of number, tab, text. */
    public static Path smsOutbox() {
        return home.resolve("sms-outbox.txt");
    }

    public static DatabaseCoordinates database() {
        return database;
    }

    public static Path home() {
        return home;
    }

    public static int httpPort() {
        return httpPort;
    }

    /** The portal's HTTPS base URL, ending in a slash. */
    public static String httpsUrl() {
        return "https://localhost:" + httpsPort + "/";
    }
}
