package io.keyswitch.vpn.bench;

import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.vpn.instance.OpenVpnProbe;
import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.EmbeddedDatabase;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.Databases;
import io.keyswitch.testing.Fixtures;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.keyswitch.platform.DatabaseMigration;
import org.flywaydb.core.Flyway;

/**
 * Issue 5's real-OpenVPN figure through the <em>real portal</em>: the portal (Payara Micro, MariaDB, {@code -Xmx384m})
 * starts the account's OpenVPN server itself ({@code supervisor=process}, {@code process-launcher=ip netns exec
 * <server namespace>}), every device gets its profile and secret from {@code POST /api/v1/devices/{id}/vpn-profile}
 * (a real certificate each), and N real OpenVPN clients (default 250) dial in from a second namespace. Reports the
 * time the profiles took, the time until the portal's database says all N are online, and the RSS of the OpenVPN
 * server, of the portal and of one client, with the portal's heap after a full GC.
 *
 * <p>The clients share one namespace, so they run with {@code --ifconfig-noexec --route-noexec} (tunnels up, the
 * same subnet not configured N times). Needs root, ip, openvpn. Every address is inside the two namespaces it makes;
 * at the end the clients are stopped by PID, the portal is stopped (it stops its OpenVPN), whatever still runs in the
 * namespaces is killed by PID, and the namespaces are deleted. Arguments: the WAR, Payara Micro, a work folder,
 * [clients], [clients started per second], [heap].
 */
public final class PortalRealClientsBenchmark {

    private static final String TAG = Long.toString(ProcessHandle.current().pid() % 100_000);
    private static final String SERVER_NS = "ks-rsrv-" + TAG;
    private static final String CLIENT_NS = "ks-rcli-" + TAG;
    private static final String SERVER_ADDRESS = "10.255.79.1";
    private static final int PORT_BASE = 11970;
    private static final String TOKEN = "ks_" + "R".repeat(16) + "ealClientsAdmin1";

    private final List<Process> clients = new ArrayList<>();
    private final Map<String, String> figures = new LinkedHashMap<>();
    private boolean namespaces;

    public static void main(String[] args) throws Exception {
        Path war = Path.of(args[0]);
        Path payara = Path.of(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        int count = args.length > 3 ? Integer.parseInt(args[3]) : 250;
        int perSecond = args.length > 4 ? Integer.parseInt(args[4]) : 25;
        String heap = args.length > 5 ? args[5] : "384m";
        if (!"root".equals(System.getProperty("user.name")) || OpenVpnProbe.locate() == null) {
            System.err.println("needs root and openvpn (apt-get install -y openvpn iproute2)");
            System.exit(2);
        }
        PortalRealClientsBenchmark benchmark = new PortalRealClientsBenchmark();
        boolean correct;
        try {
            correct = benchmark.run(war, payara, work, count, perSecond, heap);
        } finally {
            benchmark.tearDown();
        }
        System.out.println();
        System.out.println("| what | figure |");
        System.out.println("| --- | --- |");
        benchmark.figures.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
        System.out.println(correct ? "RESULT: all online" : "RESULT: NOT all online");
        System.exit(correct ? 0 : 1);
    }

    private boolean run(Path war, Path payara, Path work, int count, int perSecond, String heap) throws Exception {
        // OpenVPN re-reads the CRL as nobody at each handshake: the folders above it must be searchable.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = Files.createDirectories(work.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path clientDir = Files.createDirectories(work.resolve("clients"));
        makeNamespaces();
        try (EmbeddedDatabase mariadb = EmbeddedDatabase.start(work.resolve("db"))) {
            DatabaseCoordinates db = mariadb.coordinates();
            DatabaseMigration.migrations(Flyway.configure().dataSource(db.url(), db.user(), db.password())).load().migrate();
            long account = Fixtures.account(db, "bench-real");
            long admin = Fixtures.user(db, account, "bench-admin", "Bench-Admin-2026", List.of("device:view", "device:edit"));
            Fixtures.apiToken(db, account, admin, TOKEN);
            // one account: its devices may use the whole 100.64.0.0/10 (a /24 each, up to 16,384)
            Fixtures.setPool(db, account, "100.64.0.0/10");
            long[] deviceIds = seedDevices(db, account, count);
            Map<String, String> vpn = Map.of(
                    "keyswitch.vpn.supervisor", "process",
                    "keyswitch.vpn.config-dir", home.resolve("openvpn").toString(),
                    "keyswitch.vpn.socket-dir", home.resolve("run").toString(),
                    "keyswitch.vpn.public-host", SERVER_ADDRESS,
                    "keyswitch.vpn.port-base", Integer.toString(PORT_BASE),
                    "keyswitch.vpn.process-launcher", "ip netns exec " + SERVER_NS,
                    "keyswitch.vpn.stop-at-shutdown", "true");
            long t = System.nanoTime();
            try (PortalProcess portal = PortalProcess.start(new PortalProcess.Options(war, payara, home, db, "127.0.0.1",
                    LoopbackPorts.free(), LoopbackPorts.free(), heap, line -> { }), vpn);
                 Connection sql = Databases.connect(db)) {
                portal.awaitReady(Duration.ofMinutes(5));
                ApiClient api = new ApiClient(portal.url() + "api/v1", TOKEN);
                long serverPid = awaitServer(api);
                System.out.printf("portal ready, its OpenVPN server (pid %d) answering, after %.1f s%n",
                        serverPid, (System.nanoTime() - t) / 1e9);
                figure("load average before the clients", PortalProbe.loadAverage());
                figure("OpenVPN server RSS, no clients", PortalProbe.rss(serverPid));
                figure("portal RSS, no clients", PortalProbe.rss(portal.pid()));

                // Profiles through the portal's own API: a real certificate and secret per device
                double[] ms = new double[count];
                List<Path[]> files = new ArrayList<>();
                t = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    long s = System.nanoTime();
                    ApiClient.Answer answer = api.post("/devices/" + deviceIds[i] + "/vpn-profile", "{\"reason\":\"benchmark\"}");
                    ms[i] = (System.nanoTime() - s) / 1e6;
                    if (answer.status() != 200 && answer.status() != 201) {
                        throw new IllegalStateException("vpn-profile: HTTP " + answer.status() + " " + answer.body());
                    }
                    JsonObject p = answer.json();
                    Path auth = clientDir.resolve(i + ".auth");
                    Path profile = clientDir.resolve(i + ".ovpn");
                    write(auth, p.getString("identity") + "\n" + p.getString("secret") + "\n");
                    write(profile, p.getString("profile"));
                    files.add(new Path[] {profile, auth});
                }
                double profileSeconds = (System.nanoTime() - t) / 1e9;
                Arrays.sort(ms);
                figure(String.format("%d profiles through POST /devices/{id}/vpn-profile", count),
                        String.format("%.1f s (p50 %.0f ms, max %.0f ms)", profileSeconds, ms[count / 2], ms[count - 1]));

                // Real clients, perSecond a second, until the database says all are online
                t = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    clients.add(new ProcessBuilder("ip", "netns", "exec", CLIENT_NS, OpenVpnProbe.locate().toString(),
                            "--config", files.get(i)[0].toString(), "--auth-user-pass", files.get(i)[1].toString(),
                            "--ifconfig-noexec", "--route-noexec", "--verb", "1")
                            .redirectErrorStream(true).redirectOutput(clientDir.resolve(i + ".log").toFile()).start());
                    if ((i + 1) % perSecond == 0) {
                        Thread.sleep(1000);
                    }
                }
                double started = (System.nanoTime() - t) / 1e9;
                long end = System.nanoTime() + 180_000_000_000L;
                long online = 0;
                while ((online = online(sql, account)) < count && System.nanoTime() < end) {
                    Thread.sleep(100);
                }
                double allOnline = (System.nanoTime() - t) / 1e9;
                String load = PortalProbe.loadAverage();
                System.out.printf("%d clients started in %.1f s; the database says %d of %d online %.1f s after the first"
                        + " start (load %s)%n", count, started, online, count, allOnline, load);
                figure(String.format("%d real clients started (%d/s) → database says all online", count, perSecond),
                        online == count ? String.format("%.1f s after the first start", allOnline)
                                : String.format("only %d online after %.0f s", online, allOnline));
                figure("load average when all online", load);
                Thread.sleep(10_000);
                long still = online(sql, account);
                figure("online 10 s later (database)", Long.toString(still));
                figure("OpenVPN server RSS, all connected", PortalProbe.rss(serverPid));
                figure("portal RSS, all connected", PortalProbe.rss(portal.pid()));
                figure("portal heap used after full GC, all connected", PortalProbe.heapAfterGc(portal.pid()));
                figure("one client's RSS", PortalProbe.rss(clients.get(0).pid()));
                figure("load average at the end", PortalProbe.loadAverage());
                return online == count && still == count;
            }
        }
    }

    private static long[] seedDevices(DatabaseCoordinates db, long account, int count) throws Exception {
        long[] ids = new long[count];
        try (Connection c = Databases.connect(db);
             PreparedStatement d = c.prepareStatement("INSERT INTO device (account_id, name, name_key, lan_subnet, virtual_subnet, "
                     + "status, created_at) VALUES (?, ?, ?, '192.168.0.0/24', ?, 'ACTIVE', ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            for (int i = 0; i < count; i++) {
                d.setLong(1, account);
                d.setString(2, String.format("Router %04d", i));
                d.setString(3, io.keyswitch.platform.NameKey.of(String.format("Router %04d", i)));
                d.setString(4, "100." + (64 + i / 256) + "." + (i % 256) + ".0/24");
                d.setTimestamp(5, now);
                d.addBatch();
            }
            d.executeBatch();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM device WHERE account_id = " + account
                    + " ORDER BY name")) {
                for (int i = 0; rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
            }
        }
        return ids;
    }

    /** Waits until the portal says its OpenVPN runs (GET /vpn) and the server process is in the namespace; its PID. */
    private static long awaitServer(ApiClient api) throws Exception {
        long end = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < end) {
            ApiClient.Answer vpn = api.get("/vpn");
            List<Long> pids = io.keyswitch.testing.SystemTier.pids(SERVER_NS);
            if (vpn.status() == 200 && vpn.json().getBoolean("available") && !pids.isEmpty()) {
                Thread.sleep(1000);
                return io.keyswitch.testing.SystemTier.pids(SERVER_NS).get(0);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the portal's OpenVPN server did not start");
    }

    private static long online(Connection sql, long account) throws Exception {
        try (PreparedStatement s = sql.prepareStatement("SELECT COUNT(*) FROM device_vpn_status WHERE account_id = ? AND online")) {
            s.setLong(1, account);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void makeNamespaces() throws Exception {
        sh("ip", "netns", "add", SERVER_NS);
        namespaces = true;
        sh("ip", "netns", "add", CLIENT_NS);
        sh("ip", "link", "add", "krs" + TAG, "netns", SERVER_NS, "type", "veth", "peer", "name", "krc" + TAG, "netns", CLIENT_NS);
        sh("ip", "-n", SERVER_NS, "addr", "add", SERVER_ADDRESS + "/30", "dev", "krs" + TAG);
        sh("ip", "-n", CLIENT_NS, "addr", "add", "10.255.79.2/30", "dev", "krc" + TAG);
        for (String[] link : new String[][] {{SERVER_NS, "krs" + TAG}, {SERVER_NS, "lo"}, {CLIENT_NS, "krc" + TAG},
                {CLIENT_NS, "lo"}}) {
            sh("ip", "-n", link[0], "link", "set", link[1], "up");
        }
    }

    private void tearDown() throws Exception {
        for (Process client : clients) {
            client.destroy();
        }
        for (Process client : clients) {
            if (!client.waitFor(5, TimeUnit.SECONDS)) {
                client.destroyForcibly();
            }
        }
        if (namespaces) {
            for (String ns : List.of(CLIENT_NS, SERVER_NS)) {
                // OpenVPN servers can outlive the portal: whatever still runs in our namespaces, by PID
                for (long pid : io.keyswitch.testing.SystemTier.pids(ns)) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
                new ProcessBuilder("ip", "netns", "del", ns).start().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void figure(String what, String value) {
        figures.put(what, value);
        System.out.println(what + ": " + value);
    }

    private static void sh(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

}
