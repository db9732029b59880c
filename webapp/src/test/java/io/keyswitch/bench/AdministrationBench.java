package io.keyswitch.bench;

import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.EmbeddedDatabase;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.user.internal.BcryptPasswordHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Issue 3's scale benchmark: one account with 20,000 devices, 100,000 components, 2,000 users and
 * 200 groups, then the device list's first page, a name-prefix search and "what can this user
 * reach" through the API, timed on loopback (round trip, so an upper bound of the server time),
 * with the portal in a 256 MiB heap. Arguments: the WAR, Payara Micro, a fresh work folder.
 */
public final class AdministrationBench {

    private static final int DEVICES = 20_000;
    private static final int COMPONENTS_PER_DEVICE = 5;
    private static final int USERS = 2_000;
    private static final int GROUPS = 200;
    private static final String TOKEN = "ks_" + "B".repeat(16) + "enchmarkAdminTok";

    private AdministrationBench() {
    }

    public static void main(String[] args) throws Exception {
        Path war = Path.of(args[0]);
        Path payara = Path.of(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        try (EmbeddedDatabase mariadb = EmbeddedDatabase.start(work.resolve("db"))) {
            DatabaseCoordinates db = mariadb.coordinates();
            int https = LoopbackPorts.free();
            try (PortalProcess portal = PortalProcess.start(new PortalProcess.Options(war, payara, work.resolve("home"), db,
                    "127.0.0.1", LoopbackPorts.free(), https, "256m", line -> { }))) {
                portal.awaitReady(Duration.ofMinutes(5));
                long seeded = System.nanoTime();
                long techId = seed(db);
                System.out.printf("seeded %,d devices, %,d components, %,d users, %,d groups in %.1f s%n", DEVICES,
                        DEVICES * COMPONENTS_PER_DEVICE, USERS, GROUPS, (System.nanoTime() - seeded) / 1e9);
                ApiClient api = new ApiClient(portal.url() + "api/v1", TOKEN);
                ApiTimings.measure("device list, first page (25)", 300, () -> api.get("/devices?page=0&size=25"));
                int[] n = {0};
                ApiTimings.measure("device search, name prefix (25)", 300,
                        () -> api.get("/devices?size=25&filter=Device%20" + String.format("%03d", (n[0]++ * 7) % 200)));
                ApiTimings.measure("what can this user reach (first 50 of " + api.get("/users/" + techId + "/reach?size=1").json().getInt("total")
                        + ")", 100, () -> api.get("/users/" + techId + "/reach?size=50"));
                System.out.printf("portal RSS after the runs: %d MiB (heap -Xmx256m)%n", ApiTimings.rssMiB(portal.pid()));
                importCsv(db, portal.url() + "api/v1");
                System.out.printf("portal RSS after the import: %d MiB (heap -Xmx256m)%n", ApiTimings.rssMiB(portal.pid()));
            }
        }
    }

    /**
     * CSV import of 20,000 devices with 5 components each (100,000 lines, the import page's format)
     * into a second, new account with the default pool (one /16: 256 device /24s): the check (dry run), then the import,
     * all or nothing, timed; the pool grows by itself (78 more blocks, from 100.64.0.0/10 and then 10.0.0.0/9).
     */
    private static void importCsv(DatabaseCoordinates db, String apiUrl) throws Exception {
        long account = Fixtures.account(db, "bench-import");
        long admin = Fixtures.user(db, account, "importer", "Bench-Import-2026",
                List.of("device:view", "device:edit", "component:edit"));
        String token = "ks_" + "I".repeat(16) + "mportBenchTokenX";
        Fixtures.apiToken(db, account, admin, token);
        StringBuilder csv = new StringBuilder(8 << 20).append("device,serial_number,lan_subnet,component,component_ip,services,web2go\n");
        for (int i = 0; i < DEVICES; i++) {
            for (int c = 1; c <= COMPONENTS_PER_DEVICE; c++) {
                csv.append("Imported ").append(i).append(',').append(c == 1 ? "IMP" + i : "").append(",192.168.0.0/24,C")
                        .append(c).append(",192.168.0.").append(10 + c).append(",\"tcp/102, tcp/502\",no\n");
            }
        }
        ApiClient api = new ApiClient(apiUrl, token);
        long t = System.nanoTime();
        ApiClient.Answer check = api.postCsv("/devices/import?dryRun=true", csv.toString());
        double checkS = (System.nanoTime() - t) / 1e9;
        t = System.nanoTime();
        ApiClient.Answer stored = api.postCsv("/devices/import?reason=benchmark", csv.toString());
        double importS = (System.nanoTime() - t) / 1e9;
        if (check.status() != 200 || stored.status() != 201) {
            throw new IllegalStateException("import failed: " + check.status() + " / " + stored.status() + ": " + stored.body());
        }
        System.out.printf("CSV import (%,d KiB, %,d devices, %,d components): check %.1f s, import %.1f s; stored %,d devices, %,d audit events%n",
                csv.length() / 1024, stored.json().getInt("devices"), stored.json().getJsonNumber("components").longValue(),
                checkS, importS, Fixtures.count(db, "SELECT COUNT(*) FROM device WHERE account_id = ?", account),
                Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE account_id = ? AND action = 'device.import'", account));
        System.out.printf("the account's pool grew from 1 to %,d blocks (%,d audited as account.pool-grown, 'pool full'); %,d"
                        + " distinct virtual subnets; blocks in 10.0.0.0/9: %,d%n",
                Fixtures.count(db, "SELECT COUNT(*) FROM account_pool_block WHERE account_id = ?", account),
                Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE account_id = ? AND action = 'account.pool-grown'"
                        + " AND reason = 'pool full'", account),
                Fixtures.count(db, "SELECT COUNT(DISTINCT virtual_subnet) FROM device WHERE account_id = ?", account),
                Fixtures.count(db, "SELECT COUNT(*) FROM account_pool_block WHERE account_id = ? AND block LIKE '10.%'", account));
    }

    /** Seeds the account "bench"; returns the id of a technician in two groups, each granted 100 devices. */
    private static long seed(DatabaseCoordinates db) throws Exception {
        long account = Fixtures.account(db, "bench");
        long admin = Fixtures.user(db, account, "bench-admin", "Bench-Admin-2026",
                List.of("device:view", "device:edit", "user:manage"));
        Fixtures.apiToken(db, account, admin, TOKEN);
        Timestamp now = Timestamp.from(Instant.now());
        String hash = new BcryptPasswordHasher().hash("Bench-User-2026".toCharArray());
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            c.setAutoCommit(false);
            try (PreparedStatement g = c.prepareStatement("INSERT INTO user_group (account_id, name, name_key, created_at) VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= GROUPS; i++) {
                    g.setLong(1, account);
                    g.setString(2, String.format("Group %03d", i));
                    g.setString(3, io.keyswitch.platform.NameKey.of(String.format("Group %03d", i)));
                    g.setTimestamp(4, now);
                    g.addBatch();
                }
                g.executeBatch();
            }
            try (PreparedStatement u = c.prepareStatement("INSERT INTO app_user (account_id, username, password_hash, full_name, "
                    + "status, created_at) VALUES (?, ?, ?, ?, 'ACTIVE', ?)")) {
                for (int i = 1; i <= USERS; i++) {
                    u.setLong(1, account);
                    u.setString(2, String.format("tech-%04d", i));
                    u.setString(3, hash);
                    u.setString(4, "Technician " + i);
                    u.setTimestamp(5, now);
                    u.addBatch();
                }
                u.executeBatch();
            }
            ApiTimings.devices(c, account, DEVICES, now.toLocalDateTime());
            // name_key: for these plain ASCII names SHA2(LOWER(name)) is exactly NameKey.of(name)
            c.createStatement().executeUpdate("INSERT INTO component (device_id, account_id, name, name_key, ip, services, created_at) "
                    + "SELECT d.id, d.account_id, CONCAT('C', n.n), SHA2(LOWER(CONCAT('C', n.n)), 256), CONCAT('192.168.0.', 10 + n.n), "
                    + "'tcp/102, tcp/502', NOW(3) "
                    + "FROM device d JOIN (SELECT 1 n UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5) n "
                    + "WHERE d.account_id = " + account);
            List<Long> groups = ApiTimings.ids(c, "SELECT id FROM user_group WHERE account_id = " + account + " AND name LIKE 'Group %' ORDER BY name");
            List<Long> users = ApiTimings.ids(c, "SELECT id FROM app_user WHERE account_id = " + account + " AND username LIKE 'tech-%' ORDER BY username");
            List<Long> devices = ApiTimings.ids(c, "SELECT id FROM device WHERE account_id = " + account + " ORDER BY name");
            try (PreparedStatement m = c.prepareStatement("INSERT INTO group_membership (group_id, user_id) VALUES (?, ?)")) {
                for (int i = 0; i < users.size(); i++) {
                    for (int k : new int[] {i % GROUPS, (i + 1) % GROUPS}) {
                        m.setLong(1, groups.get(k));
                        m.setLong(2, users.get(i));
                        m.addBatch();
                    }
                }
                m.executeBatch();
            }
            try (PreparedStatement g = c.prepareStatement("INSERT INTO access_grant (account_id, group_id, device_id, created_at) "
                    + "VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < devices.size(); i++) {
                    g.setLong(1, account);
                    g.setLong(2, groups.get(i % GROUPS));
                    g.setLong(3, devices.get(i));
                    g.setTimestamp(4, now);
                    g.addBatch();
                }
                g.executeBatch();
            }
            c.commit();
        }
        return Long.parseLong(Fixtures.string(db, "SELECT id FROM app_user WHERE account_id = ? AND username = 'tech-0001'", account));
    }
}
