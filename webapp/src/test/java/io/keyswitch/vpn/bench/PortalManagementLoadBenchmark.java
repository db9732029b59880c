package io.keyswitch.vpn.bench;

import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.vpn.auth.DeviceSecret;
import io.keyswitch.vpn.auth.DeviceSecretHasher;
import io.keyswitch.vpn.config.Ipv4Network;
import io.keyswitch.vpn.openvpn.ManagementSocketStandIn;
import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.EmbeddedDatabase;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.Databases;
import io.keyswitch.testing.Fixtures;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.keyswitch.platform.DatabaseMigration;
import org.flywaydb.core.Flyway;

/**
 * Issue 5's management-protocol load through the <em>real portal</em>: Payara Micro with the WAR, its
 * {@code VpnRuntime}, {@code PortalClientAuthenticator} and {@code PortalClientEventListener} against MariaDB, in the
 * appliance's heap. A stand-in plays OpenVPN's side of the instance's management socket: it listens at
 * {@code <socket-dir>/acct-<id>.sock} before the portal starts, so the portal attaches to it as to an instance that
 * outlived a restart, and then drives N devices (default 20,000) through CONNECT/ENV, ESTABLISHED and DISCONNECT.
 *
 * <p>The devices are seeded in SQL as the portal's own code would leave them (V15: identity {@code device-<id>} with
 * a tunnel host, one credential with a serial and the keyed hash of a 160-bit secret under the key of
 * {@code <home>/vpn-secrets}, which the benchmark writes before the first start). 1 % send a wrong secret and must be
 * refused; each device has its own source address, so the jail never bans one for another's failures.
 *
 * <p>Phases: (1) storm: every device connects right after the portal start, at most {@code window} CONNECTs
 * unanswered; (2) ESTABLISHED for every allowed device, time until the database says all are online, heap after a
 * full GC ({@code jcmd GC.run}, then {@code GC.heap_info}) and RSS; (3) steady: disconnect + reconnect pairs offered
 * open-loop at 2,000/s (or the rate given); (4) all disconnect, time until the database says all are offline. Then the cost of the
 * portal's own profile path ({@code POST /api/v1/devices/{id}/vpn-profile}) for a few devices. Exits non-zero when a
 * decision is missing or wrong, or the database disagrees.
 *
 * <p>Arguments: the WAR, Payara Micro, a fresh work folder, [devices], [window], [steady reconnects], [heap],
 * [steady rate per second].
 */
public final class PortalManagementLoadBenchmark {

    private static final String TOKEN = "ks_" + "L".repeat(16) + "oadBenchAdmin001";
    private static final Pattern PUSH = Pattern.compile("ifconfig-push (\\S+) ");

    private final int devices;
    private final int window;
    private final int steady;
    private final String heap;
    private final int rate;
    private final long[] deviceIds;
    private final String[] commonNames;
    private final String[] secrets;
    private final BigInteger[] serials;
    private final boolean[] honest;
    private final long[] currentCid;
    private final AtomicLongArray sentAt;
    private final AtomicLongArray latency;
    private final AtomicInteger allowed = new AtomicInteger();
    private final AtomicInteger denied = new AtomicInteger();
    private final AtomicInteger wrong = new AtomicInteger();
    private final CountDownLatch attached = new CountDownLatch(1);
    private volatile Semaphore outstanding = new Semaphore(Integer.MAX_VALUE / 2);
    private volatile CountDownLatch answers = new CountDownLatch(0);
    private volatile Ipv4Network tunnel;
    private final Map<String, String> figures = new LinkedHashMap<>();

    private PortalManagementLoadBenchmark(int devices, int window, int steady, String heap, int rate) {
        this.rate = rate;
        this.devices = devices;
        this.window = window;
        this.steady = steady;
        this.heap = heap;
        deviceIds = new long[devices];
        commonNames = new String[devices];
        secrets = new String[devices];
        serials = new BigInteger[devices];
        honest = new boolean[devices];
        currentCid = new long[devices];
        sentAt = new AtomicLongArray(devices + steady);
        latency = new AtomicLongArray(devices + steady);
    }

    public static void main(String[] args) throws Exception {
        Path war = Path.of(args[0]);
        Path payara = Path.of(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        int devices = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        int window = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        int steady = args.length > 5 ? Integer.parseInt(args[5]) : 10_000;
        String heap = args.length > 6 ? args[6] : "384m";
        int rate = args.length > 7 ? Integer.parseInt(args[7]) : 2000;
        boolean correct = new PortalManagementLoadBenchmark(devices, window, steady, heap, rate).run(war, payara, work);
        System.exit(correct ? 0 : 1);
    }

    private boolean run(Path war, Path payara, Path work) throws Exception {
        boolean correct = true;
        try (EmbeddedDatabase mariadb = EmbeddedDatabase.start(work.resolve("db"))) {
            DatabaseCoordinates db = mariadb.coordinates();
            Path home = Files.createDirectories(work.resolve("home"));
            Path run = Files.createDirectories(work.resolve("run"));
            long t = System.nanoTime();
            DatabaseMigration.migrations(Flyway.configure().dataSource(db.url(), db.user(), db.password())).load().migrate();
            DeviceSecretHasher hasher = writeVpnSecrets(home);
            long account = seed(db, hasher);
            System.out.printf("schema migrated and %,d devices seeded (identities, credentials, keyed hashes) in %.1f s%n",
                    devices, (System.nanoTime() - t) / 1e9);

            Path socket = run.resolve("acct-" + account + ".sock");
            try (ManagementSocketStandIn openvpn = new ManagementSocketStandIn(socket, this::answered);
                 Connection sql = Databases.connect(db)) {
                Map<String, String> vpn = new LinkedHashMap<>(Map.of(
                        "keyswitch.vpn.supervisor", "process",
                        "keyswitch.vpn.config-dir", home.resolve("openvpn").toString(),
                        "keyswitch.vpn.socket-dir", run.toString(),
                        "keyswitch.vpn.public-host", "127.0.0.1",
                        "keyswitch.vpn.stop-at-shutdown", "false"));
                // KEYSWITCH_BENCH_PORTAL_PROPERTIES="keyswitch.vpn.decision-threads=4,...": other portal settings to try
                for (String pair : System.getenv().getOrDefault("KEYSWITCH_BENCH_PORTAL_PROPERTIES", "").split(",")) {
                    if (pair.contains("=")) {
                        vpn.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
                        System.out.println("portal setting: " + pair.trim());
                    }
                }
                t = System.nanoTime();
                int https = LoopbackPorts.free();
                try (PortalProcess portal = PortalProcess.start(new PortalProcess.Options(war, payara, home, db, "127.0.0.1",
                        LoopbackPorts.free(), https, heap, line -> { }), vpn)) {
                    portal.awaitReady(Duration.ofMinutes(5));
                    if (!attached.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the portal did not attach to " + socket);
                    }
                    System.out.printf("portal ready and attached to the stand-in after %.1f s (pid %d, -Xmx%s, SerialGC)%n",
                            (System.nanoTime() - t) / 1e9, portal.pid(), heap);
                    tunnel = Ipv4Network.parse(Fixtures.string(db, "SELECT tunnel_subnet FROM vpn_instance WHERE account_id = ?", account));
                    Thread.sleep(1000);
                    figure("load average at the start", PortalProbe.loadAverage());
                    figure("portal heap used after full GC, ready, nobody connected", PortalProbe.heapAfterGc(portal.pid()));
                    figure("portal RSS, ready", PortalProbe.rss(portal.pid()));
                    int ingestion = Integer.parseInt(System.getenv().getOrDefault("KEYSWITCH_BENCH_INGESTION_SECONDS", "0"));
                    if (ingestion > 0) {
                        correct &= ingestion(sql, portal, ingestion);
                    } else {
                        correct &= run(openvpn, sql, portal, account);
                    }
                    figure("load average at the end", PortalProbe.loadAverage());
                    correct &= ingestion > 0 || profilesThroughTheApi(portal);
                }
            }
        }
        System.out.println();
        System.out.println("| what | figure |");
        System.out.println("| --- | --- |");
        figures.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
        System.out.println(correct ? "RESULT: correct" : "RESULT: WRONG");
        return correct;
    }

    /**
     * KEYSWITCH_BENCH_INGESTION_SECONDS=600 (issue 14's ingestion figure): no VPN phases; the devices report over the
     * reporting channel alone, five values each, at KEYSWITCH_BENCH_REPORTS_PER_SECOND (default 333: 20,000 routers every
     * 60 s), a minute at a time so that a growing backlog shows as a minute answered later than the one before. Figures:
     * per minute answered/s and p95; the portal's CPU share, heap after a full GC, and the history's bytes per device-day.
     */
    private boolean ingestion(Connection sql, PortalProcess portal, int seconds) throws Exception {
        int rate = Integer.parseInt(System.getenv().getOrDefault("KEYSWITCH_BENCH_REPORTS_PER_SECOND", "333"));
        String[] reporting = java.util.stream.IntStream.range(0, devices).filter(i -> honest[i])
                .mapToObj(i -> commonNames[i]).toArray(String[]::new);
        String[] reportingSecrets = java.util.stream.IntStream.range(0, devices).filter(i -> honest[i])
                .mapToObj(i -> secrets[i]).toArray(String[]::new);
        long bytesBefore = historyBytes(sql);
        long cpuBefore = PortalProbe.cpuTicks(portal.pid());
        long start = System.nanoTime();
        boolean correct = true;
        for (int minute = 1; minute * 60 <= seconds; minute++) {
            DeviceReportLoad load = new DeviceReportLoad(portal.url(), reporting, reportingSecrets, rate);
            Thread.sleep(60_000);
            load.close();
            System.out.printf("minute %d: %s%n", minute, load.summary());
            correct &= load.allAnswered(200);
            if (minute == 1 || minute * 60 + 60 > seconds) {
                figure("reports, minute " + minute, load.summary());
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (PortalProbe.cpuTicks(portal.pid()) - cpuBefore) / (double) PortalProbe.ticksPerSecond();
        sql.createStatement().execute("ANALYZE TABLE data_point_value, data_point, device_report");
        long bytes = historyBytes(sql) - bytesBefore;
        double deviceDays = reporting.length * wall / 86_400.0;
        figure("portal CPU share while reporting", String.format("%.0f %% of one core (%.0f %% of the machine's 2)",
                100 * cpu / wall, 50 * cpu / wall));
        figure("portal heap used after full GC, after the reports", PortalProbe.heapAfterGc(portal.pid()));
        figure("portal RSS, after the reports", PortalProbe.rss(portal.pid()));
        figure("history tables (data_point_value, data_point, device_report) per device-day",
                String.format("%.1f KiB (%.1f MiB for %,.0f device-days)", bytes / 1024.0 / deviceDays, bytes / 1048576.0, deviceDays));
        return correct;
    }

    private static long historyBytes(Connection sql) throws Exception {
        try (var rs = sql.createStatement().executeQuery("SELECT COALESCE(SUM(data_length + index_length), 0) FROM"
                + " information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('data_point_value',"
                + " 'data_point', 'device_report')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean run(ManagementSocketStandIn openvpn, Connection sql, PortalProcess portal, long account) throws Exception {
        boolean correct = true;
        int expectedAllowed = 0;
        for (boolean h : honest) {
            expectedAllowed += h ? 1 : 0;
        }

        // KEYSWITCH_BENCH_REPORTS_PER_SECOND=333: the routers report over the reporting channel meanwhile (20,000 every
        // 60 s), from the storm to the end of the steady phase
        int reportRate = Integer.parseInt(System.getenv().getOrDefault("KEYSWITCH_BENCH_REPORTS_PER_SECOND", "0"));
        DeviceReportLoad reports = null;
        if (reportRate > 0) {
            String[] reporting = java.util.stream.IntStream.range(0, devices).filter(i -> honest[i])
                    .mapToObj(i -> commonNames[i]).toArray(String[]::new);
            String[] reportingSecrets = java.util.stream.IntStream.range(0, devices).filter(i -> honest[i])
                    .mapToObj(i -> secrets[i]).toArray(String[]::new);
            reports = new DeviceReportLoad(portal.url(), reporting, reportingSecrets, reportRate);
            System.out.printf("device reports: %,d a second over the reporting channel from now on%n", reportRate);
            Thread.sleep(5_000);
        }

        // Phase 1: storm, right after the portal start (cold JIT, as after an appliance restart)
        long[] before = sqlCounters(sql);
        outstanding = new Semaphore(window);
        answers = new CountDownLatch(devices);
        Thread sampler = sampleStacks(portal.pid(), "storm");
        long start = System.nanoTime();
        for (int i = 0; i < devices; i++) {
            outstanding.acquire();
            connect(openvpn, i, i);
        }
        if (!answers.await(600, TimeUnit.SECONDS)) {
            throw new IllegalStateException("missing answers: " + answers.getCount());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sampler != null) {
            sampler.interrupt();
            sampler.join();
        }
        long[] after = sqlCounters(sql);
        String load = PortalProbe.loadAverage();
        System.out.printf("storm: %,d decisions in %.2f s = %,.0f decisions/s; %s (load %s)%n", devices, seconds,
                devices / seconds, percentiles(0, devices), load);
        System.out.printf("        second half only (warm): %s%n", percentiles(devices / 2, devices));
        figure("storm: decisions/s (window " + window + ")", String.format("%,.0f", devices / seconds));
        figure("storm: latency, all", percentiles(0, devices));
        figure("storm: latency, second half (JIT warm)", percentiles(devices / 2, devices));
        figure("storm: SQL statements per decision (MariaDB Questions / Com_select / Com_insert / Com_commit)",
                String.format("%.1f / %.1f / %.2f / %.1f", (after[0] - before[0]) / (double) devices,
                        (after[1] - before[1]) / (double) devices, (after[2] - before[2]) / (double) devices,
                        (after[3] - before[3]) / (double) devices));
        System.out.printf("decisions: %,d allowed (expected %,d), %,d denied, %d wrong%n", allowed.get(), expectedAllowed,
                denied.get(), wrong.get());
        correct &= allowed.get() == expectedAllowed && wrong.get() == 0;
        figure("storm: heap used after full GC, decided, none established yet", PortalProbe.heapAfterGc(portal.pid()));

        // Phase 2: all allowed devices established; the database must say so
        sampler = sampleStacks(portal.pid(), "established");
        start = System.nanoTime();
        writeEstablished(openvpn);
        long written = System.nanoTime();
        boolean allOnline = awaitOnline(sql, account, expectedAllowed, 600);
        double toDb = (System.nanoTime() - start) / 1e9;
        if (sampler != null) {
            sampler.interrupt();
            sampler.join();
        }
        System.out.printf("online: ESTABLISHED for %,d written in %.2f s; database says %,d online after %.1f s (%s)%n",
                expectedAllowed, (written - start) / 1e9, online(sql, account), toDb, PortalProbe.loadAverage());
        figure("ESTABLISHED → database shows all " + String.format("%,d", expectedAllowed) + " online",
                String.format("%.1f s (%,.0f status writes/s)", toDb, expectedAllowed / toDb));
        correct &= allOnline;
        correct &= apiSaysOnline(portal, true);
        figure("portal heap used after full GC, all online", PortalProbe.heapAfterGc(portal.pid()));
        figure("portal RSS, all online", PortalProbe.rss(portal.pid()));

        // Phase 3: steady churn at the goal rate, open loop: disconnect + reconnect with a new cid
        allowed.set(0);
        denied.set(0);
        int churn = Math.min(steady, devices);
        answers = new CountDownLatch(churn);
        outstanding = new Semaphore(Integer.MAX_VALUE / 2);
        long begin = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        // KEYSWITCH_BENCH_STEADY_CONNECT_ONLY=true: no DISCONNECT before each reconnect (a diagnosis: decisions
        // without the status writer's work beside them; OpenVPN sends the old session's DISCONNECT only at its timeout)
        boolean connectOnly = Boolean.parseBoolean(System.getenv("KEYSWITCH_BENCH_STEADY_CONNECT_ONLY"));
        if (connectOnly) {
            System.out.println("steady phase: CONNECT only, no DISCONNECT before it");
        }
        for (int k = 0; k < churn; k++) {
            long due = begin + k * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int device = k;
            String leave = honest[device] && !connectOnly ? disconnected(device, currentCid[device]) : "";
            connectText(openvpn, device, devices + k, leave);
        }
        if (!answers.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("missing steady answers: " + answers.getCount());
        }
        double steadySeconds = (System.nanoTime() - begin) / 1e9;
        load = PortalProbe.loadAverage();
        System.out.printf("steady: %,d reconnects offered at %,d/s took %.2f s; %s (load %s)%n", churn, rate, steadySeconds,
                percentiles(devices, devices + churn), load);
        figure("steady: " + String.format("%,d reconnects offered at %,d/s", churn, rate) + ", latency",
                percentiles(devices, devices + churn) + String.format(" (%.1f s)", steadySeconds));
        correct &= wrong.get() == 0;
        if (reports != null) {
            reports.close();
            figure("device reports beside the storm and the steady phase", reports.summary());
        }
        writeEstablished(openvpn);
        correct &= awaitOnline(sql, account, expectedAllowed, 600);

        // Phase 4: everyone leaves
        start = System.nanoTime();
        StringBuilder leave = new StringBuilder();
        for (int i = 0; i < devices; i++) {
            if (honest[i]) {
                leave.append(disconnected(i, currentCid[i]));
                if (leave.length() > 64 * 1024) {
                    openvpn.write(leave.toString());
                    leave.setLength(0);
                }
            }
        }
        openvpn.write(leave.toString());
        boolean allOffline = awaitOnline(sql, account, 0, 600);
        double offline = (System.nanoTime() - start) / 1e9;
        System.out.printf("all DISCONNECT: database says %,d online after %.1f s%n", online(sql, account), offline);
        figure("DISCONNECT → database shows all offline", String.format("%.1f s", offline));
        correct &= allOffline && apiSaysOnline(portal, false);
        long audits = Fixtures.count(sqlCoordinates, "SELECT COUNT(*) FROM audit_event WHERE account_id = ? AND action IN "
                + "('vpn.connect', 'vpn.disconnect', 'vpn.auth')", account);
        System.out.printf("audit events vpn.connect/disconnect/auth: %,d%n", audits);
        return correct;
    }

    /** The portal's own path for one profile: identity, a real certificate, the secret, CRL, audit. */
    private boolean profilesThroughTheApi(PortalProcess portal) {
        ApiClient api = new ApiClient(portal.url() + "api/v1", TOKEN);
        int n = Math.min(20, devices);
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            ApiClient.Answer a = api.post("/devices/" + deviceIds[i] + "/vpn-profile", "{\"reason\":\"benchmark\"}");
            ms[i] = (System.nanoTime() - t) / 1e6;
            if (a.status() != 200 && a.status() != 201) {
                System.out.println("vpn-profile: HTTP " + a.status() + " " + a.body());
                return false;
            }
        }
        Arrays.sort(ms);
        figure("POST /devices/{id}/vpn-profile (real certificate, CRL rewritten), " + n + " devices",
                String.format("p50 %.0f ms, max %.0f ms → %,.0f s for %,d devices at p50", ms[n / 2], ms[n - 1],
                        ms[n / 2] * devices / 1000, devices));
        return true;
    }

    private DatabaseCoordinates sqlCoordinates;

    // --- seeding --------------------------------------------------------------------------------------------------

    private DeviceSecretHasher writeVpnSecrets(Path home) throws IOException {
        SecureRandom random = new SecureRandom();
        byte[] kek = new byte[32];
        byte[] key = new byte[32];
        random.nextBytes(kek);
        random.nextBytes(key);
        Path file = home.resolve("vpn-secrets");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "kek=" + Base64.getEncoder().encodeToString(kek) + "\ndevice-secret-key-id=k1\n"
                + "device-secret-key=" + Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.UTF_8);
        return new DeviceSecretHasher("k1", key);
    }

    private long seed(DatabaseCoordinates db, DeviceSecretHasher hasher) throws Exception {
        sqlCoordinates = db;
        long account = Fixtures.account(db, "bench-vpn");
        // 20,000 /24s: the account's virtual pool is 10.0.0.0/9, beside the default tunnel pool 10.128.0.0/9
        Fixtures.setPool(db, account, "10.0.0.0/9");
        long admin = Fixtures.user(db, account, "bench-admin", "Bench-Admin-2026", List.of("device:view", "device:edit"));
        Fixtures.apiToken(db, account, admin, TOKEN);
        SecureRandom random = new SecureRandom();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = Databases.connect(db)) {
            c.setAutoCommit(false);
            try (PreparedStatement d = c.prepareStatement("INSERT INTO device (account_id, name, name_key, serial_number, lan_subnet, "
                    + "virtual_subnet, status, created_at) VALUES (?, ?, ?, ?, '192.168.0.0/24', ?, 'ACTIVE', ?)")) {
                for (int i = 0; i < devices; i++) {
                    d.setLong(1, account);
                    d.setString(2, String.format("Router %05d", i));
                    d.setString(3, io.keyswitch.platform.NameKey.of(String.format("Router %05d", i)));
                    d.setString(4, String.format("SN%07d", i));
                    d.setString(5, "10." + (i >> 8) + "." + (i & 255) + ".0/24");
                    d.setTimestamp(6, now);
                    d.addBatch();
                }
                d.executeBatch();
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM device WHERE account_id = " + account + " ORDER BY name")) {
                int i = 0;
                while (rs.next()) {
                    deviceIds[i] = rs.getLong(1);
                    commonNames[i] = "device-" + deviceIds[i];
                    i++;
                }
            }
            try (PreparedStatement v = c.prepareStatement("INSERT INTO vpn_client (account_id, kind, device_id, common_name, "
                    + "tunnel_host, created_at) VALUES (?, 'DEVICE', ?, ?, ?, ?)")) {
                for (int i = 0; i < devices; i++) {
                    v.setLong(1, account);
                    v.setLong(2, deviceIds[i]);
                    v.setString(3, commonNames[i]);
                    v.setInt(4, i + 2);
                    v.setTimestamp(5, now);
                    v.addBatch();
                }
                v.executeBatch();
            }
            long[] clientIds = new long[devices];
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, tunnel_host FROM vpn_client WHERE account_id = " + account)) {
                while (rs.next()) {
                    clientIds[rs.getInt(2) - 2] = rs.getLong(1);
                }
            }
            try (PreparedStatement cr = c.prepareStatement("INSERT INTO vpn_credential (client_id, account_id, serial_hex, "
                    + "secret_hash, issued_at) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < devices; i++) {
                    serials[i] = new BigInteger(127, random);
                    secrets[i] = DeviceSecret.generate(random);
                    honest[i] = i % 100 != 99;
                    cr.setLong(1, clientIds[i]);
                    cr.setLong(2, account);
                    cr.setString(3, serials[i].toString(16));
                    cr.setString(4, hasher.hash(secrets[i]));
                    cr.setTimestamp(5, now);
                    cr.addBatch();
                }
                cr.executeBatch();
            }
            c.commit();
        }
        return account;
    }

    // --- the stand-in's side ----------------------------------------------------------------------------------------

    private void connect(ManagementSocketStandIn openvpn, int device, long cid) throws IOException {
        connectText(openvpn, device, cid, "");
    }

    private void connectText(ManagementSocketStandIn openvpn, int device, long cid, String before) throws IOException {
        String cn = commonNames[device];
        String password = honest[device] ? secrets[device] : DeviceSecret.generate(new SecureRandom());
        currentCid[device] = cid;
        String text = before + ">CLIENT:CONNECT," + cid + ",1\r\n"
                + ">CLIENT:ENV,n_clients=0\r\n"
                + ">CLIENT:ENV,IV_VER=2.6.14\r\n"
                + ">CLIENT:ENV,IV_PLAT=linux\r\n"
                + ">CLIENT:ENV,IV_PROTO=990\r\n"
                + ">CLIENT:ENV,IV_CIPHERS=AES-256-GCM:CHACHA20-POLY1305\r\n"
                + ">CLIENT:ENV,untrusted_ip=" + address(device) + "\r\n"
                + ">CLIENT:ENV,untrusted_port=" + (20000 + device % 40000) + "\r\n"
                + ">CLIENT:ENV,username=" + cn + "\r\n"
                + ">CLIENT:ENV,password=" + password + "\r\n"
                + ">CLIENT:ENV,tls_serial_hex_0=" + serials[device].toString(16) + "\r\n"
                + ">CLIENT:ENV,tls_serial_0=" + serials[device] + "\r\n"
                + ">CLIENT:ENV,X509_0_CN=" + cn + "\r\n"
                + ">CLIENT:ENV,tls_id_0=CN=" + cn + "\r\n"
                + ">CLIENT:ENV,common_name=" + cn + "\r\n"
                + ">CLIENT:ENV,END\r\n";
        sentAt.set((int) cid, System.nanoTime());
        openvpn.write(text);
    }

    private void writeEstablished(ManagementSocketStandIn openvpn) throws IOException {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < devices; i++) {
            if (honest[i]) {
                batch.append(">CLIENT:ESTABLISHED,").append(currentCid[i]).append("\r\n>CLIENT:ENV,common_name=")
                        .append(commonNames[i]).append("\r\n>CLIENT:ENV,trusted_ip=").append(address(i))
                        .append("\r\n>CLIENT:ENV,trusted_port=").append(20000 + i % 40000)
                        .append("\r\n>CLIENT:ENV,ifconfig_pool_remote_ip=").append(tunnel.host(i + 2))
                        .append("\r\n>CLIENT:ENV,END\r\n");
                if (batch.length() > 64 * 1024) {
                    openvpn.write(batch.toString());
                    batch.setLength(0);
                }
            }
        }
        openvpn.write(batch.toString());
    }

    private String disconnected(int device, long cid) {
        return ">CLIENT:DISCONNECT," + cid + "\r\n>CLIENT:ENV,common_name=" + commonNames[device] + "\r\n"
                + ">CLIENT:ENV,trusted_ip=" + address(device) + "\r\n>CLIENT:ENV,bytes_received=1000\r\n"
                + ">CLIENT:ENV,bytes_sent=2000\r\n>CLIENT:ENV,END\r\n";
    }

    /** Each device has its own source address (198.18.0.0/15, the benchmarking range), so the jail bans no one. */
    private static String address(int device) {
        return "198." + (18 + device / 65536) + "." + (device / 256 % 256) + "." + (device % 256);
    }

    /** Called by the stand-in for every command the portal sent. */
    private void answered(String command) {
        if (command.startsWith("status")) {
            attached.countDown();
            return;
        }
        boolean allow = command.startsWith("client-auth ");
        if (!allow && !command.startsWith("client-deny ")) {
            return;
        }
        long now = System.nanoTime();
        int cid = Integer.parseInt(command.split("[ \n]", 3)[1]);
        int device = cid % devices;
        latency.set(cid, now - sentAt.get(cid));
        if (allow != honest[device]) {
            wrong.incrementAndGet();
            System.out.println("wrong decision for " + commonNames[device] + ": " + command.replace('\n', '|'));
        } else if (allow) {
            Matcher m = PUSH.matcher(command);
            if (!m.find() || !m.group(1).equals(tunnel.host(device + 2))) {
                wrong.incrementAndGet();
                System.out.println("wrong address for " + commonNames[device] + ": " + command.replace('\n', '|'));
            }
        }
        (allow ? allowed : denied).incrementAndGet();
        outstanding.release();
        answers.countDown();
    }

    // --- measuring --------------------------------------------------------------------------------------------------

    private boolean awaitOnline(Connection sql, long account, long expected, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (online(sql, account) == expected) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
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

    /** What the API says of five honest devices spread over the range. */
    private boolean apiSaysOnline(PortalProcess portal, boolean expected) {
        ApiClient api = new ApiClient(portal.url() + "api/v1", TOKEN);
        boolean ok = true;
        for (int k = 0; k < 5; k++) {
            int i = k * (devices / 5);
            i = honest[i] ? i : i + 1;
            ApiClient.Answer a = api.get("/devices/" + deviceIds[i]);
            boolean online = a.status() == 200 && a.json().getJsonObject("vpn").getBoolean("online");
            ok &= online == expected;
        }
        System.out.println("API: five devices " + (ok ? "say" : "do NOT say") + " online=" + expected);
        return ok;
    }

    /** MariaDB's counters: Questions, Com_select, Com_insert, Com_commit (global, so the benchmark's own are in). */
    private static long[] sqlCounters(Connection sql) throws Exception {
        long[] out = new long[4];
        List<String> names = List.of("Questions", "Com_select", "Com_insert", "Com_commit");
        try (Statement s = sql.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_select', "
                     + "'Com_insert', 'Com_commit')")) {
            while (rs.next()) {
                out[names.indexOf(rs.getString(1))] = rs.getLong(2);
            }
        }
        return out;
    }

    private String percentiles(int from, int to) {
        long[] values = new long[to - from];
        for (int i = from; i < to; i++) {
            values[i - from] = latency.get(i);
        }
        Arrays.sort(values);
        return String.format("p50 %.2f, p95 %.2f, p99 %.2f, max %.1f ms", at(values, 0.50), at(values, 0.95),
                at(values, 0.99), values[values.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private void figure(String what, String value) {
        figures.put(what, value);
        System.out.println(what + ": " + value);
    }

    /**
     * With {@code KEYSWITCH_BENCH_STACKS=<folder>}: the portal's threads every 200 ms during the storm
     * and until the database shows all online ({@code jcmd Thread.print}), one file per sample, to see where a
     * decision or a status write spends its time.
     */
    private static Thread sampleStacks(long pid, String phase) {
        String folder = System.getenv("KEYSWITCH_BENCH_STACKS");
        if (folder == null) {
            return null;
        }
        Thread sampler = new Thread(() -> {
            try {
                Files.createDirectories(Path.of(folder));
                for (int n = 0; !Thread.currentThread().isInterrupted(); n++) {
                    Files.writeString(Path.of(folder, String.format("%s-%04d.txt", phase, n)), PortalProbe.jcmd(pid, "Thread.print"));
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.out.println("stack sampling stopped: " + e.getMessage());
            }
        }, "stack-sampler");
        sampler.start();
        return sampler;
    }

}
