package io.keyswitch.datapoint.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.MovableClock;
import io.keyswitch.testing.TestDirs;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 * The devices report through the running portal: two accounts with devices in projects; a device that reports over
 * {@code POST /api/v1/device-reports} (the real path), falls silent (the clock moved, {@link MovableClock}) and reports
 * again; presence changes, connections with bytes and alarms of a past period arranged in SQL (their own paths are
 * tested in DeviceReportsIT, ConnectionsIT and AlarmsIT). The kind and {@code ReportWriter} are reached through
 * {@link DevicesReportProbe}, a test-only resource in this deployment, until the generic report API is merged.
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The devices report: online history, data volume and alarms per device, keyed pages, tenancy, CSV and PDF")
class DevicesReportIT {

    private static final String PASSWORD = "Devices-Report-IT-2026";
    private static final String ADMIN = "ks_" + "D".repeat(16) + "devReportAdminA1";
    private static final String TECH = "ks_" + "E".repeat(16) + "devReportTechA01";
    private static final String BETA_ADMIN = "ks_" + "F".repeat(16) + "devReportAdminB1";
    private static final String NOBODY = "ks_" + "G".repeat(16) + "devReportNobody1";
    private static final String ROOT = "ks_" + "H".repeat(16) + "devReportSysAdm1";
    /** The past period the SQL-arranged history lies in: 1 November 2026, UTC. */
    private static final String DAY = "from=2026-11-01&to=2026-11-01";

    private static DatabaseCoordinates db;
    private static long alpha;
    private static long beta;
    private static long lineA;
    private static long press;
    private static long robot;
    private static long oven;
    private static long spare;
    private static long betaPress;
    private static String pressAuthorization;

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war").importFrom(TestDirs.war().toFile()).as(WebArchive.class)
                .addClass(MovableClock.class).addClass(MovableClock.class.getName() + "$Offset")
                .addClass(DevicesReportProbe.class);
    }

    @BeforeAll
    static void arrange() throws Exception {
        db = ArquillianPortal.database();
        alpha = Fixtures.account(db, "alpha-devrep");
        beta = Fixtures.account(db, "beta-devrep");
        List<String> admin = List.of("device:view", "device:edit", "component:edit");
        Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "admin", PASSWORD, admin), ADMIN);
        Fixtures.apiToken(db, beta, Fixtures.user(db, beta, "admin", PASSWORD, admin), BETA_ADMIN);
        long tech = Fixtures.user(db, alpha, "tech", PASSWORD, List.of("device:connect"));
        Fixtures.apiToken(db, alpha, tech, TECH);
        Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "auditor", PASSWORD, List.of("audit:view")), NOBODY);
        long operator = Fixtures.account(db, "operator-devrep");
        long root = Fixtures.user(db, operator, "root", PASSWORD, List.of());
        Fixtures.makeSystemAdmin(db, root);
        Fixtures.apiToken(db, operator, root, ROOT);
        lineA = Fixtures.project(db, alpha, "Line A");
        long lineB = Fixtures.project(db, alpha, "Line B");
        String pool = Fixtures.firstVirtualSubnet(db, alpha);
        press = Fixtures.device(db, alpha, "Press 1", "192.168.0.0/24", pool);
        robot = Fixtures.device(db, alpha, "Robot 2", "192.168.0.0/24", pool.replace(".0.0/24", ".1.0/24"));
        oven = Fixtures.device(db, alpha, "Oven 3", "192.168.0.0/24", pool.replace(".0.0/24", ".2.0/24"));
        spare = Fixtures.device(db, alpha, "Spare 4", "192.168.0.0/24", pool.replace(".0.0/24", ".3.0/24"));
        betaPress = Fixtures.device(db, beta, "Beta press", "192.168.0.0/24", Fixtures.firstVirtualSubnet(db, beta));
        Fixtures.update(db, "UPDATE device SET project_id = ? WHERE id IN (?, ?)", lineA, press, robot);
        Fixtures.update(db, "UPDATE device SET project_id = ? WHERE id = ?", lineB, oven);
        Fixtures.component(db, alpha, robot, "PLC", "192.168.0.10", "tcp/102"); // a grant reaches a device's components
        Fixtures.update(db, "INSERT INTO access_grant (account_id, user_id, device_id, created_at) VALUES (?, ?, ?,"
                + " UTC_TIMESTAMP(3))", alpha, tech, robot);

        // 1 Nov: Robot's tunnel up since 31 Oct 22:00, down at 06:00 with 1,000 + 2,000 bytes
        change(robot, "2026-10-31T22:00:00", "TUNNEL", true, null, null);
        change(robot, "2026-11-01T06:00:00", "TUNNEL", false, 1000L, 2000L);
        // Oven reports from 18:00 on (offline by its reports since October), still online at the day's end
        change(oven, "2026-10-20T09:00:00", "REPORT", false, null, null);
        change(oven, "2026-11-01T18:00:00", "REPORT", true, null, null);
        // Robot: two connections asked for on 1 Nov (1,000,000 and 48,576 bytes), one on 2 Nov (not in the day)
        connection(robot, "2026-11-01T08:00:00", 600_000, 400_000);
        connection(robot, "2026-11-01T15:00:00", 48_576, 0);
        connection(robot, "2026-11-02T08:00:00", 5, 5);
        // Oven: two alarms raised on 1 Nov (one acknowledged and cleared, one still active), one in October
        alarm(oven, "2026-11-01T10:00:00", "2026-11-01T10:05:00", "2026-11-01T10:06:00");
        alarm(oven, "2026-11-01T19:00:00", null, null);
        alarm(oven, "2026-10-15T19:00:00", null, null);
        alarm(betaPress, "2026-11-01T11:00:00", null, null);

        Answer made = api(ADMIN).post("/devices/" + press + "/vpn-profile", "{\"reason\":\"router commissioning\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        pressAuthorization = "Basic " + Base64.getEncoder().encodeToString((made.json().getString("identity") + ":"
                + made.json().getString("secret")).getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void realTimeAgain() throws Exception {
        Files.deleteIfExists(ArquillianPortal.home().resolve("test-clock-offset"));
    }

    private static void change(long device, String at, String channel, boolean online, Long in, Long out) throws Exception {
        Fixtures.update(db, "INSERT INTO device_presence_change (device_id, at, channel, online, account_id, bytes_in,"
                + " bytes_out) SELECT id, ?, ?, ?, account_id, ?, ? FROM device WHERE id = ?", LocalDateTime.parse(at),
                channel, online, in, out, device);
    }

    private static void connection(long device, String requested, long toDevice, long fromDevice) throws Exception {
        Fixtures.update(db, "INSERT INTO connection (account_id, user_name, device_id, device_name, state, requested_at,"
                + " opened_at, closed_at, bytes_to_device, bytes_from_device) SELECT account_id, 'alpha-devrep/tech', id, name,"
                + " 'CLOSED', ?, ?, ?, ?, ? FROM device WHERE id = ?", LocalDateTime.parse(requested),
                LocalDateTime.parse(requested), LocalDateTime.parse(requested).plusMinutes(30), toDevice, fromDevice, device);
    }

    private static void alarm(long device, String raised, String acknowledged, String cleared) throws Exception {
        Fixtures.update(db, "INSERT INTO alarm (account_id, device_id, rule_name, severity, text, raised_at, acknowledged_at,"
                + " acknowledged_by, cleared_at) SELECT account_id, id, 'IN2 on', 'WARNING', 'door open', ?, ?, ?, ? FROM device"
                + " WHERE id = ?", LocalDateTime.parse(raised), acknowledged == null ? null : LocalDateTime.parse(acknowledged),
                acknowledged == null ? null : "alpha-devrep/admin", cleared == null ? null : LocalDateTime.parse(cleared), device);
    }

    private static ApiClient api(String token) {
        return new ApiClient(ArquillianPortal.httpsUrl() + "api/v1", token);
    }

    private static Answer report(String query, String token) {
        return api(token).get("/test-reports/devices" + query);
    }

    /** Every row of the report for {@code query}, read {@code limit} at a time by key; the device names in order. */
    private static List<String> allNames(String token, String query, int limit) {
        List<String> names = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Answer a = report("?" + query + "&limit=" + limit + (after == null ? "" : "&after=" + after), token);
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            JsonArray rows = a.json().getJsonArray("rows");
            assertThat(rows.size()).isLessThanOrEqualTo(limit);
            rows.forEach(r -> names.add(((JsonObject) r).getJsonArray("cells").getString(0)));
            after = a.json().isNull("next") ? null : a.json().getString("next");
            assertThat(++pages).as("pages end").isLessThan(100);
        } while (after != null);
        return names;
    }

    /** The row of the named device in the report for {@code query}, as heading → cell. */
    private static Map<String, String> row(String token, String query, String device) {
        Answer a = report("?" + query + "&limit=50", token);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        List<String> columns = a.json().getJsonArray("columns").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                .toList();
        for (JsonObject r : a.json().getJsonArray("rows").getValuesAs(JsonObject.class)) {
            List<String> cells = r.getJsonArray("cells").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
            if (cells.get(0).equals(device)) {
                Map<String, String> out = new java.util.LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    out.put(columns.get(i), cells.get(i));
                }
                return out;
            }
        }
        throw new AssertionError(device + " not in " + a.body());
    }

    private static void assertProblem(Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.body()).doesNotContain("Exception", "at io.");
    }

    @Test
    @Order(1)
    @DisplayName("a device's report makes it online, its silence offline — dated when it fell silent — and its next report"
            + " online again: three changes recorded, none for the reports in between")
    void presenceFromTheRealPath() throws Exception {
        // Act 1: two reports a few seconds apart
        String body = "{\"system\": {\"in1\": true}}";
        Answer first = ApiClient.withAuthorization(ArquillianPortal.httpsUrl() + "api/v1", pressAuthorization)
                .post("/device-reports", body);
        Answer second = ApiClient.withAuthorization(ArquillianPortal.httpsUrl() + "api/v1", pressAuthorization)
                .post("/device-reports", body);

        // Assert 1: one change, online
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(changes(press)).containsExactly("REPORT on");
        Instant online = Instant.parse(Fixtures.string(db, "SELECT DATE_FORMAT(MIN(at), '%Y-%m-%dT%H:%i:%s.%fZ')"
                + " FROM device_presence_change WHERE device_id = ?", press));

        // Act 2: the portal's clock moves 4 minutes on (interval 60 s × 3 passes without a report); the sweep runs
        MovableClock.set(ArquillianPortal.home(), Duration.ofMinutes(4));
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (changes(press).size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }

        // Assert 2: offline, dated at the last report + 180 s (not when the sweep noticed)
        assertThat(changes(press)).containsExactly("REPORT on", "REPORT off");
        Instant lastReport = Instant.parse(Fixtures.string(db, "SELECT DATE_FORMAT(last_report_at,"
                + " '%Y-%m-%dT%H:%i:%s.%fZ') FROM device_report WHERE device_id = ?", press));
        Instant offline = Instant.parse(Fixtures.string(db, "SELECT DATE_FORMAT(MAX(at), '%Y-%m-%dT%H:%i:%s.%fZ')"
                + " FROM device_presence_change WHERE device_id = ?", press));
        assertThat(Duration.between(lastReport, offline)).isBetween(Duration.ofSeconds(180), Duration.ofSeconds(181));
        String today = "from=" + online.minus(Duration.ofHours(1)).toString();
        Map<String, String> silent = row(ADMIN, today, "Press 1");
        assertThat(silent.get("Now")).isEqualTo("offline");
        assertThat(silent.get("On/off changes")).isEqualTo("2");
        assertThat(silent.get("Time online")).as("from the first report to the last + 180 s")
                .isIn(Formats.durations(Duration.between(online, offline)));

        // Act 3: it reports again
        Answer again = ApiClient.withAuthorization(ArquillianPortal.httpsUrl() + "api/v1", pressAuthorization)
                .post("/device-reports", body);

        // Assert 3
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(changes(press)).containsExactly("REPORT on", "REPORT off", "REPORT on");
        Map<String, String> back = row(ADMIN, today, "Press 1");
        assertThat(back.get("Now")).isEqualTo("online");
        assertThat(back.get("On/off changes")).isEqualTo("3");
    }

    private static List<String> changes(long device) throws Exception {
        String all = Fixtures.string(db, "SELECT GROUP_CONCAT(CONCAT(channel, IF(online, ' on', ' off')) ORDER BY at SEPARATOR"
                + " '|') FROM device_presence_change WHERE device_id = ?", device);
        return all == null ? List.of() : List.of(all.split("\\|"));
    }

    @Test
    @Order(2)
    @DisplayName("for a past day: time online from changes before and inside it, tunnel and connection bytes, alarms raised,"
            + " acknowledged and still active — each device once, newest first")
    void numbersOfADay() {
        // Act
        Map<String, String> robotRow = row(ADMIN, DAY, "Robot 2");
        Map<String, String> ovenRow = row(ADMIN, DAY, "Oven 3");
        Map<String, String> spareRow = row(ADMIN, DAY, "Spare 4");

        // Assert: online before the day began, offline at 06:00
        assertThat(robotRow).containsEntry("Project", "Line A").containsEntry("Account", "alpha-devrep")
                .containsEntry("Time online", "6 h 0 min 0 s").containsEntry("Online %", "25.0")
                .containsEntry("On/off changes", "1").containsEntry("Tunnel data", "2.9 KB")
                .containsEntry("Connections", "2").containsEntry("Connection data", "1.0 MB").containsEntry("Alarms", "0");
        // online from 18:00 and still at the day's end
        assertThat(ovenRow).containsEntry("Project", "Line B").containsEntry("Time online", "6 h 0 min 0 s")
                .containsEntry("On/off changes", "1").containsEntry("Connections", "0").containsEntry("Alarms", "2")
                .containsEntry("Acknowledged", "1").containsEntry("Still active", "1");
        assertThat(spareRow).containsEntry("Project", "").containsEntry("Now", "never seen")
                .containsEntry("Time online", "0 s").containsEntry("On/off changes", "0");
    }

    @Test
    @Order(3)
    @DisplayName("keyed pages of any size give every device of the account once, by id descending; filters by project and"
            + " device narrow it")
    void keyedPagesAndFilters() {
        List<String> everyDevice = List.of("Spare 4", "Oven 3", "Robot 2", "Press 1");

        assertThat(allNames(ADMIN, DAY, 50)).containsExactlyElementsOf(everyDevice);
        assertThat(allNames(ADMIN, DAY, 3)).containsExactlyElementsOf(everyDevice);
        assertThat(allNames(ADMIN, DAY, 1)).containsExactlyElementsOf(everyDevice);
        assertThat(allNames(ADMIN, DAY + "&project=" + lineA, 1)).containsExactly("Robot 2", "Press 1");
        assertThat(allNames(ADMIN, DAY + "&device=" + oven, 10)).containsExactly("Oven 3");
        assertThat(report("?" + DAY + "&after=" + robot + "&limit=10", ADMIN).json().getJsonArray("rows").size()).isEqualTo(1);
    }

    @Test
    @Order(4)
    @DisplayName("tenancy: an account sees its own devices only, a technician the devices granted, a system administrator any"
            + " account; another account's ids are not found, a user without device rights is refused")
    void tenancy() {
        assertThat(allNames(BETA_ADMIN, DAY, 10)).containsExactly("Beta press");
        assertProblem(report("?" + DAY + "&account=" + alpha, BETA_ADMIN), 404);
        assertProblem(report("?" + DAY + "&device=" + press, BETA_ADMIN), 404);
        assertProblem(report("?" + DAY + "&project=" + lineA, BETA_ADMIN), 404);
        assertProblem(api(BETA_ADMIN).get("/test-reports/devices/describe?" + DAY + "&device=" + press), 404);

        assertThat(allNames(TECH, DAY, 10)).containsExactly("Robot 2");
        assertProblem(report("?" + DAY + "&device=" + press, TECH), 404);
        assertThat(api(TECH).get("/test-reports/devices/describe?" + DAY).json().getString("Devices"))
                .isEqualTo("those your grants reach");

        assertProblem(report("?" + DAY, NOBODY), 403);

        assertThat(allNames(ROOT, DAY + "&account=" + beta, 10)).containsExactly("Beta press");
        // every account's: newest first, so this class's devices (the latest made) lead the first page, whatever the
        // classes before this one left in the same database (CI had more than 10,000 devices there)
        Answer everyAccount = report("?" + DAY + "&limit=100", ROOT);
        assertThat(everyAccount.status()).as(everyAccount.body()).isEqualTo(200);
        assertThat(everyAccount.json().getJsonArray("rows").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getJsonArray("cells").getString(0)).toList())
                .containsSubsequence("Beta press", "Spare 4", "Oven 3", "Robot 2", "Press 1");
        assertThat(row(ROOT, DAY + "&account=" + beta, "Beta press")).containsEntry("Alarms", "1");
    }

    @Test
    @Order(5)
    @DisplayName("a filter the report cannot use is a problem naming the field, not an error page")
    void badFilters() {
        assertProblem(report("?from=2026-11-02&to=2026-11-01", ADMIN), 400);
        assertProblem(report("?" + DAY + "&after=press", ADMIN), 400);
        assertProblem(report("?from=yesterday", ADMIN), 400);
    }

    @Test
    @Order(6)
    @DisplayName("totals per project: devices, connections and their bytes, tunnel bytes, alarms")
    void totals() {
        // Act
        JsonArray rows = api(ADMIN).get("/test-reports/devices/totals?" + DAY).json().getJsonArray("Per project");

        // Assert
        Map<String, List<String>> byProject = rows.getValuesAs(JsonArray.class).stream()
                .map(r -> r.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList())
                .collect(Collectors.toMap(r -> r.get(0), r -> r));
        assertThat(byProject).containsOnlyKeys("Line A", "Line B", "(no project)");
        assertThat(byProject.get("Line A")).containsExactly("Line A", "2", "2", "1.0 MB", "2.9 KB", "0", "0", "0");
        assertThat(byProject.get("Line B")).containsExactly("Line B", "1", "0", "0 B", "0 B", "2", "1", "1");
        assertThat(byProject.get("(no project)")).containsExactly("(no project)", "1", "0", "0 B", "0 B", "0", "0", "0");
    }

    @Test
    @Order(7)
    @DisplayName("CSV: the headings, then one record per device with the page's cells (parsed with Commons CSV)")
    void csv() throws Exception {
        // Act
        ApiClient.Download csv = api(ADMIN).getForFile("/test-reports/devices/csv?" + DAY, "text/csv");

        // Assert
        assertThat(csv.status()).isEqualTo(200);
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(csv.bytes(), StandardCharsets.UTF_8))).getRecords();
        assertThat(records).extracting(r -> r.get("Device")).containsExactly("Spare 4", "Oven 3", "Robot 2", "Press 1");
        CSVRecord robotRecord = records.get(2);
        assertThat(robotRecord.get("Time online")).isEqualTo("6 h 0 min 0 s");
        assertThat(robotRecord.get("Connection data")).isEqualTo("1.0 MB");
        assertThat(records.get(1).get("Still active")).isEqualTo("1");
        assertThat(api(BETA_ADMIN).getForFile("/test-reports/devices/csv?" + DAY + "&account=" + alpha, "text/csv").status())
                .isEqualTo(404);
    }

    @Test
    @Order(8)
    @DisplayName("PDF: title and filters, every device's row, the totals per project (read back with OpenPDF)")
    void pdf() throws Exception {
        // Act
        ApiClient.Download pdf = api(ADMIN).getForFile("/test-reports/devices/pdf?" + DAY + "&project=" + lineA,
                "application/pdf");

        // Assert
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        PdfReader reader = new PdfReader(pdf.bytes());
        StringBuilder text = new StringBuilder();
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        for (int p = 1; p <= reader.getNumberOfPages(); p++) {
            text.append(extractor.getTextFromPage(p)).append('\n');
        }
        String all = text.toString().replaceAll("\\s+", " ");
        assertThat(all).contains("Devices", "Line A", "alpha-devrep", "Robot 2", "Press 1", "6 h 0 min 0 s", "Per project")
                .doesNotContain("Oven 3", "Beta press");
    }

    /** How {@code Formats.durationOf} may write a duration measured between two stored times (±1 s of rounding). */
    private static final class Formats {
        static List<String> durations(Duration d) {
            return List.of(io.keyswitch.platform.web.Formats.durationOf(d),
                    io.keyswitch.platform.web.Formats.durationOf(d.minusSeconds(1)),
                    io.keyswitch.platform.web.Formats.durationOf(d.plusSeconds(1)));
        }
    }
}
