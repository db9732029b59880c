package io.keyswitch.bench;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.EmbeddedDatabase;
import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.setup.TestPki;
import io.keyswitch.siem.Rsyslog;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.Fixtures;
import jakarta.json.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 16's SIEM figure: does forwarding keep up with 1,000 audit events a second? The real portal (default settings,
 * 256 MiB heap) with two appliance-wide targets, TCP and TLS, on a real rsyslog on loopback, which writes every message
 * to a file this program tails (the time an event id first appears there is its arrival). Part 1, capacity: one CSV
 * import records 10,000 audit events in one transaction; how fast do both targets receive them all? Part 2, a steady
 * stream: 8 API clients create projects for 30 s (as fast as the machine lets them; each is one audit event), and the
 * delay from each event's record to its arrival at rsyslog (p50, p95, max). Arguments: the WAR, Payara Micro, a fresh
 * work folder.
 *
 * <p>With the further arguments {@code throughput <seconds> <events per second>} (webapp/bench/siem-throughput.sh) it
 * runs {@link #sustained} instead: a steady stream at the given rate for the given time, through CSV imports into
 * several accounts at once, and whether forwarding keeps up with it.
 */
public final class SiemForwardingBench {

    private static final String ADMIN = "ks_" + "Q".repeat(16) + "siemBenchAdmin01";
    private static final String ROOT = "ks_" + "R".repeat(16) + "siemBenchRoot001";
    private static final Pattern LINE = Pattern.compile("^(\\w+) .*? eventId=\"(\\d+)\"");
    private static final int IMPORTED = 10_000;

    private SiemForwardingBench() {
    }

    /** Follows rsyslog's file: the first arrival time of each event id, per input. */
    private static final class Tail implements Runnable {
        final Map<String, Map<Long, Long>> arrivals = new ConcurrentHashMap<>();
        private final Path file;
        private volatile boolean running = true;
        private long offset;

        Tail(Path file) {
            this.file = file;
        }

        @Override
        public void run() {
            StringBuilder partial = new StringBuilder();
            while (running) {
                try {
                    if (Files.exists(file)) {
                        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                            if (f.length() > offset) {
                                byte[] bytes = new byte[(int) (f.length() - offset)];
                                f.seek(offset);
                                f.readFully(bytes);
                                offset += bytes.length;
                                long now = System.currentTimeMillis();
                                partial.append(new String(bytes, StandardCharsets.UTF_8));
                                int nl;
                                while ((nl = partial.indexOf("\n")) >= 0) {
                                    Matcher m = LINE.matcher(partial.substring(0, nl));
                                    if (m.find()) {
                                        arrivals.computeIfAbsent(m.group(1), k -> new ConcurrentHashMap<>())
                                                .putIfAbsent(Long.parseLong(m.group(2)), now);
                                    }
                                    partial.delete(0, nl + 1);
                                }
                            }
                        }
                    }
                    Thread.sleep(20);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        int count(String input, long after) {
            return (int) arrivals.getOrDefault(input, Map.of()).keySet().stream().filter(id -> id > after).count();
        }

        long last(String input, long after) {
            return arrivals.getOrDefault(input, Map.of()).entrySet().stream().filter(e -> e.getKey() > after)
                    .mapToLong(Map.Entry::getValue).max().orElse(0);
        }
    }

    public static void main(String[] args) throws Exception {
        Path war = Path.of(args[0]);
        Path payara = Path.of(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        Path syslogDir = Files.createDirectories(work.resolve("rsyslog"));
        Instant now = Instant.now();
        TestPki.Issued ca = TestPki.root("Bench CA", now);
        TestPki.Issued server = TestPki.server(TestPki.rsa(2048), ca, List.of("localhost"), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        Files.writeString(syslogDir.resolve("ca.pem"), ca.pem());
        Files.writeString(syslogDir.resolve("server.pem"), server.pem());
        Files.writeString(syslogDir.resolve("server.key"), server.keyPem());
        int tcp = LoopbackPorts.free();
        int tls = LoopbackPorts.free();
        try (Rsyslog rsyslog = new Rsyslog(syslogDir, List.of(new Rsyslog.Input("tcp", "tcp", tcp),
                new Rsyslog.Input("tls", "tls", tls)), syslogDir.resolve("ca.pem"), syslogDir.resolve("server.pem"),
                syslogDir.resolve("server.key"));
             EmbeddedDatabase mariadb = EmbeddedDatabase.start(work.resolve("db"))) {
            rsyslog.start();
            DatabaseCoordinates db = mariadb.coordinates();
            try (PortalProcess portal = PortalProcess.start(new PortalProcess.Options(war, payara, work.resolve("home"), db,
                    "127.0.0.1", LoopbackPorts.free(), LoopbackPorts.free(), "256m", line -> { }))) {
                portal.awaitReady(Duration.ofMinutes(5));
                long account = Fixtures.account(db, "bench-siem");
                Fixtures.apiToken(db, account, Fixtures.user(db, account, "admin", "Bench-Siem-2026",
                        io.keyswitch.platform.Rights.ALL), ADMIN);
                long operator = Fixtures.account(db, "bench-operator");
                long root = Fixtures.user(db, operator, "root", "Bench-Siem-2026", io.keyswitch.platform.Rights.ALL);
                Fixtures.makeSystemAdmin(db, root);
                Fixtures.apiToken(db, operator, root, ROOT);
                ApiClient rootApi = new ApiClient(portal.url() + "api/v1", ROOT);
                check(rootApi.post("/siem-targets", target("tcp", "127.0.0.1", tcp, "TCP", null)), 201);
                check(rootApi.post("/siem-targets", target("tls", "localhost", tls, "TLS", ca.pem())), 201);
                Tail tail = new Tail(rsyslog.received());
                Thread tailer = new Thread(tail, "rsyslog-tail");
                tailer.start();
                ApiClient admin = new ApiClient(portal.url() + "api/v1", ADMIN);
                System.out.printf(Locale.ROOT, "machine: %d cores, %s; portal heap 256 MiB; rsyslog %s%n",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), Rsyslog.RSYSLOGD);

                if (args.length > 3 && args[3].equals("throughput")) {
                    sustained(db, portal.url() + "api/v1", tail, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
                    portalSaid(work.resolve("home").resolve("logs").resolve("payara.log"));
                    tail.running = false;
                    tailer.join();
                    return;
                }
                // Part 1: capacity, a backlog of 10,000 events recorded in one transaction
                long before = maxId(db);
                long started = System.currentTimeMillis();
                check(admin.postCsv("/devices/import?reason=bench", devices(IMPORTED)), 201);
                long committed = System.currentTimeMillis();
                awaitAll(tail, before, IMPORTED, Duration.ofMinutes(5));
                for (String input : List.of("tcp", "tls")) {
                    double seconds = (tail.last(input, before) - committed) / 1000.0;
                    System.out.printf(Locale.ROOT, "| capacity (%s) | %,d events recorded in one import (%.1f s) | all received"
                            + " %.1f s after the commit | %,.0f events/s |%n", input, IMPORTED, (committed - started) / 1000.0,
                            seconds, IMPORTED / seconds);
                }

                // Part 2: a steady stream through the API
                long streamStart = maxId(db);
                AtomicInteger made = new AtomicInteger();
                ExecutorService clients = Executors.newFixedThreadPool(8);
                long until = System.currentTimeMillis() + 30_000;
                for (int c = 0; c < 8; c++) {
                    int client = c;
                    clients.submit(() -> {
                        for (int i = 0; System.currentTimeMillis() < until; i++) {
                            Answer a = admin.post("/projects", "{\"name\":\"P " + client + "-" + i + "\",\"reason\":\"bench\"}");
                            if (a.status() == 201) {
                                made.incrementAndGet();
                            }
                        }
                        return null;
                    });
                }
                clients.shutdown();
                clients.awaitTermination(2, TimeUnit.MINUTES);
                long streamEnd = System.currentTimeMillis();
                Map<Long, Long> recorded = recordedAt(db, streamStart);
                awaitAll(tail, streamStart, recorded.size(), Duration.ofMinutes(2));
                for (String input : List.of("tcp", "tls")) {
                    List<Long> delays = new ArrayList<>();
                    Map<Long, Long> arrived = tail.arrivals.get(input);
                    recorded.forEach((id, at) -> delays.add(arrived.get(id) - at));
                    Collections.sort(delays);
                    System.out.printf(Locale.ROOT, "| stream (%s) | %,d events in 30 s (%,.0f/s) by 8 API clients | delay record"
                                    + " → rsyslog p50 %d ms, p95 %d ms, max %d ms | last received %.1f s after the stream |%n",
                            input, recorded.size(), recorded.size() / 30.0, delays.get(delays.size() / 2),
                            delays.get((int) (delays.size() * 0.95)), delays.get(delays.size() - 1),
                            (tail.last(input, streamStart) - streamEnd) / 1000.0);
                }
                tail.running = false;
                tailer.join();
            }
        }
    }

    /** Devices per import in the sustained stream: each is one audit event ({@code device.import}). */
    private static final int PER_IMPORT = 250;
    /** Accounts importing at once: their chains are separate, so their transactions overlap and their ids interleave. */
    private static final int ACCOUNTS = 6;

    /**
     * Part 3: {@code rate} audit events a second for {@code seconds}, recorded by CSV imports of {@value #PER_IMPORT}
     * devices (one {@code device.import} event each) into {@value #ACCOUNTS} accounts, started open-loop on a fixed
     * schedule (an import every {@value #PER_IMPORT}/rate seconds, whatever the earlier ones are doing). Every second
     * the forwarding position is sampled: events recorded (committed) so far, events each input of rsyslog has, the
     * targets' stored positions. At the end: whether every event arrived (none lost), the delay from each event's
     * record (its time, taken inside the import's transaction) and from its import's answer (≈ the commit) to its
     * arrival, and how long the backlog took to drain after the stream.
     */
    private static void sustained(DatabaseCoordinates db, String api, Tail tail, int seconds, int rate) throws Exception {
        List<ApiClient> admins = new ArrayList<>();
        for (int a = 0; a < ACCOUNTS; a++) {
            long account = Fixtures.account(db, "bench-stream-" + a);
            String token = "ks_" + "S".repeat(16) + "siemStreamAdmin" + a;
            Fixtures.apiToken(db, account, Fixtures.user(db, account, "admin", "Bench-Siem-2026",
                    io.keyswitch.platform.Rights.ALL), token);
            admins.add(new ApiClient(api, token));
        }
        long start = maxId(db);
        int imports = seconds * rate / PER_IMPORT;
        long periodMicros = 1_000_000L * PER_IMPORT / rate;
        Map<Integer, Long> answeredAt = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        java.util.concurrent.ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(2 * ACCOUNTS);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(imports);
        AtomicInteger next = new AtomicInteger();
        System.out.printf(Locale.ROOT, "sustained: %,d events/s for %d s = %,d imports of %d devices into %d accounts, one every"
                + " %.0f ms; load %s%n", rate, seconds, imports, PER_IMPORT, ACCOUNTS, periodMicros / 1000.0, ReportsBench.load());
        long t0 = System.currentTimeMillis();
        pacer.scheduleAtFixedRate(() -> {
            int n = next.getAndIncrement();
            if (n >= imports) {
                return;
            }
            senders.submit(() -> {
                try {
                    Answer a = admins.get(n % ACCOUNTS).postCsv("/devices/import?reason=bench", devices("I" + n + "-", PER_IMPORT));
                    if (a.status() == 201) {
                        answeredAt.put(n, System.currentTimeMillis());
                    } else {
                        failed.incrementAndGet();
                        System.out.println("import " + n + ": " + a.status() + " " + a.body());
                    }
                } finally {
                    done.countDown();
                }
            });
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        // every second: recorded (committed) so far, received by each input, stored positions; printed every 10 s
        System.out.println("| s | recorded (committed) | received tcp | received tls | backlog tcp / tls | load |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: |");
        int second = 0;
        long lastRecorded = 0;
        long drainedAt = -1;
        while (true) {
            Thread.sleep(1000);
            second++;
            long recorded = Long.parseLong(Fixtures.string(db, "SELECT COUNT(*) FROM audit_event WHERE id > ? AND action = 'device.import'", start));
            int tcp = tail.count("tcp", start);
            int tls = tail.count("tls", start);
            boolean streaming = done.getCount() > 0;
            if (second % 10 == 0 || !streaming && recorded == tcp && recorded == tls) {
                System.out.printf(Locale.ROOT, "| %d | %,d | %,d | %,d | %,d / %,d | %s |%n", second, recorded, tcp, tls,
                        recorded - tcp, recorded - tls, ReportsBench.load());
            }
            if (!streaming && recorded == lastRecorded && tcp >= recorded && tls >= recorded) {
                drainedAt = System.currentTimeMillis();
                break;
            }
            lastRecorded = recorded;
            if (second > seconds + 600) {
                System.out.println("not drained 10 minutes after the stream: stopping");
                break;
            }
        }
        pacer.shutdownNow();
        senders.shutdown();
        long streamEnd = answeredAt.values().stream().mapToLong(Long::longValue).max().orElse(t0);
        Map<Long, Long> recorded = recordedAt(db, start);
        Map<Long, Integer> importOf = new java.util.HashMap<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT id, target FROM audit_event WHERE action = 'device.import' AND id > " + start)) {
            Pattern name = Pattern.compile("I(\\d+)-");
            while (r.next()) {
                Matcher m = name.matcher(String.valueOf(r.getString(2)));
                if (m.find()) {
                    importOf.put(r.getLong(1), Integer.parseInt(m.group(1)));
                }
            }
        }
        System.out.printf(Locale.ROOT, "%,d imports answered 201 (%d failed) in %.1f s: %,d device.import events recorded,"
                        + " %,.0f events/s offered and taken by the API; load %s%n", answeredAt.size(), failed.get(),
                (streamEnd - t0) / 1000.0, importOf.size(), importOf.size() * 1000.0 / (streamEnd - t0), ReportsBench.load());
        for (String input : List.of("tcp", "tls")) {
            Map<Long, Long> arrived = tail.arrivals.getOrDefault(input, Map.of());
            List<Long> fromRecord = new ArrayList<>();
            List<Long> fromCommit = new ArrayList<>();
            long lost = 0;
            for (Map.Entry<Long, Integer> e : importOf.entrySet()) {
                Long at = arrived.get(e.getKey());
                if (at == null) {
                    lost++;
                    continue;
                }
                fromRecord.add(at - recorded.get(e.getKey()));
                Long answered = answeredAt.get(e.getValue());
                if (answered != null) {
                    fromCommit.add(Math.max(0, at - answered));
                }
            }
            Collections.sort(fromRecord);
            Collections.sort(fromCommit);
            System.out.printf(Locale.ROOT, "| %s | %,d of %,d received, %,d lost | record → rsyslog p50 %,d / p95 %,d / max %,d ms"
                            + " | import answered → rsyslog p50 %,d / p95 %,d / max %,d ms | drained %.1f s after the last answer |%n",
                    input, importOf.size() - lost, importOf.size(), lost, pct(fromRecord, 50), pct(fromRecord, 95),
                    pct(fromRecord, 100), pct(fromCommit, 50), pct(fromCommit, 95), pct(fromCommit, 100),
                    drainedAt < 0 ? Double.NaN : (drainedAt - streamEnd) / 1000.0);
        }
        System.out.println("stored positions: " + Fixtures.string(db, "SELECT GROUP_CONCAT(CONCAT(t.name, ' at ', p.last_event_id,"
                + " ', forwarded ', p.forwarded, ', gaps ', CHAR_LENGTH(p.gaps), ' chars') SEPARATOR '; ') FROM siem_position p"
                + " JOIN siem_target t ON t.id = p.target_id"));
    }

    /** What the portal logged about forwarding (warnings: a broken connection, a failed read), the last 20 lines. */
    private static void portalSaid(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("SIEM") && !l.contains("SIEM forwarding settings")).toList();
        System.out.println("the portal's log on SIEM forwarding: " + lines.size() + " lines" + (lines.isEmpty() ? "" : ", the last:"));
        lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> System.out.println("  " + l.replaceAll(".*\\] ", "")));
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
    }

    private static String devices(String prefix, int count) {
        StringBuilder csv = new StringBuilder(1 << 16).append("device,lan_subnet,component,component_ip,services\n");
        for (int i = 1; i <= count; i++) {
            csv.append(prefix).append(i).append(",192.168.0.0/28,PLC,192.168.0.10,tcp/102\n");
        }
        return csv.toString();
    }

    private static void awaitAll(Tail tail, long after, int events, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while ((tail.count("tcp", after) < events || tail.count("tls", after) < events) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (tail.count("tcp", after) < events || tail.count("tls", after) < events) {
            throw new IllegalStateException("not all events arrived: tcp " + tail.count("tcp", after) + ", tls "
                    + tail.count("tls", after) + " of " + events);
        }
    }

    private static long maxId(DatabaseCoordinates db) throws Exception {
        return Long.parseLong(Fixtures.string(db, "SELECT MAX(id) FROM audit_event"));
    }

    /** Every audit event after {@code after}: its id and when it was recorded (epoch ms). */
    private static Map<Long, Long> recordedAt(DatabaseCoordinates db, long after) throws Exception {
        Map<Long, Long> at = new ConcurrentHashMap<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id, occurred_at FROM audit_event WHERE id > " + after)) {
            while (r.next()) {
                at.put(r.getLong(1), r.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC).toEpochMilli());
            }
        }
        return at;
    }

    private static String target(String name, String host, int port, String transport, String ca) {
        var b = Json.createObjectBuilder().add("name", name).add("scope", "APPLIANCE").add("host", host).add("port", port)
                .add("transport", transport).add("reason", "bench");
        if (ca != null) {
            b.add("caPem", ca);
        }
        return b.build().toString();
    }

    private static String devices(int count) {
        StringBuilder csv = new StringBuilder(1 << 20).append("device,lan_subnet,component,component_ip,services\n");
        for (int i = 1; i <= count; i++) {
            csv.append("Machine ").append(i).append(",192.168.0.0/24,PLC,192.168.0.10,tcp/102\n");
        }
        return csv.toString();
    }

    private static void check(Answer a, int status) {
        if (a.status() != status) {
            throw new IllegalStateException(a.status() + " " + a.body());
        }
    }
}
