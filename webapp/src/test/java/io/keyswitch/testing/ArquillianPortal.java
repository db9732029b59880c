package io.keyswitch.testing;

import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prepares what Arquillian's Payara Micro needs before Arquillian reads {@code arquillian.xml}: a fresh
 * database, the portal's home folder, free ports, and the same JVM and Payara options the launcher
 * uses (system properties {@code keyswitch.it.jvm} and {@code keyswitch.it.micro}). Register it before
 * the Arquillian extension. All Arquillian test classes of a run share this one portal database, home
 * folder and pair of ports.
 *
 * <p>Arquillian's Payara Micro container ends a test class's portal with a SIGTERM and does not wait for it:
 * the next class's portal would start while the last one still shuts down, still holding the ports and the
 * runtime folder (seen in CI: "No applications were found deployed", a BindException in the portal's log).
 * So before each class this waits until the previous portal process has exited and its ports are free.
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
        awaitPreviousPortalStopped(Duration.ofMinutes(2));
    }

    /**
     * Waits until the Payara Micro of the previous test class (a child of this JVM started with this portal's
     * home folder; the browser tests' portal has its own) has exited and the portal's ports can be bound.
     */
    static void awaitPreviousPortalStopped(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String folder = home.toString();
        ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().map(line -> line.contains(folder)).orElse(false))
                .forEach(portal -> awaitExit(portal, deadline));
        awaitBindable(httpPort, deadline);
        awaitBindable(httpsPort, deadline);
        long waited = Duration.between(deadline.minus(timeout), Instant.now()).toMillis();
        if (waited >= 100) {
            System.out.println("waited " + waited + " ms for the previous test class's portal to stop");
        }
    }

    private static void awaitExit(ProcessHandle portal, Instant deadline) {
        try {
            portal.onExit().get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the previous portal (pid " + portal.pid() + ") did not stop in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until a listener could bind {@code port} on the loopback address as Payara does (SO_REUSEADDR). */
    static void awaitBindable(int port, Instant deadline) {
        while (true) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                return;
            } catch (IOException inUse) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("port " + port + " is still in use", inUse);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static synchronized void prepare() {
        if (database != null) {
            return;
        }
        database = Databases.fresh("keyswitch_it");
        home = TestDirs.fresh("portal-it");
        httpPort = LoopbackPorts.free();
        httpsPort = LoopbackPorts.free();
        PortalProcess.PayaraCommand payara = PortalProcess.prepare(home, database, "127.0.0.1", httpPort, httpsPort, "256m");
        // The log-only SMS gateway writes each message in full to a file the tests read (as a person
        // reads their phone); housekeeping runs every 2 s so that its test need not wait 5 minutes.
        System.setProperty("keyswitch.it.jvm", String.join(" ", payara.jvmOptions())
                + " -Dkeyswitch.sms.log-only.outbox-file=" + smsOutbox()
                + " -Dkeyswitch.housekeeping.interval=PT2S"
                // AlarmsIT: the alarm run (offline checks, escalations, the outbox) every second
                + " -Dkeyswitch.alarms.interval=PT1S -Dkeyswitch.alarms.retention-interval=PT1S"
                // ApprovalsIT: expiries and window ends are checked every second
                + " -Dkeyswitch.approvals.interval=PT1S"
                // SiemForwardingIT: a syslog server stopped and started again is retried within a second
                + " -Dkeyswitch.siem.interval=PT0.5S -Dkeyswitch.siem.settle=PT1S -Dkeyswitch.siem.retry-first=PT0.2S"
                + " -Dkeyswitch.siem.retry-longest=PT1S -Dkeyswitch.siem.connect-timeout=PT2S"
                // DeviceReportsIT waits for the data point history's aggregates and retention
                + " -Dkeyswitch.datapoints.history-interval=PT2S"
                // ReportSchedulesIT: due schedules and runs every second; a failed mail is retried within 2 s
                + " -Dkeyswitch.report-schedules.interval=PT1S -Dkeyswitch.report-schedules.retry-first=PT1S"
                + " -Dkeyswitch.report-schedules.retry-longest=PT2S"
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
