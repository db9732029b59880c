package io.keyswitch.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.EmbeddedDatabase;
import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Issue 14's offline figure: 1,000 devices that reported stop at once; an account-wide "device offline" rule and an
 * alarm group (one member, by mail) are made through the API; the portal runs with its default settings (report
 * interval 60 s, offline after 3 intervals, the alarm run every 30 s). Measured from the devices' last report: when
 * the first and the last of the 1,000 alarms were raised, and when the 1,000th mail reached the SMTP server (GreenMail
 * on loopback). Goal: within interval × 3 + 60 s = 240 s. Arguments: the WAR, Payara Micro, a fresh work folder.
 */
public final class OfflineAlarmBench {

    private static final int DEVICES = 1_000;
    private static final String TOKEN = "ks_" + "O".repeat(16) + "fflineBenchToken";
    private static final Duration GOAL = Duration.ofSeconds(60L * 3 + 60);

    private OfflineAlarmBench() {
    }

    public static void main(String[] args) throws Exception {
        Path war = Path.of(args[0]);
        Path payara = Path.of(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        int smtpPort = LoopbackPorts.free();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (EmbeddedDatabase mariadb = EmbeddedDatabase.start(work.resolve("db"))) {
            DatabaseCoordinates db = mariadb.coordinates();
            try (PortalProcess portal = PortalProcess.start(new PortalProcess.Options(war, payara, work.resolve("home"), db,
                    "127.0.0.1", LoopbackPorts.free(), LoopbackPorts.free(), "256m", line -> { }))) {
                portal.awaitReady(Duration.ofMinutes(5));
                long group = seed(db, smtpPort);
                ApiClient api = new ApiClient(portal.url() + "api/v1", TOKEN);
                check(api.post("/alarm-groups", "{\"name\":\"Service\",\"userGroupId\":" + group
                        + ",\"byMail\":true,\"reason\":\"benchmark\"}"));
                check(api.post("/alarm-rules", "{\"builtin\":\"offline\",\"reason\":\"benchmark\"}"));
                Instant stopped = lastReports(db);
                System.out.printf(Locale.ROOT, "%,d devices last reported at %s; waiting for their alarms and mails%n", DEVICES, stopped);
                Instant deadline = stopped.plus(Duration.ofMinutes(10));
                Instant allMails = null;
                while (Instant.now().isBefore(deadline)) {
                    if (smtp.getReceivedMessages().length >= DEVICES) {
                        allMails = Instant.now();
                        break;
                    }
                    Thread.sleep(250);
                }
                Instant firstRaised = instant(Fixtures.string(db, "SELECT MIN(raised_at) FROM alarm"));
                Instant lastRaised = instant(Fixtures.string(db, "SELECT MAX(raised_at) FROM alarm"));
                System.out.printf(Locale.ROOT, "| step | seconds after the devices stopped |%n| --- | ---: |%n");
                System.out.printf(Locale.ROOT, "| first of %,d alarms raised | %.1f |%n", Fixtures.count(db,
                        "SELECT COUNT(*) FROM alarm"), seconds(stopped, firstRaised));
                System.out.printf(Locale.ROOT, "| last alarm raised | %.1f |%n", seconds(stopped, lastRaised));
                System.out.printf(Locale.ROOT, "| %,d mails received by the SMTP server | %s |%n", smtp.getReceivedMessages().length,
                        allMails == null ? "not within 10 min" : String.format(Locale.ROOT, "%.1f", seconds(stopped, allMails)));
                System.out.printf(Locale.ROOT, "goal: within %d s; messages still pending: %d%n", GOAL.toSeconds(),
                        Fixtures.count(db, "SELECT COUNT(*) FROM alarm_message WHERE state = 'PENDING'"));
            }
        } finally {
            smtp.stop();
        }
    }

    /** The account, its administrator (token, e-mail), 1,000 devices that reported just now, the SMTP account; the group id. */
    private static long seed(DatabaseCoordinates db, int smtpPort) throws Exception {
        long account = Fixtures.account(db, "bench-alarms");
        long admin = Fixtures.user(db, account, "bench-admin", "Bench-Admin-2026",
                List.of("device:view", "device:edit", "alarm:manage", "alarm:view"));
        Fixtures.apiToken(db, account, admin, TOKEN);
        Fixtures.update(db, "UPDATE app_user SET email = 'service@bench.test' WHERE id = ?", admin);
        for (String[] s : new String[][] {{"mail.smtp.host", "127.0.0.1"}, {"mail.smtp.port", Integer.toString(smtpPort)},
                {"mail.smtp.security", "NONE"}, {"mail.smtp.user", ""}, {"mail.from", "alarms@bench.test"}}) {
            Fixtures.update(db, "INSERT INTO setting (scope_id, setting_key, setting_value, updated_at) VALUES (0, ?, ?,"
                    + " UTC_TIMESTAMP(3))", s[0], s[1]);
        }
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            c.setAutoCommit(false);
            try (PreparedStatement d = c.prepareStatement("INSERT INTO device (account_id, name, name_key, lan_subnet,"
                    + " virtual_subnet, status, created_at) VALUES (?, ?, ?, '192.168.0.0/24', ?, 'ACTIVE', ?)")) {
                long base = (100L << 24) | (64L << 16);
                for (int i = 0; i < DEVICES; i++) {
                    long net = base + ((long) i << 8);
                    d.setLong(1, account);
                    d.setString(2, String.format("Device %04d", i));
                    d.setString(3, io.keyswitch.platform.NameKey.of(String.format("Device %04d", i)));
                    d.setString(4, ((net >> 24) & 255) + "." + ((net >> 16) & 255) + "." + ((net >> 8) & 255) + ".0/24");
                    d.setTimestamp(5, now);
                    d.addBatch();
                }
                d.executeBatch();
            }
            c.createStatement().executeUpdate("INSERT INTO device_report (device_id, account_id, last_report_at, reports)"
                    + " SELECT id, account_id, UTC_TIMESTAMP(3), 1 FROM device WHERE account_id = " + account);
            c.commit();
        }
        return Long.parseLong(Fixtures.string(db, "SELECT group_id FROM group_membership WHERE user_id = ?", admin));
    }

    private static Instant lastReports(DatabaseCoordinates db) throws Exception {
        return instant(Fixtures.string(db, "SELECT MAX(last_report_at) FROM device_report"));
    }

    private static Instant instant(String utc) {
        return utc == null ? null : LocalDateTime.parse(utc.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private static double seconds(Instant from, Instant to) {
        return to == null ? Double.NaN : Duration.between(from, to).toMillis() / 1000.0;
    }

    private static void check(Answer a) {
        if (a.status() != 201) {
            throw new IllegalStateException(a.status() + " " + a.body());
        }
    }
}
