package io.keyswitch.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Quick start: runs the portal on Payara Micro with the embedded MariaDB (or the MariaDB named by
 * KEYSWITCH_DB_URL/USER/PASSWORD) until Ctrl-C, keeping its data in KEYSWITCH_HOME (default
 * {@code ~/.keyswitch}), and prints {@code Keyswitch ready: <url>} and how to log in.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Launcher <keyswitch.war> <payara-micro.jar>");
            System.exit(2);
        }
        long started = System.nanoTime();
        Path home = Path.of(env("KEYSWITCH_HOME", Path.of(System.getProperty("user.home"), ".keyswitch").toString()))
                .toAbsolutePath();
        Files.createDirectories(home);
        DatabaseCoordinates database = DatabaseCoordinates.fromEnvironment();
        EmbeddedDatabase embedded = null;
        if (database == null) {
            System.out.println("Starting the embedded MariaDB (data in " + home.resolve("db") + ") ...");
            embedded = EmbeddedDatabase.start(home.resolve("db"));
            database = embedded.coordinates();
        } else {
            System.out.println("Using the MariaDB at " + database.url());
        }
        int httpsPort = Integer.parseInt(env("KEYSWITCH_HTTPS_PORT", "8443"));
        int httpPort = Integer.parseInt(env("KEYSWITCH_HTTP_PORT", "8080"));
        String bind = env("KEYSWITCH_BIND", "127.0.0.1");
        System.out.println("Starting the portal on Payara Micro (log: " + home.resolve("logs/payara.log") + ") ...");
        // Development runs OpenVPN as the portal's child even where systemd runs: the systemd supervisor needs the
        // appliance's units, sudo rule and /etc/openvpn/server (README, "The VPN in development").
        PortalProcess portal = PortalProcess.start(new PortalProcess.Options(
                Path.of(args[0]), Path.of(args[1]), home, database, bind, httpPort, httpsPort,
                env("KEYSWITCH_HEAP", "256m"), System.out::println), java.util.Map.of("keyswitch.vpn.supervisor", "process"));
        EmbeddedDatabase db = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Keyswitch ...");
            portal.close();
            if (db != null) {
                db.close();
            }
        }, "keyswitch-stop"));
        try {
            portal.awaitReady(Duration.ofMinutes(5));
        } catch (IllegalStateException notReady) {
            System.err.println("Keyswitch did not start: " + notReady.getMessage());
            printTail(home.resolve("logs/payara.log"));
            System.exit(1);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.println("Keyswitch ready: " + portal.url() + "  (started in " + seconds + " s; Ctrl-C stops it)");
        if (portal.firstLoginLine() != null && portal.firstLoginLine().contains("setup code")) {
            System.out.println("Set the portal up at " + portal.url() + "setup.xhtml with the setup code above"
                    + " (KEYSWITCH_SETUP_WIZARD=true).");
        } else if (portal.firstLoginLine() != null) {
            System.out.println("Log in at " + portal.url() + " with the account, user and one-time password above;"
                    + " you will be asked to choose your own password.");
        } else {
            System.out.println("Log in at " + portal.url() + " with your account, user name and password."
                    + " (A one-time password not yet used is in " + home.resolve("initial-admin-password") + ".)");
        }
        System.out.println("Plain HTTP on http://localhost:" + httpPort + "/ redirects to HTTPS.");
        Thread.currentThread().join();
    }

    private static void printTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.err::println);
        } catch (java.io.IOException e) {
            System.err.println("(no log at " + log + ")");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
