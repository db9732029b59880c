package io.keyswitch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.MovableClock;
import io.keyswitch.testing.TestDirs;
import jakarta.json.JsonObject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scheduled reports through the running portal's API: bad input refused whole (400 naming the field, 403 for a kind the
 * caller may not run, nothing stored or audited), the account's time zone, a daily work-reports schedule mailed at its
 * time (moved clock) with a PDF and a CSV attached and read back, a mail server that is down (the run pending, retried,
 * then sent), an owner disabled before the run (failed with the reason, nothing mailed), the history of runs, tenancy,
 * and the audit entries with their reasons. The portal runs with {@code keyswitch.report-schedules.interval=PT1S}
 * (ArquillianPortal); mail goes to GreenMail on a loopback port.
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Scheduled reports: bad input, time zone, mailed at its time with PDF and CSV, retried, failed for its owner, history, tenancy, audit")
class ReportSchedulesIT {

    private static final String PASSWORD = "Schedules-IT-Password-2026";
    private static final String ADMIN = "ks_" + "Q".repeat(16) + "schedAlphaAdmin1";
    private static final String TECH = "ks_" + "R".repeat(16) + "schedAlphaTech01";
    private static final String VIEWER = "ks_" + "S".repeat(16) + "schedAlphaView01";
    private static final String BETA = "ks_" + "T".repeat(16) + "schedBetaAdmin01";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static DatabaseCoordinates db;
    private static long alpha;
    private static long techId;
    private static long betaDevice;
    private static int smtpPort;
    private static GreenMail smtp;
    private static long adminSchedule;
    private static long techSchedule;
    private static final Map<String, String> savedSettings = new LinkedHashMap<>();

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war").importFrom(TestDirs.war().toFile()).as(WebArchive.class)
                .addClass(MovableClock.class).addClass(MovableClock.class.getName() + "$Offset");
    }

    @BeforeAll
    static void arrange() throws Exception {
        db = ArquillianPortal.database();
        alpha = Fixtures.account(db, "alpha-schedules");
        long beta = Fixtures.account(db, "beta-schedules");
        long adminId = Fixtures.user(db, alpha, "admin", PASSWORD, List.of("report:view", "settings:manage", "audit:view"));
        Fixtures.apiToken(db, alpha, adminId, ADMIN);
        techId = Fixtures.user(db, alpha, "tech", PASSWORD, List.of("device:connect"));
        Fixtures.apiToken(db, alpha, techId, TECH);
        Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "viewer", PASSWORD, List.of("device:view")), VIEWER);
        long betaAdmin = Fixtures.user(db, beta, "admin", PASSWORD, List.of("report:view", "settings:manage"));
        Fixtures.apiToken(db, beta, betaAdmin, BETA);

        long press = Fixtures.device(db, alpha, "Press 12", "192.168.0.0/24", Fixtures.firstVirtualSubnet(db, alpha));
        betaDevice = Fixtures.device(db, beta, "Beta Lathe", "192.168.0.0/24", Fixtures.firstVirtualSubnet(db, beta));
        // The day before the first run (in Berlin), an older one, and one of the other account
        LocalDate runDay = LocalDateTime.now(BERLIN).plusMinutes(5).toLocalDate();
        workReport(alpha, techId, "alpha/tech", press, "Press 12", runDay.minusDays(1), "SO-4711", "Replaced the drive");
        workReport(alpha, techId, "alpha/tech", press, "Press 12", runDay.minusDays(2), "SO-OLD", "Older work");
        workReport(beta, betaAdmin, "beta/admin", betaDevice, "Beta Lathe", runDay.minusDays(1), "SO-BETA", "Not alpha's");

        smtpPort = LoopbackPorts.free();
        for (String key : List.of("mail.smtp.host", "mail.smtp.port", "mail.smtp.security", "mail.smtp.user", "mail.from")) {
            savedSettings.put(key, Fixtures.string(db, "SELECT MAX(setting_value) FROM setting WHERE scope_id = 0 AND"
                    + " setting_key = ?", key));
        }
        setting("mail.smtp.host", "127.0.0.1");
        setting("mail.smtp.port", Integer.toString(smtpPort));
        setting("mail.smtp.security", "NONE");
        setting("mail.smtp.user", "");
        setting("mail.from", "portal@plant.test");
        Fixtures.update(db, "DELETE FROM setting WHERE scope_id = 0 AND setting_key = 'mail.smtp.password'");
        smtp = startSmtp();
    }

    @AfterAll
    static void restore() throws Exception {
        if (smtp != null) {
            smtp.stop();
        }
        Files.deleteIfExists(ArquillianPortal.home().resolve("test-clock-offset"));
        for (Map.Entry<String, String> e : savedSettings.entrySet()) {
            if (e.getValue() == null) {
                Fixtures.update(db, "DELETE FROM setting WHERE scope_id = 0 AND setting_key = ?", e.getKey());
            } else {
                setting(e.getKey(), e.getValue());
            }
        }
    }

    @Test
    @Order(1)
    @DisplayName("bad addresses, an unknown kind, bad times and filters are 400 naming the field; a kind the caller may not run is 403; nothing stored or audited")
    void badInput() throws Exception {
        // Arrange
        long audited = count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action LIKE 'report-schedule.%'", alpha);

        // Act + Assert
        assertProblem(api(ADMIN).post("/report-schedules", schedule("work-reports", "DAILY", null, null, "06:00",
                "\"someone@\", \"ok@builder.test\"", "")), 400, "recipients", "not an e-mail address");
        assertProblem(api(ADMIN).post("/report-schedules", schedule("work-reports", "DAILY", null, null, "06:00", "", "")), 400,
                "recipients", "at least one");
        assertProblem(api(ADMIN).post("/report-schedules", schedule("no-such-report", "DAILY", null, null, "06:00",
                "\"a@builder.test\"", "")), 400, "kind", "no report 'no-such-report'");
        Answer many = api(ADMIN).post("/report-schedules", schedule("work-reports", "MONTHLY", null, 31, "25:00",
                "\"a@builder.test\"", ""));
        assertProblem(many, 400, "monthDay", "1 to 28");
        assertThat(many.json().getJsonObject("errors").keySet()).contains("at");
        assertProblem(api(ADMIN).post("/report-schedules", schedule("work-reports", "WEEKLY", null, null, "06:00",
                "\"a@builder.test\"", "")), 400, "weekday", "MONDAY to SUNDAY");
        assertProblem(api(ADMIN).post("/report-schedules", schedule("work-reports", "DAILY", null, null, "06:00",
                "\"a@builder.test\"", "\"from\": \"2026-11-01\"")), 400, "filter.from", "period");
        assertProblem(api(ADMIN).post("/report-schedules", schedule("work-reports", "DAILY", null, null, "06:00",
                "\"a@builder.test\"", "\"device\": \"" + betaDevice + "\"")), 400, "filter.device", "no device " + betaDevice);
        assertProblem(api(VIEWER).post("/report-schedules", schedule("work-reports", "DAILY", null, null, "06:00",
                "\"a@builder.test\"", "")), 403, null, null);
        assertProblem(api(ADMIN).put("/report-schedules/time-zone", "{\"timeZone\":\"Mars/Olympus\",\"reason\":\"our plant\"}"),
                400, "timeZone", "Not a time zone");
        assertProblem(api(TECH).put("/report-schedules/time-zone", "{\"timeZone\":\"Europe/Berlin\",\"reason\":\"our plant\"}"),
                403, null, null);
        assertThat(api(ADMIN).post("/report-schedules", "{\"name\":\"x\",\"surprise\":1}").status()).isEqualTo(400);

        // Assert: nothing stored, nothing audited
        assertThat(count("SELECT COUNT(*) FROM report_schedule WHERE account_id = ?", alpha)).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action LIKE 'report-schedule.%'", alpha))
                .isEqualTo(audited);
    }

    @Test
    @Order(2)
    @DisplayName("the account's time zone is set with a reason; a daily schedule's next run is its time in that zone; audited with the reason; another account does not see it")
    void create() throws Exception {
        // Arrange
        String at = LocalTime.now(BERLIN).plusMinutes(5).truncatedTo(ChronoUnit.MINUTES).format(DateTimeFormatter.ofPattern("HH:mm"));

        // Act
        Answer zone = api(ADMIN).put("/report-schedules/time-zone", "{\"timeZone\":\"Europe/Berlin\",\"reason\":\"the plant is in Berlin\"}");
        Answer created = api(ADMIN).post("/report-schedules", schedule("work-reports", "DAILY", null, null, at,
                "\"invoices@builder.test\", \"boss@builder.test\"", "").replace("\"pdf\": true", "\"pdf\": true, \"csv\": true"));

        // Assert
        assertThat(zone.status()).as(zone.body()).isEqualTo(200);
        assertThat(zone.json().getString("timeZone")).isEqualTo("Europe/Berlin");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonObject s = created.json();
        adminSchedule = s.getJsonNumber("id").longValue();
        Instant next = Instant.parse(s.getString("nextRunAt"));
        assertThat(next.atZone(BERLIN).toLocalTime().toString()).isEqualTo(at);
        assertThat(Duration.between(Instant.now(), next)).isBetween(Duration.ofMinutes(3), Duration.ofMinutes(6));
        assertThat(s.getString("when")).isEqualTo("daily at " + at);
        assertThat(s.getJsonArray("recipients")).hasSize(2);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action = 'account.time-zone'"
                + " AND reason = 'the plant is in Berlin' AND details LIKE '%Europe/Berlin%'", alpha)).isOne();
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action = 'report-schedule.create'"
                + " AND reason = 'invoices for the month' AND target = ?", alpha, "report-schedule:" + adminSchedule)).isOne();
        assertProblem(api(BETA).get("/report-schedules/" + adminSchedule), 404, null, null);
        assertThat(api(BETA).get("/report-schedules").json().getInt("total")).isZero();
        assertProblem(api(TECH).get("/report-schedules/" + adminSchedule), 404, null, null);
    }

    @Test
    @Order(3)
    @DisplayName("at its time the schedule mails the previous day's work reports of its account to each address, as PDF and CSV that read back; the run is listed as sent and audited")
    void mailedAtItsTime() throws Exception {
        // Act: the portal's clock passes the schedule's time
        MovableClock.set(ArquillianPortal.home(), Duration.ofMinutes(6));
        MimeMessage mail = awaitMail("invoices@builder.test", "Work reports: Invoicing");

        // Assert: the mail and its attachments
        assertThat(awaitMail("boss@builder.test", "Work reports: Invoicing")).isNotNull();
        assertThat(mail.getSubject()).contains("(Europe/Berlin)");
        Multipart parts = (Multipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(((String) parts.getBodyPart(0).getContent())).contains("Rows: 1", "Attached: work-reports-");
        Part pdf = parts.getBodyPart(1);
        Part csv = parts.getBodyPart(2);
        assertThat(pdf.getFileName()).endsWith(".pdf");
        assertThat(pdf.getContentType()).startsWith("application/pdf");
        assertThat(csv.getFileName()).endsWith(".csv");
        List<CSVRecord> rows;
        try (Reader r = new InputStreamReader(csv.getInputStream(), StandardCharsets.UTF_8)) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("Order number")).isEqualTo("SO-4711");
        assertThat(rows.get(0).get("What was done")).isEqualTo("Replaced the drive");
        String text = pdfText(pdf.getInputStream().readAllBytes());
        assertThat(text).contains("Work reports", "SO-4711", "Replaced the drive", "alpha-schedules/admin");
        assertThat(text).doesNotContain("SO-OLD", "SO-BETA");
        assertThat(text).contains("Minutes per technician").containsPattern("All\\s+1\\s+15\\s+0\\s+90");

        // the run, the next time, the audit
        JsonObject run = awaitRun(ADMIN, adminSchedule, r -> "SENT".equals(r.getString("state")));
        assertThat(run.getString("startedBy")).isEqualTo("SCHEDULE");
        assertThat(run.getJsonNumber("rows").longValue()).isOne();
        assertThat(run.getJsonNumber("bytes").longValue()).isPositive();
        Instant next = Instant.parse(api(ADMIN).get("/report-schedules/" + adminSchedule).json().getString("nextRunAt"));
        assertThat(Duration.between(Instant.now(), next)).isBetween(Duration.ofHours(22), Duration.ofHours(25));
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action = 'report-schedule.mail'"
                + " AND outcome = 'SUCCESS' AND details LIKE '%invoices@builder.test%'", alpha)).isOne();
    }

    @Test
    @Order(4)
    @DisplayName("with the mail server down, 'send now' leaves the run pending with the error and retries it; once the server is back it is sent")
    void retried() throws Exception {
        // Arrange
        smtp.stop();

        // Act
        Answer now = api(ADMIN).post("/report-schedules/" + adminSchedule + "/send-now", "");
        JsonObject pending = awaitRun(ADMIN, adminSchedule, r -> r.getInt("attempts") >= 2);

        // Assert: pending, with the error, then sent once the server is back
        assertThat(now.status()).as(now.body()).isEqualTo(202);
        assertThat(now.json().getString("startedBy")).isEqualTo("NOW");
        assertThat(pending.getString("state")).isEqualTo("PENDING");
        assertThat(pending.getString("lastError")).contains("127.0.0.1");
        smtp = startSmtp();
        JsonObject sent = awaitRun(ADMIN, adminSchedule, r -> "SENT".equals(r.getString("state")));
        assertThat(sent.getJsonNumber("id").longValue()).isEqualTo(now.json().getJsonNumber("id").longValue());
        assertThat(sent.getInt("attempts")).isGreaterThanOrEqualTo(3);
        assertThat(awaitMail("invoices@builder.test", "Work reports: Invoicing")).isNotNull(); // the new server's first
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action = 'report-schedule.send-now'", alpha))
                .isOne();
    }

    @Test
    @Order(5)
    @DisplayName("a technician schedules their own work reports; disabled before its time, the run fails with that reason and nothing is mailed")
    void ownerDisabled() throws Exception {
        // Arrange: due in 5 minutes of the portal's (moved) clock
        String at = LocalTime.now(BERLIN).plusMinutes(11).truncatedTo(ChronoUnit.MINUTES).format(DateTimeFormatter.ofPattern("HH:mm"));
        Answer created = api(TECH).post("/report-schedules", schedule("work-reports", "DAILY", null, null, at,
                "\"tech-own@builder.test\"", "").replace("Invoicing", "My reports"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        techSchedule = created.json().getJsonNumber("id").longValue();
        Fixtures.update(db, "UPDATE app_user SET status = 'DISABLED' WHERE id = ?", techId);

        // Act
        MovableClock.set(ArquillianPortal.home(), Duration.ofMinutes(12));
        JsonObject failed = awaitRun(ADMIN, techSchedule, r -> "FAILED".equals(r.getString("state")));

        // Assert
        assertThat(failed.getString("lastError")).contains("alpha-schedules/tech is disabled");
        assertThat(Arrays.stream(smtp.getReceivedMessages()).anyMatch(m -> recipients(m).contains("tech-own@builder.test"))).isFalse();
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action = 'report-schedule.mail'"
                + " AND outcome = 'FAILURE' AND details LIKE '%disabled%'", alpha)).isOne();
        Fixtures.update(db, "UPDATE app_user SET status = 'ACTIVE' WHERE id = ?", techId);
    }

    @Test
    @Order(6)
    @DisplayName("history newest first; only the owner changes or sends a schedule (403), an account administrator deletes a technician's with a reason (audited); another account gets 404")
    void historyAndTenancy() throws Exception {
        // Act
        JsonObject history = api(ADMIN).get("/report-schedules/" + adminSchedule + "/runs").json();
        Answer othersChange = api(ADMIN).put("/report-schedules/" + techSchedule, schedule("work-reports", "DAILY", null, null,
                "07:00", "\"admin@builder.test\"", ""));
        Answer othersSend = api(ADMIN).post("/report-schedules/" + techSchedule + "/send-now", "");
        Answer noReason = api(ADMIN).delete("/report-schedules/" + techSchedule);
        Answer betaRuns = api(BETA).get("/report-schedules/" + adminSchedule + "/runs");
        Answer betaSend = api(BETA).post("/report-schedules/" + adminSchedule + "/send-now", "");
        Answer betaDelete = api(BETA).delete("/report-schedules/" + adminSchedule + "?reason=not+ours");
        Answer deleted = api(ADMIN).delete("/report-schedules/" + techSchedule + "?reason=tech+left+the+company");

        // Assert
        assertThat(history.getInt("total")).isEqualTo(2);
        assertThat(history.getJsonArray("items").getJsonObject(0).getString("startedBy")).isEqualTo("NOW");
        assertThat(history.getJsonArray("items").getJsonObject(1).getString("startedBy")).isEqualTo("SCHEDULE");
        assertProblem(othersChange, 403, null, null);
        assertProblem(othersSend, 403, null, null);
        assertProblem(noReason, 400, "reason", "why");
        assertProblem(betaRuns, 404, null, null);
        assertProblem(betaSend, 404, null, null);
        assertProblem(betaDelete, 404, null, null);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(count("SELECT COUNT(*) FROM report_schedule WHERE id = ?", techSchedule)).isZero();
        assertThat(count("SELECT COUNT(*) FROM report_schedule_run WHERE schedule_id = ?", techSchedule)).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action = 'report-schedule.delete'"
                + " AND reason = 'tech left the company' AND actor LIKE '%admin%'", alpha)).isOne();
        assertThat(count("SELECT COUNT(*) FROM report_schedule WHERE id = ?", adminSchedule)).isOne();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static String schedule(String kind, String cadence, String weekday, Integer monthDay, String at, String recipients,
                                   String filter) {
        return "{\"name\": \"Invoicing\", \"kind\": \"" + kind + "\", \"filter\": {" + filter + "}, \"period\": \"PREVIOUS_DAY\","
                + " \"cadence\": \"" + cadence + "\", \"weekday\": " + (weekday == null ? "null" : "\"" + weekday + "\"")
                + ", \"monthDay\": " + monthDay + ", \"at\": \"" + at + "\", \"recipients\": [" + recipients + "],"
                + " \"pdf\": true, \"reason\": \"invoices for the month\"}";
    }

    private static void workReport(long account, long userId, String userName, long deviceId, String deviceName, LocalDate closedDay,
                                   String orderNumber, String whatWasDone) throws Exception {
        LocalDateTime closed = closedDay.atTime(12, 0).atZone(BERLIN).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        long connection = Fixtures.insert(db, "INSERT INTO connection (account_id, user_id, user_name, device_id, device_name,"
                + " state, reason, order_number, requested_at, opened_at, closed_at) VALUES (?, ?, ?, ?, ?, 'CLOSED', 'maintenance',"
                + " ?, ?, ?, ?)", account, userId, userName, deviceId, deviceName, orderNumber, closed.minusHours(2),
                closed.minusHours(2), closed);
        Fixtures.insert(db, "INSERT INTO work_report (account_id, connection_id, user_id, user_name, device_id, device_name,"
                + " opened_at, closed_at, state, what_was_done, order_number, setup_minutes, working_minutes, written_at, edit_until,"
                + " versions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'WRITTEN', ?, ?, 15, 90, ?, ?, 1)", account, connection, userId,
                userName, deviceId, deviceName, closed.minusHours(2), closed, whatWasDone, orderNumber, closed, closed.plusHours(1));
    }

    private static String pdfText(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        StringBuilder text = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(new PdfTextExtractor(reader).getTextFromPage(page)).append('\n');
        }
        return text.toString();
    }

    private static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    private static void setting(String key, String value) throws Exception {
        Fixtures.update(db, "INSERT INTO setting (scope_id, setting_key, setting_value, updated_at) VALUES (0, ?, ?,"
                + " UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE setting_value = VALUES(setting_value)", key, value);
    }

    private static ApiClient api(String token) {
        return new ApiClient(ArquillianPortal.httpsUrl() + "api/v1", token);
    }

    private static long count(String sql, Object... params) throws Exception {
        return Fixtures.count(db, sql, params);
    }

    private static String recipients(MimeMessage m) {
        try {
            return Arrays.toString(m.getAllRecipients());
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    private static MimeMessage awaitMail(String to, String subject) throws Exception {
        return await("a mail to " + to + " about '" + subject + "'", () -> Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getSubject().contains(subject) && recipients(m).contains(to);
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).findFirst().orElse(null), m -> m != null);
    }

    /** The schedule's newest run, once it satisfies {@code done}. */
    private static JsonObject awaitRun(String token, long schedule, Predicate<JsonObject> done) throws Exception {
        return await("the newest run of schedule " + schedule, () -> {
            JsonObject page = api(token).get("/report-schedules/" + schedule + "/runs").json();
            return page.getJsonArray("items").isEmpty() ? null : page.getJsonArray("items").getJsonObject(0);
        }, r -> r != null && done.test(r));
    }

    private static <T> T await(String what, Callable<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T value = probe.call();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            value = probe.call();
        }
        assertThat(done.test(value)).as(what + " (last seen: " + value + ")").isTrue();
        return value;
    }

    private static void assertProblem(Answer a, int status, String field, String text) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.body()).doesNotContain("Exception", "at org.", "at io.");
        if (field != null) {
            assertThat(a.json().getJsonObject("errors").getString(field, "")).as(a.body()).contains(text);
        }
    }
}
