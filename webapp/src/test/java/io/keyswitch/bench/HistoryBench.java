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
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Issue 14's chart figure: many devices' data point history in the database — per device one value sampled every
 * 15 minutes for 30 days (2,880 raw values) and its 720 hourly aggregates — then the history of one value over 30 days
 * through the API on loopback (round trips, so upper bounds of the server time): the hourly aggregates a chart draws,
 * the raw values, a year by day, and the CSV export, for random devices. Arguments: the WAR, Payara Micro, a fresh
 * work folder, the number of devices.
 */
public final class HistoryBench {

    private static final String TOKEN = "ks_" + "H".repeat(16) + "istoryBenchToken";
    private static final int RAW_PER_DEVICE = 30 * 24 * 4;
    private static final int HOURS_PER_DEVICE = 30 * 24;
    private static final int POINTS_PER_STATEMENT = 250;

    private HistoryBench() {
    }

    public static void main(String[] args) throws Exception {
        Path war = Path.of(args[0]);
        Path payara = Path.of(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        int devices = Integer.parseInt(args[3]);
        try (EmbeddedDatabase mariadb = EmbeddedDatabase.start(work.resolve("db"))) {
            DatabaseCoordinates db = mariadb.coordinates();
            try (PortalProcess portal = PortalProcess.start(new PortalProcess.Options(war, payara, work.resolve("home"), db,
                    "127.0.0.1", LoopbackPorts.free(), LoopbackPorts.free(), "256m", line -> { }))) {
                portal.awaitReady(Duration.ofMinutes(5));
                long t = System.nanoTime();
                List<Long> ids = seed(db, devices);
                System.out.printf("seeded %,d devices with %,d raw values and %,d hourly aggregates in %.0f s%n", devices,
                        (long) devices * RAW_PER_DEVICE, (long) devices * HOURS_PER_DEVICE, (System.nanoTime() - t) / 1e9);
                System.out.printf("tables: data_point_value %s, data_point_hour %s%n", size(db, "data_point_value"),
                        size(db, "data_point_hour"));
                ApiClient api = new ApiClient(portal.url() + "api/v1", TOKEN);
                Random random = new Random(14);
                Supplier<String> device = () -> "/devices/" + ids.get(random.nextInt(ids.size())) + "/data-points/temperature";
                ApiTimings.measure("30 days, hourly aggregates (720 points)", 300, () -> api.get(device.get() + "/history?period=month&aggregate=hour"));
                ApiTimings.measure("30 days, raw values (2,880)", 300, () -> api.get(device.get() + "/history?period=month&aggregate=raw"));
                ApiTimings.measure("a year by day (30 days of data)", 300, () -> api.get(device.get() + "/history?period=year"));
                ApiTimings.measure("CSV export, 30 days raw (2,880 lines)", 100, () -> api.get(device.get() + "/history.csv?period=month", "text/csv"));
                System.out.printf("portal RSS after the runs: %d MiB (heap -Xmx256m)%n", ApiTimings.rssMiB(portal.pid()));
            }
        }
    }

    /** The account "bench" with its devices, one data point each, 30 days of values and hours; returns the device ids. */
    private static List<Long> seed(DatabaseCoordinates db, int devices) throws Exception {
        long account = Fixtures.account(db, "bench");
        long admin = Fixtures.user(db, account, "bench-admin", "Bench-Admin-2026", List.of("device:view"));
        Fixtures.apiToken(db, account, admin, TOKEN);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        java.time.LocalDateTime nowUtc = java.time.LocalDateTime.ofInstant(now, java.time.ZoneOffset.UTC);
        String nowSql = nowUtc.toString().replace('T', ' ');
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            c.setAutoCommit(false);
            ApiTimings.devices(c, account, devices, nowUtc);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO data_point (account_id, device_id, name, kind, unit,"
                    + " last_number, last_at, stored_number, stored_at, created_at) SELECT account_id, id, 'temperature',"
                    + " 'NUMBER', '°C', 21, ?, 21, ?, ? FROM device WHERE account_id = ?")) {
                p.setObject(1, nowUtc);
                p.setObject(2, nowUtc);
                p.setObject(3, nowUtc.minusDays(31));
                p.setLong(4, account);
                p.executeUpdate();
            }
            c.commit();
            List<Long> points = ApiTimings.ids(c, "SELECT id FROM data_point WHERE account_id = " + account + " ORDER BY id");
            Statement s = c.createStatement();
            for (int i = 0; i < points.size(); i += POINTS_PER_STATEMENT) {
                long from = points.get(i);
                long to = points.get(Math.min(points.size(), i + POINTS_PER_STATEMENT) - 1);
                // every 15 minutes a value that wanders with the point and the time, as a machine's temperature does
                s.executeUpdate("INSERT INTO data_point_value (data_point_id, at, number_value) SELECT p.id,"
                        + " DATE_SUB('" + nowSql + "', INTERVAL 15 * (" + (RAW_PER_DEVICE - 1) + " - q.seq) MINUTE),"
                        + " 20 + MOD(p.id * 7 + q.seq, 13) / 2 FROM data_point p STRAIGHT_JOIN seq_0_to_" + (RAW_PER_DEVICE - 1)
                        + " q WHERE p.id BETWEEN " + from + " AND " + to);
                s.executeUpdate("INSERT INTO data_point_hour (data_point_id, hour, min_value, max_value, sum_value, value_count)"
                        + " SELECT p.id, DATE_SUB(DATE_FORMAT('" + nowSql + "', '%Y-%m-%d %H:00:00'), INTERVAL "
                        + (HOURS_PER_DEVICE - 1) + " - q.seq HOUR), 20, 26, 4 * (20 + MOD(p.id + q.seq, 7)), 4"
                        + " FROM data_point p STRAIGHT_JOIN seq_0_to_" + (HOURS_PER_DEVICE - 1)
                        + " q WHERE p.id BETWEEN " + from + " AND " + to);
                c.commit();
                if ((i / POINTS_PER_STATEMENT) % 8 == 7) {
                    System.out.printf("  %,d of %,d devices seeded%n", i + POINTS_PER_STATEMENT, points.size());
                }
            }
            // the aggregates job has seen every point: it leaves the seeded hours as they are
            s.executeUpdate("INSERT INTO data_point_rollup (data_point_id, through) SELECT id, stored_at FROM data_point");
            c.commit();
            return ApiTimings.ids(c, "SELECT id FROM device WHERE account_id = " + account + " ORDER BY id");
        }
    }

    private static String size(DatabaseCoordinates db, String table) throws Exception {
        Fixtures.string(db, "ANALYZE TABLE " + table);
        return Fixtures.string(db, "SELECT CONCAT(FORMAT(table_rows, 0), ' rows (estimate), ', ROUND((data_length + index_length) / 1048576),"
                + " ' MiB') FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?", table);
    }
}
