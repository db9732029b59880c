package io.keyswitch.bench;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.EmbeddedDatabase;
import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

/**
 * Issue 16's report figure for the devices report: many devices (default 20,000) in 100 projects, each with 30 days of
 * presence changes (one every 12 h: 60 per device), 50 technician connections (1,000,000 for 20,000 devices) and 10
 * alarms, then the report's first page (50 rows) with each filter, a later page, the totals and a CSV export of every
 * row, through the real portal's report API on loopback (round trips, so upper bounds of the server time). Arguments:
 * the WAR, Payara Micro, a fresh work folder, the number of devices.
 */
public final class DevicesReportBench {

    private static final String TOKEN = "ks_" + "R".repeat(16) + "eportDevicesBnch";
    private static final int CHANGES = 60;
    private static final int CONNECTIONS = 50;
    private static final int ALARMS = 10;
    private static final int DEVICES_PER_STATEMENT = 1000;

    private DevicesReportBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[2]));
        Path war = Path.of(args[0]);
        int devices = Integer.parseInt(args[3]);
        try (EmbeddedDatabase mariadb = EmbeddedDatabase.start(work.resolve("db"))) {
            DatabaseCoordinates db = mariadb.coordinates();
            try (PortalProcess portal = PortalProcess.start(new PortalProcess.Options(war, Path.of(args[1]), work.resolve("home"),
                    db, "127.0.0.1", LoopbackPorts.free(), LoopbackPorts.free(), "256m", line -> { }))) {
                portal.awaitReady(Duration.ofMinutes(5));
                long t = System.nanoTime();
                Seeded s = seed(db, devices);
                System.out.printf("seeded %,d devices in 100 projects with %,d presence changes, %,d connections and %,d alarms"
                        + " in %.0f s%n", devices, (long) devices * CHANGES, (long) devices * CONNECTIONS,
                        (long) devices * ALARMS, (System.nanoTime() - t) / 1e9);
                ApiClient api = new ApiClient(portal.url() + "api/v1", TOKEN);
                Random random = new Random(16);
                String month = "from=" + s.now().minusDays(30).toLocalDate() + "&to=" + s.now().toLocalDate();
                String base = "/reports/devices"; // the report API
                ApiTimings.measure("first page, no filter", 200, () -> api.get(base + "?limit=50"));
                ApiTimings.measure("first page, 30 days", 200, () -> api.get(base + "?limit=50&" + month));
                ApiTimings.measure("first page, 30 days, a project (200 devices)", 200,
                        () -> api.get(base + "?limit=50&" + month + "&project=" + s.projects().get(random.nextInt(100))));
                ApiTimings.measure("first page, 30 days, a device", 200, () -> api.get(base + "?limit=50&" + month + "&device="
                        + s.devices().get(random.nextInt(s.devices().size()))));
                ApiTimings.measure("a page in the middle, 30 days", 200, () -> api.get(base + "?limit=50&" + month + "&after="
                        + s.devices().get(random.nextInt(s.devices().size()))));
                ApiTimings.measure("totals per project, 30 days", 30, () -> api.get(base + "/totals?" + month));
                for (int run = 0; run < 3; run++) {
                    long c = System.nanoTime();
                    ApiClient.Download csv = api.getForFile(base + "/csv?" + month, "text/csv");
                    double seconds = (System.nanoTime() - c) / 1e9;
                    long lines = new String(csv.bytes(), java.nio.charset.StandardCharsets.UTF_8).lines().count() - 1;
                    System.out.printf("CSV export of every device, 30 days: %,d rows, %,d bytes in %.2f s (%,.0f rows/s)%n",
                            lines, csv.bytes().length, seconds, lines / seconds);
                }
                System.out.printf("portal RSS after the runs: %d MiB (heap -Xmx256m)%n", ApiTimings.rssMiB(portal.pid()));
            }
        }
    }

    private record Seeded(LocalDateTime now, List<Long> projects, List<Long> devices) {
    }

    private static Seeded seed(DatabaseCoordinates db, int devices) throws Exception {
        long account = Fixtures.account(db, "bench");
        long admin = Fixtures.user(db, account, "bench-admin", "Bench-Admin-2026", List.of("device:view"));
        Fixtures.apiToken(db, account, admin, TOKEN);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        String nowSql = "'" + now.toString().replace('T', ' ') + "'";
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            c.setAutoCommit(false);
            Statement s = c.createStatement();
            s.executeUpdate("INSERT INTO project (account_id, name, name_key, created_at) SELECT " + account + ", CONCAT('Line ',"
                    + " seq), CONCAT('line ', seq), " + nowSql + " FROM seq_1_to_100");
            ApiTimings.devices(c, account, devices, now);
            List<Long> projects = ApiTimings.ids(c, "SELECT id FROM project WHERE account_id = " + account + " ORDER BY id");
            s.executeUpdate("UPDATE device SET project_id = " + projects.get(0) + " + MOD(id, 100) WHERE account_id = " + account);
            s.executeUpdate("INSERT INTO device_report (device_id, account_id, last_report_at, reports) SELECT id, account_id, "
                    + nowSql + ", 1000 FROM device WHERE account_id = " + account);
            c.commit();
            List<Long> ids = ApiTimings.ids(c, "SELECT id FROM device WHERE account_id = " + account + " ORDER BY id");
            for (int i = 0; i < ids.size(); i += DEVICES_PER_STATEMENT) {
                String range = " WHERE d.id BETWEEN " + ids.get(i) + " AND "
                        + ids.get(Math.min(ids.size(), i + DEVICES_PER_STATEMENT) - 1);
                // online and offline every 12 h, a few minutes apart from device to device
                s.executeUpdate("INSERT INTO device_presence_change (device_id, at, channel, online, account_id) SELECT d.id,"
                        + " DATE_SUB(" + nowSql + ", INTERVAL 12 * (" + (CHANGES - 1) + " - q.seq) * 60 + MOD(d.id, 300) MINUTE),"
                        + " 'REPORT', MOD(q.seq, 2) = 0, d.account_id FROM device d STRAIGHT_JOIN seq_0_to_" + (CHANGES - 1) + " q"
                        + range);
                s.executeUpdate("INSERT INTO connection (account_id, user_name, device_id, device_name, state, requested_at,"
                        + " opened_at, closed_at, bytes_to_device, bytes_from_device) SELECT d.account_id, 'bench/tech', d.id,"
                        + " d.name, 'CLOSED', DATE_SUB(" + nowSql + ", INTERVAL q.seq * 14 + MOD(d.id, 14) HOUR), DATE_SUB("
                        + nowSql + ", INTERVAL q.seq * 14 + MOD(d.id, 14) HOUR), DATE_SUB(" + nowSql + ", INTERVAL CAST(q.seq AS SIGNED) * 14"
                        + " + MOD(d.id, 14) - 1 HOUR), 100000 + q.seq, 2000000 + d.id FROM device d STRAIGHT_JOIN seq_0_to_"
                        + (CONNECTIONS - 1) + " q" + range);
                s.executeUpdate("INSERT INTO alarm (account_id, device_id, rule_name, severity, text, raised_at,"
                        + " acknowledged_at, cleared_at) SELECT d.account_id, d.id, 'IN2 on', 'WARNING', 'door open',"
                        + " DATE_SUB(" + nowSql + ", INTERVAL q.seq * 70 + MOD(d.id, 60) HOUR), IF(MOD(q.seq, 2) = 0, " + nowSql
                        + ", NULL), IF(q.seq > 0, " + nowSql + ", NULL) FROM device d STRAIGHT_JOIN seq_0_to_" + (ALARMS - 1)
                        + " q" + range);
                c.commit();
                if ((i / DEVICES_PER_STATEMENT) % 5 == 4) {
                    System.out.printf("  %,d of %,d devices seeded%n", i + DEVICES_PER_STATEMENT, ids.size());
                }
            }
            s.execute("ANALYZE TABLE device, device_presence_change, connection, alarm");
            c.commit();
            return new Seeded(now, projects, ids);
        }
    }
}
