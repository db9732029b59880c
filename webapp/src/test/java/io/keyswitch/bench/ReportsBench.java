package io.keyswitch.bench;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.EmbeddedDatabase;
import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.Fixtures;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Issue 16's report figures with 10 million audit events and 1 million connection records: the first page (50 rows)
 * of a report with each filter, p95 &lt; 1 s; a full CSV export at ≥ 50,000 rows/s with the portal's heap flat.
 *
 * <p>Two ways to run (see webapp/bench/reports.sh): on its own (arguments: the WAR, Payara Micro, a fresh work folder,
 * the seed script), it starts an embedded MariaDB and the portal (256 MiB heap), seeds them with seed-reports.sh, and
 * times what exists — the report API ({@code GET /api/v1/reports/{kind}}) if the portal has it, else its stand-ins:
 * the audit and connections APIs and the report queries' SQL shapes with their plans, with and without the indexes of
 * V39, the insert cost of those indexes, and a keyed CSV export over JDBC. Or against a running portal
 * ({@code --url URL --token TOKEN [--pid PID] [--account id --user id --device id --project id]}): the report API only.
 */
public final class ReportsBench {

    private static final String ADMIN_TOKEN = "ks_" + "R".repeat(16) + "eportsBenchAdmin";
    private static final String ROOT_TOKEN = "ks_" + "R".repeat(16) + "eportsBenchRootT";
    private static final int RUNS = 40;
    private static final List<String> KINDS = List.of("connections", "user-protocol");

    private ReportsBench() {
    }

    /** The ids the filters use: the big account's, one of its users, devices and projects; a month a quarter ago. */
    record Filters(long account, long user, long device, long project, Instant from, Instant to) {

        Map<String, String> each() {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("none", "");
            f.put("period (a month, 3 months ago)", "from=" + from + "&to=" + to);
            f.put("account", "account=" + account);
            f.put("user", "user=" + user);
            f.put("device", "device=" + device);
            f.put("project", "project=" + project);
            return f;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--url")) {
            Map<String, String> o = options(args);
            Instant to = Instant.now().minus(Duration.ofDays(90));
            Filters f = new Filters(Long.parseLong(o.getOrDefault("--account", "1")), Long.parseLong(o.getOrDefault("--user", "1")),
                    Long.parseLong(o.getOrDefault("--device", "1")), Long.parseLong(o.getOrDefault("--project", "1")),
                    to.minus(Duration.ofDays(30)), to);
            reportApi(o.get("--url"), o.get("--token"), o.get("--token"), f, Long.parseLong(o.getOrDefault("--pid", "-1")));
            return;
        }
        Path war = Path.of(args[0]);
        Path payara = Path.of(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        Path seedScript = Path.of(args[3]);
        try (EmbeddedDatabase mariadb = EmbeddedDatabase.start(work.resolve("db"))) {
            DatabaseCoordinates db = mariadb.coordinates();
            try (PortalProcess portal = PortalProcess.start(new PortalProcess.Options(war, payara, work.resolve("home"), db,
                    "127.0.0.1", LoopbackPorts.free(), LoopbackPorts.free(), "256m", line -> { }))) {
                portal.awaitReady(Duration.ofMinutes(5));
                System.out.println("load before seeding: " + load());
                long t = System.nanoTime();
                seed(db, seedScript);
                System.out.printf("seeded in %.0f s (load %s)%n", (System.nanoTime() - t) / 1e9, load());
                Filters f = arrange(db);
                String api = portal.url() + "api/v1";
                HttpResponse<Void> kinds = client().send(get(api + "/reports", ADMIN_TOKEN), HttpResponse.BodyHandlers.discarding());
                if (kinds.statusCode() == 200) {
                    reportApi(api, ADMIN_TOKEN, ROOT_TOKEN, f, portal.pid());
                } else {
                    System.out.println("GET /api/v1/reports answered " + kinds.statusCode()
                            + ": no report API in this portal; measuring the stand-ins");
                }
                if (kinds.statusCode() != 200 || Boolean.getBoolean("keyswitch.bench.stand-ins")) {
                    standInApis(api, f);
                    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
                        sqlShapes(c, f);
                        keyedCsvExport(c, f);
                        insertCost(c);
                    }
                }
                System.out.printf("portal RSS at the end: %d MiB (heap -Xmx256m); load %s%n", ApiTimings.rssMiB(portal.pid()), load());
            }
        }
    }

    // ---- seeding --------------------------------------------------------------------------------------------------

    private static void seed(DatabaseCoordinates db, Path script) throws Exception {
        URI uri = URI.create(db.url().substring("jdbc:".length()));
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "--protocol=TCP", "-h", uri.getHost(),
                "-P", String.valueOf(uri.getPort()), "-u", db.user(), uri.getPath().substring(1)).inheritIO();
        pb.environment().put("MYSQL_PWD", db.password()); // not on the command line
        int exit = pb.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("seed-reports.sh failed: " + exit);
        }
    }

    /** An administrator of bench-r01 (every right) and a system administrator, each with a token; the filter ids. */
    private static Filters arrange(DatabaseCoordinates db) throws Exception {
        long account = Fixtures.accountId(db, "bench-r01");
        long admin = Fixtures.user(db, account, "bench-admin", "Reports-Bench-2026", io.keyswitch.platform.Rights.ALL);
        Fixtures.apiToken(db, account, admin, ADMIN_TOKEN);
        long operator = Fixtures.account(db, "bench-operator");
        long root = Fixtures.user(db, operator, "root", "Reports-Bench-2026", List.of());
        Fixtures.makeSystemAdmin(db, root);
        Fixtures.apiToken(db, operator, root, ROOT_TOKEN);
        long user = Long.parseLong(Fixtures.string(db, "SELECT id FROM app_user WHERE account_id = ? AND username = 'user042'", account));
        long device = Long.parseLong(Fixtures.string(db, "SELECT id FROM device WHERE account_id = ? AND name = 'Press 0420'", account));
        long project = Long.parseLong(Fixtures.string(db, "SELECT id FROM project WHERE account_id = ? AND name = 'Line 5'", account));
        Instant to = Instant.now().minus(Duration.ofDays(90));
        return new Filters(account, user, device, project, to.minus(Duration.ofDays(30)), to);
    }

    // ---- the report API (after the merge of s22-report-core) -----------------------------------------------------

    private static void reportApi(String api, String token, String rootToken, Filters f, long pid) throws Exception {
        System.out.println("== the report API: first page of 50, each filter (load " + load() + ")");
        for (String kind : KINDS) {
            for (Map.Entry<String, String> filter : f.each().entrySet()) {
                // the account filter is a system administrator's choice; others always get their own account
                String t = filter.getKey().equals("account") ? rootToken : token;
                String url = api + "/reports/" + kind + "?" + filter.getValue() + (filter.getValue().isEmpty() ? "" : "&") + "limit=50";
                time(kind + ", " + filter.getKey(), () -> status(client().send(get(url, t), HttpResponse.BodyHandlers.ofString())));
            }
        }
        System.out.println("== the report API: full CSV export (load " + load() + ")");
        for (String kind : KINDS) {
            csvExport(api + "/reports/" + kind + "/csv", token, pid);
        }
    }

    /** Streams the export, counting records, while the portal's heap is sampled every second. */
    private static void csvExport(String url, String token, long pid) throws Exception {
        List<String> heap = Collections.synchronizedList(new ArrayList<>());
        heap.add("before " + heapUsed(pid));
        long started = System.nanoTime();
        HttpResponse<InputStream> r = client().send(get(url, token), HttpResponse.BodyHandlers.ofInputStream());
        Thread sampler = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(1000);
                    heap.add(heapUsed(pid));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sampler.start();
        long rows = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8), 1 << 16)) {
            rows = org.apache.commons.csv.CSVFormat.RFC4180.parse(in).stream().count() - 1;
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        double s = (System.nanoTime() - started) / 1e9;
        Thread.sleep(3000);
        heap.add("after " + heapUsed(pid));
        System.out.printf("%s: HTTP %d, %,d rows in %.1f s = %,.0f rows/s (load %s)%n  heap used (MiB): %s%n", url,
                r.statusCode(), rows, s, rows / s, load(), String.join(", ", heap));
    }

    /** The portal's heap in use (jcmd GC.heap_info), "?" without a pid. */
    private static String heapUsed(long pid) {
        if (pid <= 0) {
            return "?";
        }
        try {
            Process p = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(out);
            return m.find() ? String.valueOf(Long.parseLong(m.group(2)) / 1024) : "?";
        } catch (Exception e) {
            return "?";
        }
    }

    // ---- stand-ins on this branch ---------------------------------------------------------------------------------

    private static void standInApis(String api, Filters f) {
        System.out.println("== stand-in: the existing APIs' first page of 50 (offset pages with a total count; load " + load() + ")");
        ApiClient a = new ApiClient(api, ADMIN_TOKEN);
        time("GET /audit?size=50 (the account's trail, 4 million events)", 10, () -> status(a.get("/audit?size=50")));
        String closed = "/connections?state=all&size=50";
        time("GET /connections, none (400,000 of the account)", 10, () -> status(a.get(closed)));
        time("GET /connections, period", 10, () -> status(a.get(closed + "&from=" + f.from() + "&to=" + f.to())));
        time("GET /connections, user", 10, () -> status(a.get(closed + "&userId=" + f.user())));
        time("GET /connections, device", 10, () -> status(a.get(closed + "&deviceId=" + f.device())));
    }

    /** The keyed-page shapes the report kinds use, timed over JDBC, with their plans; then without V39's indexes. */
    private static void sqlShapes(Connection c, Filters f) throws Exception {
        Map<String, String> shapes = new LinkedHashMap<>();
        String from = "'" + sql(f.from()) + "'";
        String to = "'" + sql(f.to()) + "'";
        String a = "account_id = " + f.account();
        String period = " AND occurred_at >= " + from + " AND occurred_at < " + to;
        shapes.put("audit: account", "SELECT * FROM audit_event WHERE " + a + " ORDER BY id DESC LIMIT 50");
        shapes.put("audit: account, period", "SELECT * FROM audit_event WHERE " + a + period + " ORDER BY id DESC LIMIT 50");
        // the period's end as an id bound, found first by one dive into (account_id, occurred_at) — within an account
        // ids and times rise together (the chain's lock) — so that the page's scan starts at the period's end instead of
        // walking every newer row; as one statement with a subquery MariaDB does not use the bound to start the scan
        String auditBound = " AND id < {bound:SELECT id FROM audit_event WHERE " + a + " AND occurred_at >= " + to
                + " ORDER BY occurred_at, id LIMIT 1}";
        shapes.put("audit: account, period, bounded by id (dive + page)", "SELECT * FROM audit_event WHERE " + a + period
                + auditBound + " ORDER BY id DESC LIMIT 50");
        shapes.put("audit: account, user", "SELECT * FROM audit_event WHERE " + a + " AND actor_user_id = " + f.user()
                + " ORDER BY id DESC LIMIT 50");
        shapes.put("audit: account, user, period", "SELECT * FROM audit_event WHERE " + a + " AND actor_user_id = " + f.user()
                + period + " ORDER BY id DESC LIMIT 50");
        shapes.put("audit: account, next page (id < after)", "SELECT * FROM audit_event WHERE " + a
                + " AND id < (SELECT MAX(id) - 2000000 FROM audit_event) ORDER BY id DESC LIMIT 50");
        shapes.put("audit: all accounts (system administrator)", "SELECT * FROM audit_event ORDER BY id DESC LIMIT 50");
        String cperiod = " AND requested_at >= " + from + " AND requested_at < " + to;
        shapes.put("connections: account", "SELECT * FROM connection WHERE " + a + " ORDER BY id DESC LIMIT 50");
        shapes.put("connections: account, period", "SELECT * FROM connection WHERE " + a + cperiod + " ORDER BY id DESC LIMIT 50");
        shapes.put("connections: account, period, bounded by id (dive + page)", "SELECT * FROM connection WHERE " + a + cperiod
                + " AND id < {bound:SELECT id FROM connection WHERE " + a + " AND requested_at >= " + to
                + " ORDER BY requested_at, id LIMIT 1} ORDER BY id DESC LIMIT 50");
        shapes.put("connections: account, user", "SELECT * FROM connection WHERE " + a + " AND user_id = " + f.user()
                + " ORDER BY id DESC LIMIT 50");
        shapes.put("connections: account, device", "SELECT * FROM connection WHERE " + a + " AND device_id = " + f.device()
                + " ORDER BY id DESC LIMIT 50");
        shapes.put("connections: account, project", "SELECT c.* FROM connection c JOIN device d ON d.id = c.device_id WHERE c."
                + a + " AND d.project_id = " + f.project() + " ORDER BY c.id DESC LIMIT 50");
        shapes.put("connections: account, device, period", "SELECT * FROM connection WHERE " + a + " AND device_id = "
                + f.device() + cperiod + " ORDER BY id DESC LIMIT 50");
        System.out.println("== stand-in: the SQL shapes over JDBC, with V39's indexes (load " + load() + ")");
        for (Map.Entry<String, String> s : shapes.entrySet()) {
            try {
                time(s.getKey(), () -> rows(c, s.getValue()));
                System.out.println("    plan: " + plan(c, s.getValue()));
            } catch (RuntimeException e) {
                System.out.println(s.getKey() + ": failed: " + e.getMessage());
            }
        }
        System.out.println("== the same without V39's indexes (ALTER INDEX … IGNORED; load " + load() + ")");
        ignore(c, true);
        try {
            for (Map.Entry<String, String> s : shapes.entrySet()) {
                try {
                    // at most 30 s each: without their index some shapes walk millions of rows
                    timeOnce(s.getKey(), () -> rows(c, "SET STATEMENT max_statement_time = 30 FOR " + s.getValue()));
                    System.out.println("    plan: " + plan(c, s.getValue()));
                } catch (RuntimeException e) {
                    System.out.println(s.getKey() + ": failed: " + e.getMessage());
                }
            }
        } finally {
            ignore(c, false);
        }
    }

    private static final String[][] V39 = {{"audit_event", "ix_audit_account_id"}, {"audit_event", "ix_audit_user_id"},
        {"connection", "ix_connection_account_id"}, {"connection", "ix_connection_user_id"}, {"connection", "ix_connection_device_id"}};

    private static void ignore(Connection c, boolean ignored) throws Exception {
        try (Statement s = c.createStatement()) {
            for (String[] ix : V39) {
                s.execute("ALTER TABLE " + ix[0] + " ALTER INDEX " + ix[1] + (ignored ? " IGNORED" : " NOT IGNORED"));
            }
        }
    }

    /** The account's whole audit trail read as a CSV export reads it (1,000 rows by key per query), written as CSV. */
    private static void keyedCsvExport(Connection c, Filters f) throws Exception {
        System.out.println("== stand-in: full CSV export of the account's audit trail over JDBC, 1,000 rows a query by key (load "
                + load() + ")");
        long rows = 0;
        long started = System.nanoTime();
        long after = Long.MAX_VALUE;
        CountingOutput counted = new CountingOutput();
        try (Writer w = new OutputStreamWriter(counted, StandardCharsets.UTF_8);
             CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader("id", "time", "actor", "source", "action", "target",
                     "outcome", "details", "reason").get().print(w);
             PreparedStatement p = c.prepareStatement("SELECT id, occurred_at, actor, source_ip, action, target, outcome, details,"
                     + " reason FROM audit_event WHERE account_id = ? AND id < ? ORDER BY id DESC LIMIT 1000")) {
            int page;
            do {
                page = 0;
                p.setLong(1, f.account());
                p.setLong(2, after);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        after = r.getLong(1);
                        csv.printRecord(after, r.getObject(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                                r.getString(7), r.getString(8), r.getString(9));
                        page++;
                    }
                }
                rows += page;
            } while (page == 1000);
        }
        double s = (System.nanoTime() - started) / 1e9;
        System.out.printf("%,d rows, %,d MiB of CSV in %.1f s = %,.0f rows/s (load %s)%n", rows, counted.bytes >> 20, s, rows / s, load());
    }

    /** What each of V39's indexes costs a bulk insert: 1,000,000 audit events copied into copies of the table. */
    private static void insertCost(Connection c) throws Exception {
        System.out.println("== insert cost of V39's indexes: INSERT … SELECT of 1,000,000 rows into a copy of the table (load "
                + load() + ")");
        try (Statement s = c.createStatement()) {
            String[][] variants = {{"without V39's indexes", "ix_audit_account_id,ix_audit_user_id"},
                {"with ix_audit_account_id", "ix_audit_user_id"}, {"with both (as V39)", ""}};
            for (String[] v : variants) {
                s.execute("DROP TABLE IF EXISTS bench_audit_copy");
                s.execute("CREATE TABLE bench_audit_copy LIKE audit_event");
                for (String ix : v[1].split(",")) {
                    if (!ix.isEmpty()) {
                        s.execute("ALTER TABLE bench_audit_copy DROP INDEX " + ix);
                    }
                }
                long t = System.nanoTime();
                s.execute("INSERT INTO bench_audit_copy SELECT * FROM audit_event WHERE id <= (SELECT MIN(id) + 999999 FROM audit_event)"
                        + " ORDER BY id");
                System.out.printf("  audit_event %-28s %6.1f s (load %s)%n", v[0], (System.nanoTime() - t) / 1e9, load());
            }
            s.execute("DROP TABLE bench_audit_copy");
            String[][] cvariants = {{"without V39's indexes", "ix_connection_account_id,ix_connection_user_id,ix_connection_device_id"},
                {"with all three (as V39)", ""}};
            for (String[] v : cvariants) {
                s.execute("DROP TABLE IF EXISTS bench_connection_copy");
                s.execute("CREATE TABLE bench_connection_copy LIKE connection");
                for (String ix : v[1].split(",")) {
                    if (!ix.isEmpty()) {
                        s.execute("ALTER TABLE bench_connection_copy DROP INDEX " + ix);
                    }
                }
                long t = System.nanoTime();
                s.execute("INSERT INTO bench_connection_copy SELECT * FROM connection ORDER BY id");
                System.out.printf("  connection (1,000,000) %-18s %6.1f s (load %s)%n", v[0], (System.nanoTime() - t) / 1e9, load());
            }
            s.execute("DROP TABLE bench_connection_copy");
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** A shape with {@code {bound:<dive>}}: the dive runs first and its id (none: the largest) takes its place. */
    private static String resolve(Connection c, String query) throws java.sql.SQLException {
        int at = query.indexOf("{bound:");
        if (at < 0) {
            return query;
        }
        int end = query.indexOf('}', at);
        long bound = Long.MAX_VALUE;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query.substring(at + 7, end))) {
            if (r.next()) {
                bound = r.getLong(1);
            }
        }
        return query.substring(0, at) + bound + query.substring(end + 1);
    }

    private static int rows(Connection c, String shape) {
        String query = shape;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query = resolve(c, shape))) {
            int n = 0;
            while (r.next()) {
                n++;
            }
            return 200;
        } catch (java.sql.SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("max_statement_time")) {
                System.out.println("    (stopped by max_statement_time = 30 s)");
                return 200;
            }
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    private static String plan(Connection c, String query) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("EXPLAIN " + resolve(c, query))) {
            while (r.next()) {
                lines.add(r.getString("table") + ": " + r.getString("type") + " key=" + r.getString("key") + " rows="
                        + r.getString("rows") + " " + r.getString("Extra"));
            }
        }
        return String.join(" | ", lines);
    }

    /** Times {@value #RUNS} calls after 3 warm-up calls: p50, p95, max. */
    private static void time(String what, Callable<Integer> call) {
        time(what, RUNS, call);
    }

    /** Times {@code runs} calls after 3 warm-up calls: p50, p95, max. */
    private static void time(String what, int runs, Callable<Integer> call) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs + 3; i++) {
            long t = System.nanoTime();
            int status = call(call);
            if (status != 200) {
                System.out.printf("%-58s HTTP %d%n", what, status);
                return;
            }
            if (i >= 3) {
                ms.add((System.nanoTime() - t) / 1e6);
            }
        }
        Collections.sort(ms);
        System.out.printf("%-58s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms%n", what, ms.get(ms.size() / 2),
                ms.get((int) Math.ceil(ms.size() * 0.95) - 1), ms.get(ms.size() - 1));
    }

    /** One timed call (the slow shapes without their index): a cold and a warm run. */
    private static void timeOnce(String what, Callable<Integer> call) {
        long t = System.nanoTime();
        call(call);
        double cold = (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        call(call);
        System.out.printf("%-58s first %8.1f ms  second %8.1f ms%n", what, cold, (System.nanoTime() - t) / 1e6);
    }

    private static int call(Callable<Integer> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int status(HttpResponse<?> r) {
        if (r.statusCode() != 200) {
            System.out.println("  " + r.statusCode() + ": " + r.body());
        }
        return r.statusCode();
    }

    private static int status(ApiClient.Answer a) {
        if (a.status() != 200) {
            System.out.println("  " + a.status() + ": " + a.body());
        }
        return a.status();
    }

    private static HttpClient client() {
        return PortalProcess.trustingClient();
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(30)).GET().build();
    }

    private static String sql(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString().replace('T', ' ');
    }

    /** The machine's load average over the last minute (it is shared: every figure says how busy it was). */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        if (!o.containsKey("--url") || !o.containsKey("--token")) {
            throw new IllegalArgumentException("usage: --url https://host:port/api/v1 --token ks_… [--pid n] [--account id]"
                    + " [--user id] [--device id] [--project id]");
        }
        return o;
    }

    /** Counts what is written and throws it away. */
    private static final class CountingOutput extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
