package io.keyswitch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.ApiClient.Download;
import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.TestDirs;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reports API of the running portal with the connections report: the kinds a caller may run, each filter, keyed
 * paging across pages with {@code after}/{@code next}, the totals, CSV (parsed and counted) and PDF (its text read),
 * problem+json for bad parameters (400), an unknown kind (404), a kind the caller may not run (403) and another
 * account's ids (404); two accounts see nothing of each other; a technician sees their own connections only; a system
 * administrator any account or all. The connection records are arranged by SQL, as the engine writes them: 130 closed
 * connections in October 2026, one an hour, and one that opened now and that the engine's check closes (no VPN and no
 * grant in this tier), which asks its technician for a work report.
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@DisplayName("Reports through the API: the connections report filtered, paged by key, exported, scoped")
class ReportsIT {

    private static final String PASSWORD = "Reports-IT-2026";
    private static final String ADMIN = "ks_" + "R".repeat(16) + "reptAlphaAdmin01";
    private static final String TECH = "ks_" + "R".repeat(16) + "reptAlphaTech001";
    private static final String CLERK = "ks_" + "R".repeat(16) + "reptAlphaClerk01";
    private static final String OTHER = "ks_" + "R".repeat(16) + "reptBetaAdmin001";
    private static final String OPERATOR = "ks_" + "R".repeat(16) + "reptSystemOper01";
    private static final String OCTOBER = "from=2026-10-01&to=2026-10-31";
    private static final int SEEDED = 130;

    private static DatabaseCoordinates db;
    private static long alpha;
    private static long beta;
    private static long press;
    private static long pump;
    private static long line;
    private static long techId;
    private static long tech2Id;
    private static long betaDevice;
    private static long withComponent;
    private static long live;

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war").importFrom(TestDirs.war().toFile()).as(WebArchive.class);
    }

    @BeforeAll
    static void arrange() throws Exception {
        db = ArquillianPortal.database();
        alpha = Fixtures.account(db, "alpha-rept");
        beta = Fixtures.account(db, "beta-rept");
        Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "admin", PASSWORD, List.of("connection:view")), ADMIN);
        techId = Fixtures.user(db, alpha, "tech", PASSWORD, List.of("device:connect"));
        Fixtures.apiToken(db, alpha, techId, TECH);
        tech2Id = Fixtures.user(db, alpha, "tech2", PASSWORD, List.of("device:connect"));
        Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "clerk", PASSWORD, List.of("audit:view")), CLERK);
        Fixtures.apiToken(db, beta, Fixtures.user(db, beta, "admin", PASSWORD, List.of("connection:view")), OTHER);
        long operator = Fixtures.user(db, Fixtures.accountId(db, "system"), "rept-operator", PASSWORD, List.of());
        Fixtures.makeSystemAdmin(db, operator);
        Fixtures.apiToken(db, Fixtures.accountId(db, "system"), operator, OPERATOR);
        line = Fixtures.project(db, alpha, "Line 1");
        press = Fixtures.device(db, alpha, "Press 1", "192.168.0.0/24", Fixtures.firstVirtualSubnet(db, alpha));
        Fixtures.update(db, "UPDATE device SET project_id = ? WHERE id = ?", line, press);
        pump = Fixtures.device(db, alpha, "Pump 2", "192.168.0.0/24", "100.64.200.0/24");
        betaDevice = Fixtures.device(db, beta, "Beta Mill", "192.168.0.0/24", Fixtures.firstVirtualSubnet(db, beta));
        // 130 closed connections, one an hour from 1 October: even ones tech's, every third to the pump
        LocalDateTime start = LocalDateTime.parse("2026-10-01T00:00:00");
        for (int i = 0; i < SEEDED; i++) {
            boolean tech = i % 2 == 0;
            boolean toPump = i % 3 == 0;
            long id = closed(alpha, tech ? techId : tech2Id, tech ? "tech" : "tech2", toPump ? pump : press,
                    toPump ? "Pump 2" : "Press 1", start.plusHours(i), i == 7 ? "ENDED" : "DISCONNECTED",
                    i == 7 ? "alpha-rept/admin" : tech ? "tech" : "tech2", i == 7 ? "maintenance window over" : null);
            if (i == 5) {
                withComponent = id;
                Fixtures.update(db, "INSERT INTO connection_component (connection_id, component_id, component_name, real_address,"
                        + " virtual_address, services) VALUES (?, 1, 'PLC', '192.168.0.10', '100.64.3.10', 'tcp/102')", id);
            }
        }
        for (int i = 0; i < 3; i++) {
            closed(beta, null, "beta-tech", betaDevice, "Beta Mill", start.plusHours(i), "DISCONNECTED", "beta-tech", null);
        }
        live = Fixtures.openConnection(db, alpha, techId, "tech", press, "Press 1", "SO-4711");
    }

    private static long closed(long account, Long user, String userName, long device, String deviceName, LocalDateTime requested,
                               String cause, String by, String reason) throws Exception {
        return Fixtures.insert(db, "INSERT INTO connection (account_id, user_id, user_name, device_id, device_name, state, reason,"
                        + " order_number, requested_at, opened_at, closed_at, technician_address, bytes_to_device,"
                        + " bytes_from_device, last_activity_at, close_cause, closed_by, close_reason)"
                        + " VALUES (?, ?, ?, ?, ?, 'CLOSED', 'firmware update', 'SO-1', ?, ?, ?, '100.96.0.2', 1000, 2000, ?, ?, ?, ?)",
                account, user, userName, device, deviceName, requested, requested.plusMinutes(1), requested.plusMinutes(31),
                requested.plusMinutes(31), cause, by, reason);
    }

    @Test
    @DisplayName("lists the kinds a caller may run: connections with its columns for its readers, not for an auditor alone")
    void kinds() {
        // Act
        JsonArray mine = as(ADMIN).get("/reports").array();
        JsonArray clerks = as(CLERK).get("/reports").array();

        // Assert
        JsonObject connections = mine.stream().map(JsonObject.class::cast).filter(k -> k.getString("name").equals("connections"))
                .findFirst().orElseThrow();
        assertThat(connections.getString("title")).isEqualTo("Connections");
        assertThat(strings(connections.getJsonArray("columns"))).contains("Technician", "Device", "Project", "Bytes to device",
                "Ended", "Work report");
        assertThat(clerks.stream().map(k -> ((JsonObject) k).getString("name"))).doesNotContain("connections");
    }

    @Test
    @DisplayName("pages by key: newest record first, next continues after the last row, every row once, no next after the last")
    void keyedPaging() {
        // Act
        List<String> keys = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonObject page = page(ADMIN, OCTOBER + "&limit=50" + (after == null ? "" : "&after=" + after));
            page.getJsonArray("rows").forEach(r -> keys.add(((JsonObject) r).getString("key")));
            after = page.isNull("next") ? null : page.getString("next");
            pages++;
        } while (after != null);

        // Assert
        assertThat(pages).isEqualTo(3);
        assertThat(keys).hasSize(SEEDED).doesNotHaveDuplicates();
        assertThat(keys.stream().map(Long::parseLong).toList()).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    @DisplayName("filters by period, device, project and user, and says the filter in words")
    void filters() {
        // Act / Assert: 130 in October, the live one (now) outside it
        assertThat(rows(ADMIN, "")).hasSize(SEEDED + 1);
        assertThat(rows(ADMIN, OCTOBER)).hasSize(SEEDED);
        assertThat(rows(ADMIN, "from=2026-10-01&to=2026-10-01")).as("one whole UTC day").hasSize(24);
        assertThat(rows(ADMIN, "from=2026-10-02T00:00:00Z&to=2026-10-02T06:00:00Z")).hasSize(6);
        assertThat(rows(ADMIN, OCTOBER + "&device=" + pump)).hasSize(44);
        assertThat(rows(ADMIN, OCTOBER + "&project=" + line)).hasSize(86);
        assertThat(rows(ADMIN, OCTOBER + "&user=" + techId)).hasSize(65);
        assertThat(rows(ADMIN, "user=" + techId + "&device=" + press)).hasSize(65 - 22 + 1);
        JsonObject page = page(ADMIN, OCTOBER + "&device=" + pump + "&limit=1");
        JsonObject words = page.getJsonObject("filter");
        assertThat(words.getString("Period (asked for)")).isEqualTo("2026-10-01 00:00:00 UTC – 2026-11-01 00:00:00 UTC");
        assertThat(words.getString("Account")).isEqualTo("alpha-rept");
        assertThat(words.getString("Device")).isEqualTo("Pump 2");
    }

    @Test
    @DisplayName("a row says who, where, when, how long, the traffic, why, how it ended and its work report")
    void rowCells() throws Exception {
        // Arrange: the engine closes the live connection (no tunnel here) and asks for a work report
        long report = awaitReport(live);
        List<String> columns = strings(page(ADMIN, "limit=1").getJsonArray("columns"));

        // Act
        List<String> ended = cells(ADMIN, columns, "from=2026-10-01T07:00:00Z&to=2026-10-01T08:00:00Z");
        List<String> components = cells(ADMIN, columns, "from=2026-10-01T05:00:00Z&to=2026-10-01T06:00:00Z");
        List<String> withReport = cells(ADMIN, columns, "from=2026-11-15");

        // Assert
        assertThat(cell(ended, columns, "Technician")).isEqualTo("tech2");
        assertThat(cell(ended, columns, "Device")).isEqualTo("Press 1");
        assertThat(cell(ended, columns, "Project")).isEqualTo("Line 1");
        assertThat(cell(ended, columns, "Asked for")).isEqualTo("2026-10-01 07:00:00 UTC");
        assertThat(cell(ended, columns, "Opened")).isEqualTo("2026-10-01 07:01:00 UTC");
        assertThat(cell(ended, columns, "Duration")).isEqualTo("30 min 0 s");
        assertThat(cell(ended, columns, "Bytes to device")).isEqualTo("1000");
        assertThat(cell(ended, columns, "Bytes from device")).isEqualTo("2000");
        assertThat(cell(ended, columns, "Reason")).isEqualTo("firmware update");
        assertThat(cell(ended, columns, "Order number")).isEqualTo("SO-1");
        assertThat(cell(ended, columns, "Ended")).isEqualTo("ended by an administrator: maintenance window over (alpha-rept/admin)");
        assertThat(cell(components, columns, "No.")).isEqualTo(String.valueOf(withComponent));
        assertThat(cell(components, columns, "Components")).isEqualTo("PLC 100.64.3.10 (tcp/102)");
        assertThat(cell(withReport, columns, "Work report")).isEqualTo("#" + report + " open");
        assertThat(cell(withReport, columns, "Ended")).as("closed by the engine's check, in words").endsWith("(system)")
                .isNotEqualTo("open");
        assertThat(cell(withReport, columns, "Order number")).isEqualTo("SO-4711");
    }

    @Test
    @DisplayName("sums per device, per technician and per project: count, total duration, bytes")
    void totals() {
        // Act
        JsonArray totals = as(ADMIN).get("/reports/connections/totals?" + OCTOBER).json().getJsonArray("totals");

        // Assert
        assertThat(totals.stream().map(t -> ((JsonObject) t).getString("title"))).containsExactly("Per device", "Per technician",
                "Per project");
        List<String> press1 = row(totals.getJsonObject(0), "Press 1");
        assertThat(press1).containsExactly("Press 1", "86", "43 h 0 min 0 s", "86000", "172000");
        assertThat(row(totals.getJsonObject(1), "tech")).containsExactly("tech", "65", "32 h 30 min 0 s", "65000", "130000");
        assertThat(row(totals.getJsonObject(2), "(none)").get(1)).as("the pump is in no project").isEqualTo("44");
    }

    @Test
    @DisplayName("CSV: streamed as an attachment, a header line and one record per connection")
    void csv() throws Exception {
        // Act
        Download csv = as(ADMIN).getForFile("/reports/connections/csv?" + OCTOBER + "&device=" + press, "text/csv");

        // Assert
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.disposition()).startsWith("attachment; filename=\"connections-").endsWith(".csv\"");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(csv.bytes(), StandardCharsets.UTF_8))).getRecords();
        assertThat(records).hasSize(86);
        assertThat(records).allSatisfy(r -> assertThat(r.get("Device")).isEqualTo("Press 1"));
        assertThat(records.get(0).get("Project")).isEqualTo("Line 1");
    }

    @Test
    @DisplayName("PDF: the title and the filter on its first page, the rows, the totals at the end")
    void pdf() throws Exception {
        // Act
        Download pdf = as(ADMIN).getForFile("/reports/connections/pdf?" + OCTOBER + "&user=" + techId, "application/pdf");

        // Assert
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.disposition()).endsWith(".pdf\"");
        try (PdfReader reader = new PdfReader(pdf.bytes())) {
            PdfTextExtractor text = new PdfTextExtractor(reader);
            StringBuilder all = new StringBuilder();
            for (int p = 1; p <= reader.getNumberOfPages(); p++) {
                all.append(text.getTextFromPage(p)).append('\n');
            }
            assertThat(text.getTextFromPage(1)).contains("Connections", "alpha-rept", "2026-10-01 00:00:00 UTC");
            assertThat(all).contains("Pump 2", "Per device", "Per technician", "Per project");
            assertThat(all.toString()).doesNotContain("tech2");
        }
    }

    @Test
    @DisplayName("bad parameters are 400 problem+json naming each; an unknown kind 404; a kind not allowed 403 — before any byte")
    void problems() {
        // Act / Assert
        Answer bad = as(ADMIN).get("/reports/connections?from=yesterday&device=x&devcie=7");
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().getJsonObject("errors").keySet()).contains("devcie");
        Answer badFilter = as(ADMIN).get("/reports/connections?from=yesterday&device=x");
        assertThat(badFilter.json().getJsonObject("errors").keySet()).containsExactlyInAnyOrder("from", "device");
        assertProblem(as(ADMIN).get("/reports/connections?limit=0"), 400, "limit");
        assertProblem(as(ADMIN).get("/reports/connections?limit=many"), 400, "limit");
        assertProblem(as(ADMIN).get("/reports/connections?after=abc"), 400, "after");
        assertProblem(as(ADMIN).get("/reports/connections?from=2026-10-31&to=2026-10-01"), 400, "to");
        Download badCsv = as(ADMIN).getForFile("/reports/connections/csv?to=soon", "text/csv");
        assertThat(badCsv.status()).isEqualTo(400);
        assertThat(badCsv.contentType()).startsWith("application/problem+json");
        Answer unknown = as(ADMIN).get("/reports/no-such-report");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Answer forbidden = as(CLERK).get("/reports/connections");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
        Download forbiddenPdf = as(CLERK).getForFile("/reports/connections/pdf", "application/pdf");
        assertThat(forbiddenPdf.status()).isEqualTo(403);
        assertThat(forbiddenPdf.contentType()).startsWith("application/problem+json");
    }

    @Test
    @DisplayName("two accounts see nothing of each other: their own rows only, the other's ids and account 404")
    void tenancy() {
        // Act / Assert
        assertThat(rows(OTHER, "")).hasSize(3);
        assertThat(page(OTHER, "limit=1").getJsonObject("filter").getString("Account")).isEqualTo("beta-rept");
        Answer foreignDevice = as(OTHER).get("/reports/connections?device=" + press);
        assertThat(foreignDevice.status()).isEqualTo(404);
        assertThat(foreignDevice.body()).isEqualTo(as(OTHER).get("/reports/connections?device=999999999").body());
        assertThat(as(OTHER).get("/reports/connections?project=" + line).status()).isEqualTo(404);
        assertThat(as(OTHER).get("/reports/connections?user=" + techId).status()).isEqualTo(404);
        assertThat(as(OTHER).get("/reports/connections?account=" + alpha).status()).isEqualTo(404);
        assertThat(as(OTHER).getForFile("/reports/connections/csv?device=" + press, "text/csv").status()).isEqualTo(404);
        assertThat(as(ADMIN).get("/reports/connections?device=" + betaDevice).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("a technician without connection:view sees their own connections only; naming another user is 404")
    void technicianOwn() {
        // Act
        Set<String> technicians = new HashSet<>();
        JsonObject page = page(TECH, OCTOBER + "&limit=1000");
        page.getJsonArray("rows").forEach(r -> technicians.add(((JsonObject) r).getJsonArray("cells").getString(5)));

        // Assert
        assertThat(page.getJsonArray("rows")).hasSize(65);
        assertThat(technicians).containsExactly("tech");
        assertThat(page.getJsonObject("filter").getString("Technician")).contains("own connections");
        assertThat(as(TECH).get("/reports/connections?user=" + tech2Id).status()).isEqualTo(404);
        assertThat(rows(TECH, OCTOBER + "&user=" + techId)).hasSize(65);
    }

    @Test
    @DisplayName("a system administrator chooses any account, or sees every account's")
    void systemAdministrator() {
        // Act / Assert
        assertThat(rows(OPERATOR, "account=" + beta)).hasSize(3);
        assertThat(rows(OPERATOR, "account=" + alpha + "&" + OCTOBER)).hasSize(SEEDED);
        JsonObject every = page(OPERATOR, "from=2026-10-01&to=2026-10-01&limit=1000");
        assertThat(every.getJsonObject("filter").getString("Account")).isEqualTo("every account");
        assertThat(every.getJsonArray("rows").stream().map(r -> ((JsonObject) r).getJsonArray("cells").getString(4)))
                .contains("alpha-rept", "beta-rept");
        assertThat(as(OPERATOR).get("/reports/connections?account=999999999").status()).isEqualTo(404);
    }

    private static List<JsonObject> rows(String token, String query) {
        JsonObject page = page(token, query + (query.isEmpty() ? "" : "&") + "limit=1000");
        assertThat(page.isNull("next")).as("all in one page").isTrue();
        return page.getJsonArray("rows").getValuesAs(JsonObject.class);
    }

    private static JsonObject page(String token, String query) {
        Answer a = as(token).get("/reports/connections?" + query);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    private static List<String> cells(String token, List<String> columns, String query) {
        List<JsonObject> rows = rows(token, query);
        assertThat(rows).as(query).hasSize(1);
        List<String> cells = strings(rows.get(0).getJsonArray("cells"));
        assertThat(cells).hasSameSizeAs(columns);
        return cells;
    }

    private static String cell(List<String> cells, List<String> columns, String column) {
        return cells.get(columns.indexOf(column));
    }

    private static List<String> row(JsonObject totals, String first) {
        return totals.getJsonArray("rows").stream().map(r -> strings((JsonArray) r)).filter(r -> r.get(0).equals(first))
                .findFirst().orElseThrow(() -> new AssertionError(first + " not in " + totals));
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static long awaitReport(long connectionId) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            String id = Fixtures.string(db, "SELECT id FROM work_report WHERE connection_id = ?", connectionId);
            if (id != null) {
                return Long.parseLong(id);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no work report was asked for connection " + connectionId);
    }

    private static void assertProblem(Answer a, int status, String field) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().getJsonObject("errors").keySet()).as(a.body()).contains(field);
    }

    private static ApiClient as(String token) {
        return new ApiClient(ArquillianPortal.httpsUrl() + "api/v1", token);
    }
}
