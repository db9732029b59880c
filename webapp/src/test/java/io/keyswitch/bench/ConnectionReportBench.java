package io.keyswitch.bench;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.EmbeddedDatabase;
import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.Fixtures;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Issue 16's report figure for connections: many connection records (default 1,000,000: 90 % in the measured account,
 * 10 % in another) with 200 devices in 10 projects and 20 technicians, one record a minute, then the connections
 * report's first page (100 rows) through the API on loopback with each filter, a page deep in the list, the totals of
 * 30 days, and the whole account's CSV export (rows a second). Round trips, so upper bounds of the server time.
 * Arguments: the WAR, Payara Micro, a fresh work folder, the number of records.
 */
public final class ConnectionReportBench {

    private static final String ADMIN = "ks_" + "B".repeat(16) + "reportsBenchAdmn";
    private static final String TECH = "ks_" + "B".repeat(16) + "reportsBenchTech";
    private static final String OPERATOR = "ks_" + "B".repeat(16) + "reportsBenchOper";
    private static final int DEVICES = 200;
    private static final int PROJECTS = 10;
    private static final int TECHNICIANS = 20;
    private static final int CHUNK = 100_000;

    private ConnectionReportBench() {
    }

    public static void main(String[] args) throws Exception {
        Path war = Path.of(args[0]);
        Path payara = Path.of(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        int records = Integer.parseInt(args[3]);
        try (EmbeddedDatabase mariadb = EmbeddedDatabase.start(work.resolve("db"))) {
            DatabaseCoordinates db = mariadb.coordinates();
            try (PortalProcess portal = PortalProcess.start(new PortalProcess.Options(war, payara, work.resolve("home"), db,
                    "127.0.0.1", LoopbackPorts.free(), LoopbackPorts.free(), "256m", line -> { }))) {
                portal.awaitReady(Duration.ofMinutes(5));
                long t = System.nanoTime();
                Seeded s = seed(db, records);
                System.out.printf("seeded %,d connection records in %.0f s; %s%n", records, (System.nanoTime() - t) / 1e9,
                        size(db, "connection"));
                run(portal, s);
            }
        }
    }

    private static void run(PortalProcess portal, Seeded s) throws Exception {
        String base = portal.url() + "api/v1";
        ApiClient admin = new ApiClient(base, ADMIN);
        ApiClient tech = new ApiClient(base, TECH);
        ApiClient operator = new ApiClient(base, OPERATOR);
        Random random = new Random(16);
        String month = "from=" + LocalDateTime.now(ZoneOffset.UTC).minusDays(30).toLocalDate();
        String page = "/reports/connections?limit=100";
        ApiTimings.measure("first page, no filter", 200, () -> admin.get(page));
        ApiTimings.measure("first page, the last 30 days", 200, () -> admin.get(page + "&" + month));
        ApiTimings.measure("first page, one device", 200, () -> admin.get(page + "&device=" + pick(random, s.devices)));
        ApiTimings.measure("first page, one project", 200, () -> admin.get(page + "&project=" + pick(random, s.projects)));
        ApiTimings.measure("first page, one technician", 200, () -> admin.get(page + "&user=" + pick(random, s.users)));
        ApiTimings.measure("first page, a technician's own (device:connect)", 200, () -> tech.get(page));
        ApiTimings.measure("first page, system administrator, every account", 200, () -> operator.get(page));
        ApiTimings.measure("a page deep in the list (after a random key)", 200,
                () -> admin.get(page + "&after=" + (s.firstId + random.nextInt(s.inAccount))));
        ApiTimings.measure("totals of the last 30 days (3 sums)", 20, () -> admin.get("/reports/connections/totals?" + month));
        csv(portal, s.inAccount);
        System.out.printf("portal RSS after the runs: %d MiB (heap -Xmx256m)%n", ApiTimings.rssMiB(portal.pid()));
    }

    /** The whole account as CSV, read as it streams; lines and rows a second. */
    private static void csv(PortalProcess portal, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(portal.url() + "api/v1/reports/connections/csv"))
                .header("Authorization", "Bearer " + ADMIN).timeout(Duration.ofMinutes(30)).GET().build();
        long t = System.nanoTime();
        HttpResponse<InputStream> answer = PortalProcess.trustingClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        long bytes = 0;
        try (InputStream in = answer.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf("CSV export of the account: HTTP %d, %,d lines (%,d records expected + header), %,d MiB in %.1f s:"
                + " %,.0f rows/s%n", answer.statusCode(), lines, expected, bytes >> 20, seconds, (lines - 1) / seconds);
    }

    private static long pick(Random random, List<Long> ids) {
        return ids.get(random.nextInt(ids.size()));
    }

    private record Seeded(List<Long> devices, List<Long> projects, List<Long> users, long firstId, int inAccount) {
    }

    /** Account "bench" with its projects, devices and technicians and 90 % of the records; "bench-other" the rest. */
    private static Seeded seed(DatabaseCoordinates db, int records) throws Exception {
        long account = Fixtures.account(db, "bench");
        long other = Fixtures.account(db, "bench-other");
        Fixtures.apiToken(db, account, Fixtures.user(db, account, "bench-admin", "Bench-Admin-2026", List.of("connection:view")), ADMIN);
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < TECHNICIANS; i++) {
            users.add(Fixtures.user(db, account, "tech" + i, "Bench-Tech-2026", List.of("device:connect")));
        }
        Fixtures.apiToken(db, account, users.get(0), TECH);
        long operator = Fixtures.user(db, Fixtures.accountId(db, "system"), "bench-operator", "Bench-Oper-2026", List.of());
        Fixtures.makeSystemAdmin(db, operator);
        Fixtures.apiToken(db, Fixtures.accountId(db, "system"), operator, OPERATOR);
        List<Long> projects = new ArrayList<>();
        for (int i = 0; i < PROJECTS; i++) {
            projects.add(Fixtures.project(db, account, "Line " + i));
        }
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        int inAccount = records / 10 * 9;
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            c.setAutoCommit(false);
            ApiTimings.devices(c, account, DEVICES, now);
            c.commit();
            List<Long> devices = ApiTimings.ids(c, "SELECT id FROM device WHERE account_id = " + account + " ORDER BY id");
            Statement s = c.createStatement();
            s.executeUpdate("UPDATE device SET project_id = " + projects.get(0) + " + MOD(id, " + PROJECTS + ") WHERE account_id = " + account);
            c.commit();
            String at = "DATE_SUB('" + now.toString().replace('T', ' ') + "', INTERVAL " + (records - 1) + " - q.seq MINUTE)";
            // one record a minute, the newest now; technicians and devices in turn; the other account's without them
            for (int from = 0; from < records; from += CHUNK) {
                int to = Math.min(records, from + CHUNK) - 1;
                s.executeUpdate("INSERT INTO connection (account_id, user_id, user_name, device_id, device_name, state, reason,"
                        + " order_number, requested_at, opened_at, closed_at, technician_address, bytes_to_device,"
                        + " bytes_from_device, close_cause, closed_by) SELECT IF(q.seq < " + inAccount + ", " + account + ", " + other
                        + "), IF(q.seq < " + inAccount + ", " + users.get(0) + " + MOD(q.seq, " + TECHNICIANS + "), NULL),"
                        + " CONCAT('tech', MOD(q.seq, " + TECHNICIANS + ")), IF(q.seq < " + inAccount + ", " + devices.get(0)
                        + " + MOD(q.seq, " + DEVICES + "), NULL), CONCAT('Device ', LPAD(MOD(q.seq, " + DEVICES + "), 5, '0')),"
                        + " 'CLOSED', 'maintenance of the press', CONCAT('SO-', q.seq), " + at + ", " + at + ", DATE_ADD(" + at
                        + ", INTERVAL 20 MINUTE),"
                        + " '100.96.0.2', 1000 + MOD(q.seq, 5000), 2000, 'DISCONNECTED', CONCAT('tech', MOD(q.seq, " + TECHNICIANS + "))"
                        + " FROM seq_" + from + "_to_" + to + " q");
                c.commit();
                System.out.printf("  %,d of %,d records seeded%n", to + 1, records);
            }
            long firstId = Long.parseLong(Fixtures.string(db, "SELECT MIN(id) FROM connection WHERE account_id = " + account));
            return new Seeded(devices, projects, users, firstId, inAccount);
        }
    }

    private static String size(DatabaseCoordinates db, String table) throws Exception {
        Fixtures.string(db, "ANALYZE TABLE " + table);
        return Fixtures.string(db, "SELECT CONCAT(table_name, ' ', FORMAT(table_rows, 0), ' rows (estimate), ',"
                + " ROUND((data_length + index_length) / 1048576), ' MiB') FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() AND table_name = ?", table);
    }
}
