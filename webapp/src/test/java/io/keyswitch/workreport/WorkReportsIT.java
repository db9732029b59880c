package io.keyswitch.workreport;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.ApiClient.Download;
import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.MovableClock;
import io.keyswitch.testing.TestDirs;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * Work reports through the API of the running portal: a connection that opened and closed asks its technician for a
 * report (the order number filled in), one that never opened does not; the account's mandatory rule refuses the next
 * Connect with the open reports named until they are written; the account's own fields are typed and checked, bad
 * input refused whole; the author corrects within the edit window (every version kept and audited), and is refused
 * with 409 once it passed (moved clock); nobody else corrects it; lists filter and page; CSV and PDF exports open;
 * another account sees nothing. The container tier has no VPN, so the connection that opened is recorded as the engine
 * records one ({@link Fixtures#openConnection}) and the engine's own check closes it.
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Work reports: asked at close, mandatory before the next Connect, typed fields, edit window, lists and exports (API)")
class WorkReportsIT {

    private static final String PASSWORD = "Work-Reports-IT-2026";
    private static final String ADMIN = "ks_" + "L".repeat(16) + "wrepAlphaAdmin01";
    private static final String TECH = "ks_" + "M".repeat(16) + "wrepAlphaTech001";
    private static final String TECH2 = "ks_" + "N".repeat(16) + "wrepAlphaTech002";
    private static final String CLERK = "ks_" + "O".repeat(16) + "wrepAlphaClerk01";
    private static final String OTHER = "ks_" + "P".repeat(16) + "wrepBetaAdmin001";

    private static DatabaseCoordinates db;
    private static long alpha;
    private static long press;
    private static long line;
    private static long techId;
    private static long reportId;

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war").importFrom(TestDirs.war().toFile()).as(WebArchive.class)
                .addClass(MovableClock.class).addClass(MovableClock.class.getName() + "$Offset");
    }

    @BeforeAll
    static void arrange() throws Exception {
        db = ArquillianPortal.database();
        alpha = Fixtures.account(db, "alpha-wrep");
        long beta = Fixtures.account(db, "beta-wrep");
        Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "admin", PASSWORD,
                List.of("device:view", "connection:view", "settings:manage")), ADMIN);
        Fixtures.apiToken(db, beta, Fixtures.user(db, beta, "admin", PASSWORD, List.of("device:view", "connection:view")), OTHER);
        techId = Fixtures.user(db, alpha, "tech", PASSWORD, List.of("device:connect"));
        Fixtures.apiToken(db, alpha, techId, TECH);
        long tech2 = Fixtures.user(db, alpha, "tech2", PASSWORD, List.of("device:connect"));
        Fixtures.apiToken(db, alpha, tech2, TECH2);
        Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "clerk", PASSWORD, List.of("report:view")), CLERK);
        line = Fixtures.project(db, alpha, "Line 1");
        press = Fixtures.device(db, alpha, "Press 1", "192.168.0.0/24", Fixtures.firstVirtualSubnet(db, alpha));
        Fixtures.update(db, "UPDATE device SET project_id = ? WHERE id = ?", line, press);
        long plc = Fixtures.component(db, alpha, press, "PLC", "192.168.0.10", "tcp/102");
        Fixtures.update(db, "INSERT INTO access_grant (account_id, user_id, component_id, created_at)"
                + " VALUES (?, ?, ?, UTC_TIMESTAMP(3))", alpha, techId, plc);
        Fixtures.update(db, "INSERT INTO account_policy (account_id, connection_reason_required) VALUES (?, FALSE)", alpha);
        field("Machine hours", "NUMBER", null, true, 1);
        field("Result", "CHOICE", "fixed\nnot fixed", false, 2);
        field("Next visit", "DATE", null, false, 3);
    }

    @AfterAll
    static void realTimeAgain() throws Exception {
        Files.deleteIfExists(ArquillianPortal.home().resolve("test-clock-offset"));
    }

    @Test
    @Order(1)
    @DisplayName("a connection that never opened asks for no report; one that opened asks its technician when it closes,"
            + " with the connection's order number filled in")
    void askedWhenAConnectionCloses() throws Exception {
        // Arrange: a Connect that waits for the VPN and is disconnected reached nothing
        Answer waiting = as(TECH).post("/connections", "{\"deviceId\":" + press + "}");
        assertThat(waiting.status()).as(waiting.body()).isEqualTo(201);
        long waitingId = waiting.json().getJsonNumber("id").longValue();
        assertThat(as(TECH).post("/connections/" + waitingId + "/disconnect", "{}").status()).isEqualTo(200);

        // Act: a connection that opened, closed by the engine's check (no VPN tunnel in this tier)
        long connection = Fixtures.openConnection(db, alpha, techId, "tech", press, "Press 1", "SO-4711");
        reportId = awaitReport(connection);

        // Assert
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM work_report WHERE connection_id = ?", waitingId)).isZero();
        JsonObject report = as(TECH).get("/work-reports/" + reportId).json();
        assertThat(report.getString("state")).isEqualTo("OPEN");
        assertThat(report.getString("orderNumber")).isEqualTo("SO-4711");
        assertThat(report.getString("device")).isEqualTo("Press 1");
        assertThat(report.getString("project")).isEqualTo("Line 1");
        assertThat(report.getJsonNumber("connectionId").longValue()).isEqualTo(connection);
        assertThat(as(TECH).get("/work-reports?state=open").json().getInt("total")).isOne();
        assertThat(as(ADMIN).get("/work-reports/" + reportId).status()).as("connection:view reads the account's").isEqualTo(200);
        assertThat(as(CLERK).get("/work-reports?deviceId=" + press).json().getInt("total")).as("report:view too").isOne();
        assertThat(as(TECH2).get("/work-reports/" + reportId).status()).as("another technician's is not there").isEqualTo(404);
        assertThat(as(TECH2).get("/work-reports").json().getInt("total")).isZero();
        Answer foreign = as(OTHER).get("/work-reports/" + reportId);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(as(OTHER).get("/work-reports/999999999").body());
        assertThat(as(OTHER).get("/work-reports").json().getInt("total")).isZero();
    }

    @Test
    @Order(2)
    @DisplayName("when the account makes reports mandatory, the next Connect is refused with the open reports named")
    void mandatoryBlocksTheNextConnect() throws Exception {
        // Arrange
        Fixtures.update(db, "INSERT INTO work_report_rule (account_id, mandatory, edit_hours) VALUES (?, TRUE, 24)", alpha);

        // Act
        Answer refused = as(TECH).post("/connections", "{\"deviceId\":" + press + "}");

        // Assert
        assertProblem(refused, 400, "deviceId", "Write your work reports first: Press 1 (");
        assertThat(refused.json().getJsonObject("errors").getString("deviceId")).endsWith(" UTC).");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM connection WHERE user_id = ? AND state <> 'CLOSED'", techId))
                .as("nothing was stored").isZero();
    }

    @Test
    @Order(3)
    @DisplayName("a report with wrong values is refused whole with a message per field (problem+json); nothing is stored")
    void badInput() throws Exception {
        // Act
        Answer wrong = as(TECH).put("/work-reports/" + reportId, "{\"whatWasDone\":\"  \",\"setupMinutes\":-1,"
                + "\"workingMinutes\":20000,\"fields\":[{\"name\":\"Machine hours\",\"value\":\"twelve\"},"
                + "{\"name\":\"Result\",\"value\":\"maybe\"},{\"name\":\"Next visit\",\"value\":\"2027-13-01\"},"
                + "{\"name\":\"Colour\",\"value\":\"red\"}]}");
        Answer shape = as(TECH).put("/work-reports/" + reportId, "{\"whatWasDone\":\"x\",\"setupMinutes\":\"10\"}");

        // Assert
        assertProblem(wrong, 400, "whatWasDone", "Please say what was done");
        JsonObject errors = wrong.json().getJsonObject("errors");
        assertThat(errors.getString("setupMinutes")).contains("0 to 10080");
        assertThat(errors.getString("workingMinutes")).contains("0 to 10080");
        assertThat(errors.getString("field.Machine hours")).contains("must be a number");
        assertThat(errors.getString("field.Result")).contains("must be one of: fixed, not fixed");
        assertThat(errors.getString("field.Next visit")).contains("must be a date");
        assertThat(errors.getString("field.Colour")).contains("There is no field 'Colour'");
        assertProblem(shape, 400, "setupMinutes", "whole number");
        assertThat(Fixtures.string(db, "SELECT state FROM work_report WHERE id = ?", reportId)).isEqualTo("OPEN");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM work_report_version WHERE report_id = ?", reportId)).isZero();
    }

    @Test
    @Order(4)
    @DisplayName("the technician writes it (typed values stored normalized, audited); then Connect is allowed again")
    void writeThenConnect() throws Exception {
        // Act
        Answer written = as(TECH).put("/work-reports/" + reportId, body("Replaced the PLC's backup battery", "0012.50"));
        Answer connect = as(TECH).post("/connections", "{\"deviceId\":" + press + "}");

        // Assert
        assertThat(written.status()).as(written.body()).isEqualTo(200);
        JsonObject r = written.json();
        assertThat(r.getString("state")).isEqualTo("WRITTEN");
        assertThat(r.getBoolean("finalized")).isFalse();
        assertThat(r.getInt("versions")).isOne();
        assertThat(Duration.between(Instant.parse(r.getString("writtenAt")), Instant.parse(r.getString("editUntil"))))
                .isEqualTo(Duration.ofHours(24));
        assertThat(r.getJsonArray("fields").getJsonObject(0).getString("value")).isEqualTo("12.5");
        assertThat(r.getJsonArray("fields").getJsonObject(1).getString("value")).isEqualTo("fixed");
        assertThat(r.getJsonArray("fields").getJsonObject(2).getString("value")).isEqualTo("2027-01-15");
        assertThat(Fixtures.string(db, "SELECT actor FROM audit_event WHERE action = 'work-report.write' AND target = ?",
                "work-report:" + reportId)).isEqualTo("alpha-wrep/tech (API token test token)");
        assertThat(connect.status()).as(connect.body()).isEqualTo(201);
        assertThat(as(TECH).post("/connections/" + connect.json().getJsonNumber("id").longValue() + "/disconnect", "{}")
                .status()).isEqualTo(200);
    }

    @Test
    @Order(5)
    @DisplayName("only its author corrects it: another technician finds nothing, an administrator is refused")
    void othersCannotEdit() throws Exception {
        Answer tech2 = as(TECH2).put("/work-reports/" + reportId, body("mine now", "1"));
        Answer admin = as(ADMIN).put("/work-reports/" + reportId, body("corrected by the office", "1"));

        assertThat(tech2.status()).isEqualTo(404);
        assertThat(admin.status()).as(admin.body()).isEqualTo(403);
        assertThat(admin.json().getString("detail")).contains("Only the technician of the connection");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM work_report_version WHERE report_id = ?", reportId)).isOne();
    }

    @Test
    @Order(6)
    @DisplayName("the author corrects it within 24 hours (every version kept, audited); after them it is final: 409")
    void editWindow() throws Exception {
        // Act: a correction now, another one 25 hours later
        Answer corrected = as(TECH).put("/work-reports/" + reportId, body("Replaced the PLC's backup battery and its holder", "13"));
        MovableClock.set(ArquillianPortal.home(), Duration.ofHours(25));
        Answer tooLate = as(TECH).put("/work-reports/" + reportId, body("too late", "14"));
        JsonObject now = as(TECH).get("/work-reports/" + reportId).json();
        MovableClock.set(ArquillianPortal.home(), Duration.ZERO);

        // Assert
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(corrected.json().getInt("versions")).isEqualTo(2);
        assertThat(Fixtures.string(db, "SELECT details FROM audit_event WHERE action = 'work-report.correct' AND target = ?",
                "work-report:" + reportId)).contains("whatWasDone").contains("and its holder").contains("12.5").contains("13");
        assertThat(tooLate.status()).as(tooLate.body()).isEqualTo(409);
        assertThat(tooLate.contentType()).startsWith("application/problem+json");
        assertThat(tooLate.json().getString("detail")).startsWith("This work report is final: it could be corrected until ");
        assertThat(now.getBoolean("finalized")).isTrue();
        assertThat(now.getString("whatWasDone")).isEqualTo("Replaced the PLC's backup battery and its holder");
        var versions = as(TECH).get("/work-reports/" + reportId + "/versions").array();
        assertThat(versions).hasSize(2);
        assertThat(versions.getJsonObject(0).getString("whatWasDone")).isEqualTo("Replaced the PLC's backup battery");
        assertThat(versions.getJsonObject(1).getString("author")).isEqualTo("alpha-wrep/tech (API token test token)");
    }

    @Test
    @Order(7)
    @DisplayName("lists filter by device, technician, project, period and state, and page; bad filters are 400")
    void lists() throws Exception {
        String today = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).toString();
        String tomorrow = Instant.parse(today).plus(Duration.ofDays(1)).toString();

        assertThat(total(ADMIN, "?deviceId=" + press)).isOne();
        assertThat(total(ADMIN, "?userId=" + techId)).isOne();
        assertThat(total(ADMIN, "?projectId=" + line)).isOne();
        assertThat(total(ADMIN, "?from=" + today + "&to=" + tomorrow)).isOne();
        assertThat(total(ADMIN, "?to=" + today)).isZero();
        assertThat(total(ADMIN, "?state=written&text=pre")).isOne();
        assertThat(total(ADMIN, "?state=open")).isZero();
        assertThat(as(ADMIN).get("/work-reports?page=1&size=1").json().getJsonArray("items")).isEmpty();
        assertProblem(as(ADMIN).get("/work-reports?state=sideways"), 400, "state", "open, written or all");
        assertProblem(as(ADMIN).get("/work-reports?from=yesterday"), 400, "from", "ISO-8601");
        assertThat(as(ADMIN).get("/work-reports/fields").array()).hasSize(3);
    }

    @Test
    @Order(8)
    @DisplayName("exports: the CSV parses with a column per field of the account's own, formula-like text as text; the PDFs"
            + " open and hold the report")
    void exports() throws Exception {
        // Arrange: an order number a spreadsheet would run as a formula (CSV injection)
        Fixtures.update(db, "UPDATE work_report SET order_number = '=HYPERLINK(\"http://evil.example\",\"SO\")' WHERE id = ?",
                reportId);

        // Act
        Download csv = as(CLERK).getForFile("/work-reports/list.csv?deviceId=" + press, "text/csv");
        Download list = as(ADMIN).getForFile("/work-reports/list.pdf?projectId=" + line, "application/pdf");
        Download one = as(TECH).getForFile("/work-reports/" + reportId + "/report.pdf", "application/pdf");
        Download foreign = as(OTHER).getForFile("/work-reports/" + reportId + "/report.pdf", "application/pdf");

        // Assert
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(csv.bytes(), StandardCharsets.UTF_8))).getRecords();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("device")).isEqualTo("Press 1");
        assertThat(rows.get(0).get("project")).isEqualTo("Line 1");
        assertThat(rows.get(0).get("what was done")).isEqualTo("Replaced the PLC's backup battery and its holder");
        assertThat(rows.get(0).get("Machine hours")).isEqualTo("13");
        assertThat(rows.get(0).get("Result")).isEqualTo("fixed");
        assertThat(rows.get(0).get("versions")).isEqualTo("2");
        assertThat(rows.get(0).get("order number")).as("shown as text, never run").isEqualTo("'=HYPERLINK(\"http://evil.example\",\"SO\")");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.contentType()).startsWith("application/pdf");
        String listText = text(list.bytes());
        assertThat(listText).contains("Work reports").contains("Project").contains("Line 1").contains("Press 1")
                .contains("Total: 1 report(s)").contains("Page 1 of 1");
        String oneText = text(one.bytes());
        assertThat(oneText).contains("Work report " + reportId).contains("and its holder").contains("Machine hours")
                .contains("Versions").contains("alpha-wrep/tech");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
    }

    private static String body(String what, String machineHours) {
        return "{\"whatWasDone\":\"" + what.replace("\"", "\\\"") + "\",\"orderNumber\":\"SO-4711\",\"setupMinutes\":15,"
                + "\"travelMinutes\":45,\"workingMinutes\":90,\"fields\":[{\"name\":\"Machine hours\",\"value\":\""
                + machineHours + "\"},{\"name\":\"Result\",\"value\":\"fixed\"},{\"name\":\"Next visit\",\"value\":\"2027-01-15\"}]}";
    }

    private static String text(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        StringBuilder all = new StringBuilder();
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            all.append(extractor.getTextFromPage(page)).append(' ');
        }
        return all.toString().replaceAll("\\s+", " ");
    }

    private static long awaitReport(long connectionId) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            String id = Fixtures.string(db, "SELECT id FROM work_report WHERE connection_id = ?", connectionId);
            if (id != null) {
                return Long.parseLong(id);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no work report was asked for connection " + connectionId + " within 20 s: "
                + Fixtures.string(db, "SELECT CONCAT(state, ' ', COALESCE(close_cause, '')) FROM connection WHERE id = ?", connectionId));
    }

    private static int total(String token, String query) {
        Answer a = as(token).get("/work-reports" + query);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json().getInt("total");
    }

    private static void field(String name, String kind, String choices, boolean required, int position) throws Exception {
        Fixtures.update(db, "INSERT INTO work_report_field (account_id, name, name_key, kind, choices, required, position,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))", alpha, name,
                io.keyswitch.platform.NameKey.of(name), kind, choices, required, position);
    }

    private static ApiClient as(String token) {
        return new ApiClient(ArquillianPortal.httpsUrl() + "api/v1", token);
    }

    private static void assertProblem(Answer a, int status, String field, String text) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().getJsonObject("errors").getString(field)).as(a.body()).contains(text);
    }
}
