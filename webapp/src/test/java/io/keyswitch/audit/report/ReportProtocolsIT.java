package io.keyswitch.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.ApiClient.Download;
import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.FacesClient.Page;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.LocalAddressClient;
import io.keyswitch.testing.TestDirs;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The user protocol and the system protocol in the running portal, called as the report API calls kinds (through
 * {@code ReportKinds} and {@code ReportWriter}, by a test-only resource, {@link ReportProbe}, with API tokens): real
 * web logins from distinct loopback addresses — a wrong password, a password-only login, a login with the e-mail link
 * as second factor (GreenMail) — and a change with its reason appear with address and factor; filters by user and
 * period; keyed paging returns every row once; CSV and PDF hold the rows; account A's administrator never sees B's
 * rows nor reads B; the system protocol is for system administrators only and shows the portal's start, a low disk
 * space found by the check, and says the journal is not available in this tier.
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("User and system protocol reports (kinds through ReportWriter, in the running portal)")
class ReportProtocolsIT {

    private static final String PASSWORD = "Report-Protocols-IT-2026";
    private static final String ALPHA = "alpha-proto";
    private static final String BETA = "beta-proto";
    private static final String BOSS = "ks_" + "Q".repeat(16) + "protoAlphaBoss01";
    private static final String BETA_BOSS = "ks_" + "R".repeat(16) + "protoBetaBoss001";
    private static final String ROOT = "ks_" + "S".repeat(16) + "protoSystemRoot1";

    private static DatabaseCoordinates db;
    private static GreenMail smtp;
    private static final List<String> SMTP_KEYS = List.of("mail.smtp.host", "mail.smtp.port", "mail.smtp.security",
            "mail.smtp.user", "mail.from");
    private static final Map<String, String> savedSettings = new java.util.LinkedHashMap<>();
    private static long alpha;
    private static long beta;
    private static long alice;
    private static Instant failedAt;

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war").importFrom(TestDirs.war().toFile()).as(WebArchive.class)
                .addClass(ReportProbe.class);
    }

    @BeforeAll
    static void arrange() throws Exception {
        db = ArquillianPortal.database();
        alpha = Fixtures.account(db, ALPHA);
        beta = Fixtures.account(db, BETA);
        Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "boss", PASSWORD,
                List.of("audit:view", "project:manage")), BOSS);
        alice = Fixtures.user(db, alpha, "alice", PASSWORD, List.of("device:view"));
        Fixtures.user(db, alpha, "mailer", PASSWORD, List.of("device:view"));
        Fixtures.update(db, "UPDATE app_user SET email = 'mailer@proto.test' WHERE account_id = ? AND username = 'mailer'", alpha);
        Fixtures.update(db, "UPDATE user_group SET second_factor_required = TRUE WHERE account_id = ? AND name = 'group of mailer'",
                alpha);
        Fixtures.apiToken(db, beta, Fixtures.user(db, beta, "boss", PASSWORD, List.of("audit:view")), BETA_BOSS);
        Fixtures.user(db, beta, "bob", PASSWORD, List.of("device:view"));
        long system = Fixtures.accountId(db, "system");
        long root = Fixtures.user(db, system, "proto-root", PASSWORD, List.of("audit:view"));
        Fixtures.makeSystemAdmin(db, root);
        Fixtures.apiToken(db, system, root, ROOT);
        int port = LoopbackPorts.free();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        for (String key : SMTP_KEYS) { // the appliance's mail account is everyone's: put back as it was after the class
            savedSettings.put(key, Fixtures.string(db, "SELECT MAX(setting_value) FROM setting WHERE scope_id = 0 AND"
                    + " setting_key = ?", key));
        }
        for (String[] s : new String[][] {{"mail.smtp.host", "127.0.0.1"}, {"mail.smtp.port", Integer.toString(port)},
                {"mail.smtp.security", "NONE"}, {"mail.smtp.user", ""}, {"mail.from", "portal@proto.test"}}) {
            Fixtures.update(db, "REPLACE INTO setting (scope_id, setting_key, setting_value, updated_at) "
                    + "VALUES (0, ?, ?, UTC_TIMESTAMP(3))", s[0], s[1]);
        }
    }

    @AfterAll
    static void stopMail() throws Exception {
        if (smtp != null) {
            smtp.stop();
        }
        for (Map.Entry<String, String> e : savedSettings.entrySet()) {
            if (e.getValue() == null) {
                Fixtures.update(db, "DELETE FROM setting WHERE scope_id = 0 AND setting_key = ?", e.getKey());
            } else {
                Fixtures.update(db, "REPLACE INTO setting (scope_id, setting_key, setting_value, updated_at) "
                        + "VALUES (0, ?, ?, UTC_TIMESTAMP(3))", e.getKey(), e.getValue());
            }
        }
    }

    @Test
    @Order(1)
    @DisplayName("logins failing and succeeding appear with their source address and factor, a change with its reason")
    void loginsAndChangesAppear() throws Exception {
        // Arrange: a wrong password, a password-only login, an e-mail link login, each from its own address; a change
        Page wrong = login(from("127.0.0.41"), ALPHA, "alice", "not-the-password");
        failedAt = Instant.parse(Fixtures.string(db, "SELECT DATE_FORMAT(MAX(occurred_at), '%Y-%m-%dT%H:%i:%s.%fZ')"
                + " FROM audit_event WHERE account_id = ? AND action = 'login' AND outcome = 'FAILURE'", alpha));
        Thread.sleep(50);
        Page signedIn = login(from("127.0.0.42"), ALPHA, "alice", PASSWORD);
        LocalAddressClient mailer = from("127.0.0.43");
        Page second = login(mailer, ALPHA, "mailer", PASSWORD);
        mailer.submit(second, "mailLinkForm", Map.of(), "sendLink");
        assertThat(smtp.waitForIncomingEmail(15_000, 1)).as("the login link arrives").isTrue();
        MimeMessage[] mails = smtp.getReceivedMessages();
        Matcher link = Pattern.compile("https://[^/\\s]+(/mail-link\\.xhtml\\?token=[A-Za-z0-9_-]{43})")
                .matcher(mails[mails.length - 1].getContent().toString());
        assertThat(link.find()).isTrue();
        Page linked = mailer.get(link.group(1));
        Answer project = api(BOSS).post("/projects", "{\"name\":\"Line 9\",\"reason\":\"new line for the audit\"}");
        login(from("127.0.0.44"), BETA, "bob", PASSWORD);

        // Act
        List<List<String>> rows = rows(BOSS, "user-protocol", "", 500);

        // Assert
        assertThat(wrong.body()).contains("not correct");
        assertThat(signedIn.path()).isEqualTo("/index.xhtml");
        assertThat(linked.path()).isEqualTo("/index.xhtml");
        assertThat(project.status()).as(project.body()).isEqualTo(201);
        // columns: Time, Account, User, Action, Target, Outcome, Source address, Factor, Reason, Changes
        assertThat(rows).anySatisfy(r -> assertThat(r.subList(1, 9)).containsExactly(ALPHA, ALPHA + "/alice", "login",
                "user:alice", "FAILURE", "127.0.0.41", "", "wrong account, user name or password"));
        assertThat(rows).anySatisfy(r -> assertThat(r.subList(1, 8)).containsExactly(ALPHA, ALPHA + "/alice", "login",
                "user:alice", "SUCCESS", "127.0.0.42", "none"));
        assertThat(rows).anySatisfy(r -> assertThat(r.subList(1, 8)).containsExactly(ALPHA, ALPHA + "/mailer", "login",
                "user:mailer", "SUCCESS", "127.0.0.43", "e-mail link"));
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get(2)).startsWith(ALPHA + "/boss");
            assertThat(r.get(3)).isEqualTo("project.create");
            assertThat(r.get(8)).isEqualTo("new line for the audit");
            assertThat(r.get(9)).contains("Line 9");
        });
    }

    @Test
    @Order(2)
    @DisplayName("the filters by user and by period narrow the rows")
    void filtersByUserAndPeriod() {
        List<List<String>> aliceRows = rows(BOSS, "user-protocol", "&user=" + alice, 500);
        List<List<String>> afterFailure = rows(BOSS, "user-protocol", "&user=" + alice + "&from=" + failedAt.plusMillis(1), 500);
        List<List<String>> untilFailure = rows(BOSS, "user-protocol", "&user=" + alice + "&to=" + failedAt.plusMillis(1), 500);

        assertThat(aliceRows).isNotEmpty().allSatisfy(r -> assertThat(r.get(2)).isEqualTo(ALPHA + "/alice"));
        assertThat(aliceRows).extracting(r -> r.get(5)).contains("FAILURE", "SUCCESS");
        assertThat(afterFailure).extracting(r -> r.get(5)).contains("SUCCESS").doesNotContain("FAILURE");
        assertThat(untilFailure).extracting(r -> r.get(5)).contains("FAILURE").doesNotContain("SUCCESS");
        assertThat(aliceRows).hasSize(afterFailure.size() + untilFailure.size());
    }

    @Test
    @Order(3)
    @DisplayName("keyed paging (2 rows a page) returns every row exactly once, newest first, as one large page does")
    void keyedPagingReturnsEveryRowOnce() {
        List<String> whole = keys(page(BOSS, "user-protocol", "&limit=1000"));
        List<String> paged = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonObject page = page(BOSS, "user-protocol", "&limit=2" + (after == null ? "" : "&after=" + after));
            paged.addAll(keys(page));
            after = page.containsKey("next") ? page.getString("next") : null;
            pages++;
        } while (after != null && pages < 500);

        assertThat(whole).hasSizeGreaterThan(4);
        assertThat(paged).containsExactlyElementsOf(whole).doesNotHaveDuplicates();
        assertThat(whole.stream().map(Long::parseLong).toList()).isSortedAccordingTo((x, y) -> Long.compare(y, x));

        // in a period, pages follow time (then id): every row of the period once, in the same order as one large page
        String period = "&from=2000-01-01&to=2100-01-01";
        List<String> wholePeriod = keys(page(BOSS, "user-protocol", period + "&limit=1000"));
        List<String> pagedPeriod = new ArrayList<>();
        after = null;
        pages = 0;
        do {
            JsonObject page = page(BOSS, "user-protocol", period + "&limit=2" + (after == null ? "" : "&after=" + after));
            pagedPeriod.addAll(keys(page));
            after = page.containsKey("next") ? page.getString("next") : null;
            pages++;
        } while (after != null && pages < 500);
        assertThat(wholePeriod).hasSize(whole.size());
        assertThat(pagedPeriod).containsExactlyElementsOf(wholePeriod).doesNotHaveDuplicates();
    }

    @Test
    @Order(4)
    @DisplayName("account A's administrator never sees account B's rows, nor reads B by naming it; a system administrator sees both")
    void tenancy() {
        List<List<String>> alphaRows = rows(BOSS, "user-protocol", "", 1000);
        List<List<String>> betaRows = rows(BETA_BOSS, "user-protocol", "", 1000);
        Answer naming = api(BOSS).get("/test-reports/user-protocol?account=" + beta);
        List<List<String>> all = rows(ROOT, "user-protocol", "", 5000);
        List<List<String>> justBeta = rows(ROOT, "user-protocol", "&account=" + beta, 1000);

        assertThat(alphaRows).allSatisfy(r -> assertThat(r.get(1)).isEqualTo(ALPHA))
                .noneSatisfy(r -> assertThat(r.get(2)).contains("bob"));
        assertThat(betaRows).isNotEmpty().allSatisfy(r -> assertThat(r.get(1)).isEqualTo(BETA))
                .noneSatisfy(r -> assertThat(String.join(" ", r)).contains("alice", "mailer"));
        assertThat(naming.status()).as(naming.body()).isEqualTo(403);
        assertThat(all).extracting(r -> r.get(1)).contains(ALPHA, BETA);
        assertThat(justBeta).hasSameSizeAs(betaRows).allSatisfy(r -> assertThat(r.get(1)).isEqualTo(BETA));
        assertThat(api(BETA_BOSS).get("/test-reports/user-protocol?user=" + alice).status()).as("another account's user")
                .isEqualTo(400);
    }

    @Test
    @Order(5)
    @DisplayName("the CSV (commons-csv) holds the columns and every row; the PDF's text the title, filters, rows and totals")
    void csvAndPdf() throws Exception {
        List<List<String>> rows = rows(BOSS, "user-protocol", "", 5000);
        Download csv = api(BOSS).getForFile("/test-reports/user-protocol/csv", "text/csv");
        Download pdf = api(BOSS).getForFile("/test-reports/user-protocol/pdf?user=" + alice, "application/pdf");

        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(csv.bytes(), StandardCharsets.UTF_8))).getRecords();
        assertThat(csv.status()).isEqualTo(200);
        assertThat(records.get(0).getParser().getHeaderNames()).containsExactly("Time", "Account", "User", "Action", "Target",
                "Outcome", "Source address", "Factor", "Reason", "Changes");
        assertThat(records).hasSize(rows.size());
        assertThat(records).anySatisfy(r -> {
            assertThat(r.get("Source address")).isEqualTo("127.0.0.43");
            assertThat(r.get("Factor")).isEqualTo("e-mail link");
        });
        assertThat(pdf.status()).isEqualTo(200);
        String text = pdfText(pdf.bytes());
        assertThat(text).contains("User protocol", ALPHA + "/alice", "127.0.0.41", "127.0.0.42", "Per user", "Logins");
        assertThat(text).doesNotContain("mailer");
    }

    @Test
    @Order(6)
    @DisplayName("the system protocol: Forbidden to an account's administrator; for a system administrator the portal's"
            + " start and a low disk space found by the check, and the journal said to be not available here")
    void systemProtocol() throws Exception {
        Answer forbidden = api(BOSS).get("/test-reports/system-protocol");
        Answer forbiddenCsv = api(BOSS).get("/test-reports/system-protocol/csv", "text/csv");
        Answer check = api(ROOT).post("/test-reports/disk-check?threshold=99", "{}");

        JsonObject first = page(ROOT, "system-protocol", "&limit=1000");
        List<List<String>> rows = cells(first);
        Download csv = api(ROOT).getForFile("/test-reports/system-protocol/csv", "text/csv");
        Download pdf = api(ROOT).getForFile("/test-reports/system-protocol/pdf", "application/pdf");

        assertThat(forbidden.status()).as(forbidden.body()).isEqualTo(403);
        assertThat(forbiddenCsv.status()).isEqualTo(403);
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(check.json().getJsonArray("low")).isNotEmpty();
        assertThat(first.getJsonObject("describe").getString("Journal")).startsWith("not available");
        // columns: Time, Source, Event, By / unit, Target, Outcome, Source address, Message
        assertThat(rows).anySatisfy(r -> assertThat(r.subList(1, 6)).containsExactly("portal", "portal.start", "system",
                "portal", "SUCCESS"));
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.subList(1, 4)).containsExactly("portal", "disk.space-low", "system");
            assertThat(r.get(7)).contains("GiB free", "below 99 %");
        });
        assertThat(rows).noneSatisfy(r -> assertThat(r.get(3)).contains(ALPHA));
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(csv.bytes(), StandardCharsets.UTF_8))).getRecords();
        assertThat(records).hasSize(rows.size());
        assertThat(pdfText(pdf.bytes())).contains("System protocol", "portal.start", "disk.space-low", "Per event");
    }

    @Test
    @Order(7)
    @DisplayName("the system protocol's keyed paging (3 a page) returns every row exactly once")
    void systemProtocolPaging() {
        List<String> whole = keys(page(ROOT, "system-protocol", "&limit=1000"));
        List<String> paged = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonObject page = page(ROOT, "system-protocol", "&limit=3" + (after == null ? "" : "&after=" + after));
            paged.addAll(keys(page));
            after = page.containsKey("next") ? page.getString("next") : null;
            pages++;
        } while (after != null && pages < 500);

        assertThat(paged).containsExactlyElementsOf(whole).doesNotHaveDuplicates();
        Set<String> distinct = new HashSet<>(whole);
        assertThat(distinct).hasSameSizeAs(whole);
        assertThat(api(ROOT).get("/test-reports/system-protocol?after=nonsense").status()).isEqualTo(400);
    }

    // ---------------------------------------------------------------------------------------------

    private static ApiClient api(String token) {
        return new ApiClient(ArquillianPortal.httpsUrl() + "api/v1", token);
    }

    private static LocalAddressClient from(String address) {
        return new LocalAddressClient(ArquillianPortal.httpsUrl().replace("://localhost:", "://127.0.0.1:"), address);
    }

    private static Page login(LocalAddressClient browser, String account, String user, String password) {
        Page form = browser.get("/login.xhtml");
        return browser.submit(form, "loginForm", Map.of("account", account, "username", user, "password", password), "login");
    }

    private static JsonObject page(String token, String kind, String query) {
        Answer a = api(token).get("/test-reports/" + kind + "?x=1" + query.replace("+", "%2B"));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    private static List<List<String>> rows(String token, String kind, String query, int limit) {
        return cells(page(token, kind, query + "&limit=" + limit));
    }

    private static List<List<String>> cells(JsonObject page) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonValue v : page.getJsonArray("rows")) {
            JsonArray cells = v.asJsonObject().getJsonArray("cells");
            rows.add(cells.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        }
        return rows;
    }

    private static List<String> keys(JsonObject page) {
        return page.getJsonArray("rows").stream().map(v -> v.asJsonObject().getString("key")).toList();
    }

    private static String pdfText(byte[] bytes) throws Exception {
        PdfReader reader = new PdfReader(bytes);
        StringBuilder text = new StringBuilder();
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        for (int p = 1; p <= reader.getNumberOfPages(); p++) {
            text.append(extractor.getTextFromPage(p)).append('\n');
        }
        reader.close();
        return text.toString();
    }
}
