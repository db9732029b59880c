package io.keyswitch.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.Databases;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.TestDirs;
import io.keyswitch.platform.Rights;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A corpus of bad input sent to every write of the API (found in the portal's own OpenAPI document, so a new write
 * without a sample here fails this test): wrong JSON types, fractions, {@code null} in lists, times beyond the year
 * 9999, text in broken encodings or with control characters, text too long, bodies that are not JSON or not UTF-8,
 * query parameters that are not booleans or numbers, paging beyond {@code int}, and requests the container refuses
 * itself. Every answer must be 4xx {@code application/problem+json}, and nothing may be stored: the account's tables and
 * the audit trail are compared after each request.
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Bad input to the API")
class ApiBadInputIT {

    private static final String TOKEN = "ks_" + "K".repeat(16) + "corpusAdminToken";
    /** The accounts' writes need a system administrator (anyone else gets 403 before the body is read). */
    private static final String SYSTEM_ADMIN_TOKEN = "ks_" + "S".repeat(16) + "corpusSysAdminTk";
    private static final List<String> ONE_LINE_ATTACKS = List.of("a\u0001b", "a\u0000b", "\u001b[31mred", "a\nb", "a\rb", "a\tb",
            "a\u007fb", "a\u0085b");
    private static final List<String> MULTI_LINE_ATTACKS = List.of("reason \u0001", "reason \u0000", "reason \u001b[2J");
    private static final List<String> MULTI_LINE_FIELDS = List.of("reason", "description", "comment", "whatWasDone", "caPem");

    private static DatabaseCoordinates db;
    private static long account;
    private static final Map<String, Long> ids = new LinkedHashMap<>();
    private static final HttpClient http = PortalProcess.trustingClient();
    private static JsonObject openapi;
    /** One database session for the fingerprints of the whole corpus (thousands of them). */
    private static Connection fingerprints;
    /**
     * The tables as the last refused request left them: the next request's "before" (a corpus request that stores
     * something is a failure anyway, and the state it left is then the next request's start).
     */
    private static Map<String, String> lastSeen;

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war").importFrom(TestDirs.war().toFile()).as(WebArchive.class);
    }

    @BeforeAll
    static void arrange() throws Exception {
        db = ArquillianPortal.database();
        account = Fixtures.account(db, "corpus");
        long admin = Fixtures.user(db, account, "corpus-admin", "Corpus-Admin-2026", Rights.ALL.stream()
                .filter(r -> !r.equals(Rights.ACCOUNT_MANAGE)).toList());
        Fixtures.apiToken(db, account, admin, TOKEN);
        long systemAdmin = Fixtures.user(db, account, "corpus-sysadmin", "Corpus-SysAdmin-2026", List.of());
        Fixtures.makeSystemAdmin(db, systemAdmin);
        Fixtures.apiToken(db, account, systemAdmin, SYSTEM_ADMIN_TOKEN);
        ids.put("account", Fixtures.account(db, "corpus-tenant"));
        ids.put("user", Fixtures.user(db, account, "corpus-other", "Corpus-Other-2026", List.of(Rights.DEVICE_VIEW)));
        ids.put("group", Long.parseLong(Fixtures.string(db, "SELECT g.id FROM user_group g JOIN group_membership m"
                + " ON m.group_id = g.id WHERE m.user_id = ?", ids.get("user"))));
        ids.put("project", Fixtures.project(db, account, "corpus-project"));
        ids.put("project2", Fixtures.project(db, account, "corpus-project-b"));
        String pool = Fixtures.firstVirtualSubnet(db, account);
        ids.put("device", Fixtures.device(db, account, "corpus-device", "192.168.10.0/24", pool));
        ids.put("component", Fixtures.component(db, account, ids.get("device"), "plc", "192.168.10.5", "tcp/102"));
        ids.put("grant", Fixtures.insert(db, "INSERT INTO access_grant (account_id, user_id, device_id, created_at)"
                + " VALUES (?, ?, ?, UTC_TIMESTAMP(3))", account, ids.get("user"), ids.get("device")));
        ids.put("componentId", ids.get("component"));
        ids.put("token", Fixtures.apiToken(db, account, ids.get("user"), "ks_" + "O".repeat(16) + "corpusOtherToken"));
        // a closed connection: the engine leaves it alone, so the tables stay still between the corpus's requests
        ids.put("connection", Fixtures.insert(db, "INSERT INTO connection (account_id, user_id, user_name, device_id, device_name,"
                + " state, reason, requested_at, closed_at, close_cause) VALUES (?, ?, 'corpus-other', ?, 'corpus-device', 'CLOSED',"
                + " 'corpus test', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 'DISCONNECTED')", account, ids.get("user"), ids.get("device")));
        ids.put("rule", Fixtures.insert(db, "INSERT INTO alarm_rule (account_id, name, kind, severity, text, enabled, created_at)"
                + " VALUES (?, 'corpus-offline', 'OFFLINE', 'WARNING', 'offline', FALSE, UTC_TIMESTAMP(3))", account));
        ids.put("agroup", Fixtures.insert(db, "INSERT INTO alarm_group (account_id, name, user_group_id, min_severity, by_mail,"
                + " by_sms, created_at) VALUES (?, 'corpus-alarm-group', ?, 'INFO', TRUE, FALSE, UTC_TIMESTAMP(3))", account,
                ids.get("group")));
        ids.put("alarm", Fixtures.insert(db, "INSERT INTO alarm (account_id, device_id, rule_name, severity, text, raised_at,"
                + " cleared_at) VALUES (?, ?, 'corpus-offline', 'WARNING', 'offline', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))",
                account, ids.get("device")));
        fingerprints = Databases.connect(db);
        // the corpus administrator's open work report (of a closed connection of theirs), and a field of the account's own
        long reported = Fixtures.insert(db, "INSERT INTO connection (account_id, user_id, user_name, device_id, device_name,"
                + " state, requested_at, opened_at, closed_at, close_cause) VALUES (?, ?, 'corpus-admin', ?, 'corpus-device',"
                + " 'CLOSED', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 'DISCONNECTED')", account, admin, ids.get("device"));
        ids.put("wreport", Fixtures.insert(db, "INSERT INTO work_report (account_id, connection_id, user_id, user_name, device_id,"
                + " device_name, closed_at, state) VALUES (?, ?, ?, 'corpus-admin', ?, 'corpus-device', UTC_TIMESTAMP(3), 'OPEN')",
                account, reported, admin, ids.get("device")));
        Fixtures.insert(db, "INSERT INTO work_report_field (account_id, name, name_key, kind, required, position, created_at)"
                + " VALUES (?, 'Machine hours', ?, 'NUMBER', FALSE, 1, UTC_TIMESTAMP(3))", account,
                io.keyswitch.platform.NameKey.of("Machine hours"));
        // a pending request for the approval answers' samples (the corpus's bad bodies are refused before any answer)
        ids.put("areq", Fixtures.insert(db, "INSERT INTO approval_request (account_id, device_id, device_name, user_id, user_name,"
                + " user_group_id, reason, wanted_start, wanted_minutes, requested_at, expires_at, state) VALUES (?, ?,"
                + " 'corpus-device', ?, 'corpus-other', ?, 'corpus test', UTC_TIMESTAMP(3), 60, UTC_TIMESTAMP(3),"
                + " UTC_TIMESTAMP(3) + INTERVAL 1 DAY, 'PENDING')", account, ids.get("device"), ids.get("user"), ids.get("group")));
        ids.put("siem", Fixtures.insert(db, "INSERT INTO siem_target (account_id, name, host, port, transport, enabled,"
                + " created_at) VALUES (?, 'corpus-siem-0', '127.0.0.1', 514, 'TCP', FALSE, UTC_TIMESTAMP(3))", account));
        Fixtures.update(db, "INSERT INTO siem_position (target_id, last_event_id) VALUES (?, 0)", ids.get("siem"));
        // the corpus administrator's scheduled report, due in the far future (the runner leaves it alone)
        ids.put("rsched", Fixtures.insert(db, "INSERT INTO report_schedule (account_id, owner_id, name, kind, filter_parameters,"
                + " period, cadence, at_time, recipients, attach_pdf, attach_csv, next_run_at, created_at) VALUES (?, ?,"
                + " 'corpus-schedule', 'work-reports', '{}', 'PREVIOUS_MONTH', 'DAILY', '06:00', 'corpus@corpus.test', TRUE, FALSE,"
                + " '2099-01-01 06:00:00', UTC_TIMESTAMP(3))", account, admin));
        Answer doc = send("GET", "/openapi", Map.of("Accept", "application/json"), null);
        try (JsonReader reader = Json.createReader(new StringReader(doc.body()))) {
            openapi = reader.readObject();
        }
    }

    @BeforeEach
    void forgetTheLastFingerprint() {
        lastSeen = null;
    }

    @AfterAll
    static void closeFingerprints() throws SQLException {
        if (fingerprints != null) {
            fingerprints.close();
        }
    }

    // ---- the samples: one valid request per write; the corpus changes one thing at a time ---------------------

    /** A valid request: method, path, body (JSON unless it is the CSV import) and query. */
    private record Sample(String method, String path, String body, String query) {
        String key() {
            return method + " " + path;
        }

        String url() {
            String p = path;
            for (Map.Entry<String, Long> id : ids.entrySet()) {
                p = p.replace("{" + id.getKey() + "}", String.valueOf(id.getValue()));
            }
            return "/api/v1" + p + (query == null ? "" : "?" + query);
        }

        String json() {
            String b = body;
            for (Map.Entry<String, Long> id : ids.entrySet()) {
                b = b.replace("\"{" + id.getKey() + "}\"", String.valueOf(id.getValue()));
            }
            return b;
        }
    }

    private static final String USER = "\"fullName\":\"Corpus Person\",\"email\":\"corpus@example.com\",\"phone\":\"+49 170 1234567\","
            + "\"active\":true,\"temporary\":true,\"validFrom\":\"2026-01-01T00:00:00Z\",\"validUntil\":\"2027-01-01T00:00:00Z\","
            + "\"maxLogins\":5,\"groupIds\":[\"{group}\"],\"reason\":\"corpus test\"";

    private static final String RULE = "{\"builtin\":null,\"name\":\"Hot\",\"deviceId\":\"{device}\",\"projectId\":null,"
            + "\"kind\":\"ABOVE\",\"dataPoint\":\"temperature\",\"stateValue\":null,\"threshold\":80.5,\"hysteresis\":2,"
            + "\"offlineMinutes\":null,\"severity\":\"CRITICAL\",\"text\":\"Too hot\",\"enabled\":true,\"reason\":\"corpus test\"}";

    private static final String ALARM_GROUP = "{\"name\":\"Shift\",\"userGroupId\":\"{group}\",\"projectId\":null,"
            + "\"deviceId\":\"{device}\",\"minSeverity\":\"WARNING\",\"byMail\":true,\"bySms\":false,\"quietFrom\":\"22:00\","
            + "\"quietUntil\":\"06:00\",\"timeZone\":\"Europe/Berlin\",\"escalateMinutes\":10,\"escalateTo\":\"{agroup}\","
            + "\"reason\":\"corpus test\"}";

    /** The account's own syslog target, switched off (so the sender leaves it alone); 514 on loopback has no listener. */
    private static final String SIEM_TARGET = "{\"name\":\"corpus-siem\",\"scope\":\"ACCOUNT\",\"host\":\"127.0.0.1\","
            + "\"port\":514,\"transport\":\"TCP\",\"caPem\":\"not used over TCP\",\"enabled\":false,\"reason\":\"corpus test\"}";

    private static final String REPORT_SCHEDULE = "{\"name\":\"corpus-schedule\",\"kind\":\"work-reports\","
            + "\"filter\":{},\"period\":\"PREVIOUS_MONTH\",\"cadence\":\"MONTHLY\",\"weekday\":\"MONDAY\","
            + "\"monthDay\":1,\"at\":\"06:00\",\"recipients\":[\"invoices@corpus.test\"],\"pdf\":true,\"csv\":true,"
            + "\"reason\":\"corpus test\"}";

    /** Every write of the API, keyed as the OpenAPI document names it (path with its own parameter names). */
    private static final Map<String, Sample> SAMPLES = samples(
            new Sample("POST", "/devices", "{\"name\":\"corpus-new\",\"serialNumber\":\"SN-1\",\"description\":\"line 1\\nline 2\","
                    + "\"projectId\":\"{project2}\",\"lanSubnet\":\"10.1.0.0/24\",\"reason\":\"corpus test\"}", null),
            new Sample("PUT", "/devices/{device}", "{\"name\":\"corpus-device\",\"serialNumber\":\"SN-2\",\"description\":\"d\","
                    + "\"projectId\":\"{project}\",\"lanSubnet\":\"192.168.10.0/24\",\"reason\":\"corpus test\"}", null),
            new Sample("DELETE", "/devices/{device}", null, "reason=corpus+test"),
            new Sample("POST", "/devices/import", "device,lan_subnet,description,component,component_ip,services\r\n"
                    + "corpus-csv,10.2.0.0/24,from the corpus,hmi,10.2.0.7,tcp/80\r\n", "reason=corpus+test"),
            new Sample("POST", "/devices/{device}/components", "{\"name\":\"hmi\",\"ip\":\"192.168.10.9\",\"services\":\"tcp/80\","
                    + "\"web2go\":true,\"reason\":\"corpus test\"}", null),
            new Sample("POST", "/devices/{device}/vpn-profile", "{\"reason\":\"corpus test\"}", null),
            new Sample("POST", "/devices/{device}/vpn-revoke", "{\"reason\":\"corpus test\"}", null),
            new Sample("POST", "/devices/profiles", "{\"deviceIds\":[\"{device}\"],\"passphrase\":\"Corpus-Passphrase-1\","
                    + "\"reason\":\"corpus test\"}", null),
            new Sample("POST", "/grants", "{\"subjectType\":\"USER\",\"userId\":\"{user}\",\"groupId\":null,\"scopeType\":\"COMPONENTS\","
                    + "\"projectId\":null,\"deviceId\":\"{device}\",\"componentIds\":[\"{component}\"],\"reason\":\"corpus test\"}", null),
            new Sample("DELETE", "/grants/{grant}", null, "reason=corpus+test"),
            new Sample("POST", "/groups", "{\"name\":\"corpus-group\",\"description\":\"line 1\\nline 2\","
                    + "\"rights\":[\"device:view\"],\"reason\":\"corpus test\"}", null),
            new Sample("PUT", "/groups/{group}", "{\"name\":\"corpus-group-renamed\",\"description\":\"d\","
                    + "\"rights\":[\"device:view\"],\"reason\":\"corpus test\"}", null),
            new Sample("DELETE", "/groups/{group}", null, "reason=corpus+test"),
            new Sample("POST", "/projects", "{\"name\":\"corpus-project-2\",\"description\":\"d\",\"reason\":\"corpus test\"}", null),
            new Sample("PUT", "/projects/{project}", "{\"name\":\"corpus-project-3\",\"description\":\"d\",\"reason\":\"corpus test\"}",
                    null),
            new Sample("DELETE", "/projects/{project}", null, "reason=corpus+test"),
            new Sample("POST", "/users", "{\"username\":\"corpus-new\"," + USER + "}", null),
            new Sample("PUT", "/users/{user}", "{" + USER + "}", null),
            new Sample("POST", "/users/{user}/password-reset", null, "reason=corpus+test"),
            new Sample("POST", "/vpn/technician-profile", "{\"reason\":\"corpus test\"}", null),
            new Sample("PUT", "/devices/{device}/components/{componentId}", "{\"name\":\"plc\",\"ip\":\"192.168.10.5\","
                    + "\"services\":\"tcp/102\",\"web2go\":false,\"reason\":\"corpus test\"}", null),
            new Sample("DELETE", "/devices/{device}/components/{componentId}", null, "reason=corpus+test"),
            new Sample("DELETE", "/tokens/{token}", null, "reason=corpus+test"),
            new Sample("POST", "/connections", "{\"deviceId\":\"{device}\",\"reason\":\"corpus test\",\"orderNumber\":\"SO-1\"}",
                    null),
            new Sample("POST", "/connections/{connection}/disconnect", null, null),
            new Sample("POST", "/connections/{connection}/end", "{\"reason\":\"corpus test\"}", null),
            new Sample("POST", "/accounts", "{\"name\":\"corpus-new-account\",\"adminUsername\":\"boss\","
                    + "\"adminFullName\":\"Corpus Boss\",\"virtualPool\":\"172.30.0.0/16\",\"reason\":\"corpus test\"}", null),
            new Sample("POST", "/accounts/{account}/disable", "{\"reason\":\"corpus test\"}", null),
            new Sample("POST", "/accounts/{account}/enable", "{\"reason\":\"corpus test\"}", null),
            new Sample("PUT", "/accounts/{account}/virtual-pool", "{\"virtualPool\":\"172.31.0.0/16\",\"reason\":\"corpus test\"}",
                    null),
            new Sample("POST", "/alarms/{alarm}/acknowledge", "{\"comment\":\"corpus test\"}", null),
            new Sample("POST", "/alarm-rules", RULE, null),
            new Sample("PUT", "/alarm-rules/{rule}", RULE, null),
            new Sample("DELETE", "/alarm-rules/{rule}", null, "reason=corpus+test"),
            new Sample("POST", "/alarm-groups", ALARM_GROUP, null),
            new Sample("PUT", "/alarm-groups/{agroup}", ALARM_GROUP.replace("\"{agroup}\"", "null").replace("10,", "null,"), null),
            new Sample("DELETE", "/alarm-groups/{agroup}", null, "reason=corpus+test"),
            new Sample("PUT", "/work-reports/{wreport}", "{\"whatWasDone\":\"Replaced the battery\\nand tested it\","
                    + "\"orderNumber\":\"SO-1\",\"setupMinutes\":10,\"travelMinutes\":20,\"workingMinutes\":30,"
                    + "\"fields\":[{\"name\":\"Machine hours\",\"value\":\"12.5\"}]}", null),
            new Sample("POST", "/approval-requests", "{\"deviceId\":\"{device}\",\"reason\":\"corpus test\","
                    + "\"orderNumber\":\"SO-1\",\"start\":null,\"minutes\":60}", null),
            new Sample("POST", "/approval-requests/{areq}/approve", "{\"comment\":\"corpus test\",\"start\":null,"
                    + "\"minutes\":30}", null),
            new Sample("POST", "/approval-requests/{areq}/refuse", "{\"comment\":\"corpus test\",\"start\":null,"
                    + "\"minutes\":null}", null),
            new Sample("POST", "/approval-requests/{areq}/end", "{\"comment\":\"corpus test\",\"start\":null,"
                    + "\"minutes\":null}", null),
            new Sample("PUT", "/approval/devices/{device}", "{\"mode\":\"GROUP\",\"userGroupId\":\"{group}\","
                    + "\"reason\":\"corpus test\"}", null),
            new Sample("PUT", "/approval/projects/{project}", "{\"mode\":\"GROUP\",\"userGroupId\":\"{group}\","
                    + "\"reason\":\"corpus test\"}", null),
            new Sample("PUT", "/approval/settings", "{\"expireMinutes\":60,\"reason\":\"corpus test\"}", null),
            new Sample("PUT", "/devices/{device}/key-switch", "{\"choice\":\"on\",\"reason\":\"corpus test\"}", null),
            new Sample("PUT", "/projects/{project}/key-switch", "{\"choice\":\"on\",\"reason\":\"corpus test\"}", null),
            new Sample("POST", "/siem-targets", SIEM_TARGET, null),
            new Sample("PUT", "/siem-targets/{siem}", SIEM_TARGET, null),
            new Sample("DELETE", "/siem-targets/{siem}", null, "reason=corpus+test"),
            new Sample("POST", "/siem-targets/{siem}/test", null, null),
            new Sample("POST", "/report-schedules", REPORT_SCHEDULE, null),
            new Sample("PUT", "/report-schedules/{rsched}", REPORT_SCHEDULE, null),
            new Sample("DELETE", "/report-schedules/{rsched}", null, "reason=corpus+test"),
            new Sample("POST", "/report-schedules/{rsched}/send-now", null, null),
            new Sample("PUT", "/report-schedules/time-zone", "{\"timeZone\":\"Europe/Berlin\",\"reason\":\"corpus test\"}", null));

    private static Map<String, Sample> samples(Sample... all) {
        Map<String, Sample> byKey = new LinkedHashMap<>();
        for (Sample s : all) {
            byKey.put(s.method() + " " + s.path().replaceAll("\\{[a-z]+}", "{id}"), s);
        }
        return byKey;
    }

    // ---- the corpus ---------------------------------------------------------------------------------------

    @Test
    @Order(1)
    @DisplayName("every write of the API (from its OpenAPI document) has a sample in this corpus")
    void everyWriteHasASample() {
        List<String> writes = new ArrayList<>();
        openapi.getJsonObject("paths").forEach((path, ops) -> ops.asJsonObject().keySet().stream()
                .filter(m -> List.of("post", "put", "delete", "patch").contains(m))
                .forEach(m -> writes.add(m.toUpperCase() + " " + path.substring("/api/v1".length()))));

        assertThat(SAMPLES.keySet()).as("add a sample for each new write to ApiBadInputIT.SAMPLES")
                .containsExactlyInAnyOrderElementsOf(writes);
    }

    @Test
    @Order(2)
    @DisplayName("JSON of the wrong shape in any field (lenient booleans, fractions, null in lists, years after 9999, bad text)"
            + " is a 400 problem, and nothing is stored")
    void fieldCorpus() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Sample sample : SAMPLES.values()) {
            if (sample.body() == null || sample.path().endsWith("/import")) {
                continue;
            }
            JsonObject base = parse(sample.json());
            for (Map.Entry<String, String> property : properties(sample).entrySet()) {
                for (String bad : badValues(property.getKey(), property.getValue())) {
                    String body = with(base, property.getKey(), bad);
                    expectRefused(failures, sample, sample.url(), "application/json",
                            body.getBytes(StandardCharsets.UTF_8), property.getKey() + "=" + printable(bad));
                }
            }
        }
        assertThat(failures).as("requests not refused with 4xx problem+json, or that stored something").isEmpty();
    }

    @Test
    @Order(3)
    @DisplayName("bodies that are not UTF-8 JSON (invalid bytes, overlong forms, encoded surrogates, another declared charset,"
            + " an unparsable Content-Type, not JSON, duplicate or unknown fields, too big) are a 4xx problem")
    void bodyCorpus() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Sample sample : SAMPLES.values()) {
            if (sample.body() == null || sample.path().endsWith("/import")) {
                continue;
            }
            String json = sample.json();
            String field = properties(sample).entrySet().stream().filter(p -> p.getValue().equals("string"))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            for (Map.Entry<String, byte[]> broken : brokenUtf8().entrySet()) {
                expectRefused(failures, sample, sample.url(), "application/json", withRawBytes(parse(json), field, broken.getValue()),
                        field + " with " + broken.getKey());
            }
            expectRefused(failures, sample, sample.url(), "application/json; charset=ISO-8859-1",
                    json.getBytes(StandardCharsets.ISO_8859_1), "declared charset ISO-8859-1");
            for (String type : List.of("application/json; charset=\"", ";;;/\"", "application/json; charset=utf-8; charset=latin1")) {
                expectRefused(failures, sample, sample.url(), type, json.getBytes(StandardCharsets.UTF_8), "Content-Type " + type);
            }
            for (String notJson : List.of("{not json", "[]", "\"text\"", "42", "{\"reason\":\"x\"," + json.substring(1), json.substring(0, json.length() - 1) + ",\"noSuchField\":1}")) {
                expectRefused(failures, sample, sample.url(), "application/json", notJson.getBytes(StandardCharsets.UTF_8),
                        "body " + printable(notJson.length() > 60 ? notJson.substring(0, 60) + "…" : notJson));
            }
            String big = json.substring(0, json.length() - 1) + ",\"reason\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
            expectRefused(failures, sample, sample.url(), "application/json", big.getBytes(StandardCharsets.UTF_8), "a 2 MiB body");
        }
        assertThat(failures).as("bodies not refused with 4xx problem+json, or that stored something").isEmpty();
    }

    @Test
    @Order(4)
    @DisplayName("query parameters: ?reason= in a broken encoding or with control characters, ?dryRun= that is not a boolean,"
            + " and the CSV import's file in a broken encoding are a 4xx problem, and nothing is stored")
    void queryAndCsvCorpus() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Sample sample : SAMPLES.values()) {
            if (sample.query() == null) {
                continue;
            }
            for (String reason : List.of("%FF%FE", "%C0%AF%C0%AF%C0%AF", "%ED%A0%80abc", "abc%00def", "abc%01def", "abc%1B%5B2J")) {
                Sample bad = new Sample(sample.method(), sample.path(), sample.body(), "reason=" + reason);
                expectRefused(failures, sample, bad.url(), contentType(sample), body(sample), "?reason=" + reason);
            }
        }
        Sample csv = SAMPLES.get("POST /devices/import");
        for (String dryRun : List.of("1", "yes", "on", "TRUE", "")) {
            expectRefused(failures, csv, csv.url() + "&dryRun=" + dryRun, "text/csv", body(csv), "?dryRun=" + dryRun);
        }
        expectRefused(failures, csv, csv.url(), "text/csv; charset=ISO-8859-1", csv.body().getBytes(StandardCharsets.ISO_8859_1),
                "CSV with declared charset ISO-8859-1");
        for (Map.Entry<String, byte[]> broken : brokenUtf8().entrySet()) {
            byte[] file = csvWith(broken.getValue());
            expectRefused(failures, csv, csv.url(), "text/csv", file, "CSV with " + broken.getKey());
        }
        for (String control : ONE_LINE_ATTACKS) {
            byte[] file = ("device,lan_subnet,component,component_ip,services\r\ncsv-" + control.replace("\n", "\n\"")
                    + ",10.3.0.0/24,plc,10.3.0.5,tcp/102\r\n").getBytes(StandardCharsets.UTF_8);
            if (control.contains("\n") || control.contains("\r")) {
                file = ("device,lan_subnet,component,component_ip,services\r\n\"csv-" + control
                        + "\",10.3.0.0/24,plc,10.3.0.5,tcp/102\r\n").getBytes(StandardCharsets.UTF_8);
            }
            expectRefused(failures, csv, csv.url(), "text/csv", file, "CSV device name " + printable(control));
        }
        assertThat(failures).as("query parameters and CSV files not refused with 4xx problem+json, or that stored something")
                .isEmpty();
    }

    @Test
    @Order(5)
    @DisplayName("the CSV check (dry run) names the line of a broken encoding or a control character, and stores nothing")
    void csvDryRunNamesTheLine() throws Exception {
        Sample csv = SAMPLES.get("POST /devices/import");
        Map<String, String> before = fingerprint();

        Answer broken = send("POST", csv.url() + "&dryRun=true", Map.of("Content-Type", "text/csv"), csvWith(new byte[] {(byte) 0xC0,
                (byte) 0xAF}));
        Answer control = send("POST", csv.url() + "&dryRun=true", Map.of("Content-Type", "text/csv"),
                "device,lan_subnet\r\nok-1,10.4.0.0/24\r\nbell\u0007,10.5.0.0/24\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(broken.status()).isEqualTo(200);
        assertThat(broken.json().getJsonArray("problems").getJsonObject(0).getInt("line")).isEqualTo(3);
        assertThat(broken.json().getJsonArray("problems").getJsonObject(0).getString("message")).contains("UTF-8");
        assertThat(control.json().getJsonArray("problems").getJsonObject(0).getInt("line")).isEqualTo(3);
        assertThat(control.json().getJsonArray("problems").getJsonObject(0).getString("message")).contains("control character");
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    @Order(6)
    @DisplayName("every paged list refuses pages beyond int, page × size beyond int, negative pages and fractions with 400")
    void pagingCorpus() throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> lists = new ArrayList<>();
        openapi.getJsonObject("paths").forEach((path, ops) -> {
            JsonObject get = ops.asJsonObject().getJsonObject("get");
            if (get == null || !get.containsKey("parameters") || get.getJsonArray("parameters").stream()
                    .noneMatch(p -> p.asJsonObject().getString("name").equals("page"))) {
                return;
            }
            lists.add(path);
            String url = path.replace("{id}", String.valueOf(ids.get("user"))).replace("{componentId}",
                    String.valueOf(ids.get("component")));
            if (path.startsWith("/api/v1/devices/{id}")) {
                url = path.replace("{id}", String.valueOf(ids.get("device")));
            }
            for (String paging : List.of("page=2147483647&size=200", "page=10737419&size=200", "page=99999999999", "page=-1",
                    "page=1.5", "page=1e3", "size=0", "size=201", "size=abc", "page=%FF")) {
                Sample list = new Sample("GET", path, null, null);
                try {
                    expectRefused(failures, list, url + "?" + paging, null, null, "GET ?" + paging);
                } catch (Exception e) {
                    failures.add(path + "?" + paging + ": " + e);
                }
            }
        });
        assertThat(lists).as("the paged lists found in the OpenAPI document").contains("/api/v1/devices", "/api/v1/users",
                "/api/v1/groups", "/api/v1/grants", "/api/v1/audit", "/api/v1/projects", "/api/v1/devices/{id}/components",
                "/api/v1/users/{id}/reach", "/api/v1/grants/components/{componentId}", "/api/v1/accounts");
        assertThat(failures).as("paged lists that did not refuse bad paging with 400 problem+json").isEmpty();
    }

    @Test
    @Order(7)
    @DisplayName("requests the container refuses before the portal's code reads them (a URL over 8 KB, %0A or ; in a path, an"
            + " unparsable Content-Type) answer problem+json under /api/")
    void containerCorpus() throws Exception {
        List<String> failures = new ArrayList<>();
        Sample get = new Sample("GET", "/devices", null, null);
        String device = "/api/v1/devices/" + ids.get("device");
        for (String url : List.of("/api/v1/devices?filter=" + "x".repeat(9000), "/api/v1/devices?filter=" + "x".repeat(20000),
                "/api/v1/devices/%0A", "/api/v1/devices/%0D%0A", "/api/v1/devices/a;b", "/api/v1/devices?filter=%FF",
                "/api/v1/devices?filter=%C0%AF", "/api/v1/devices/99999999999999999999")) {
            expectRefused(failures, get, url, null, null, "GET " + (url.length() > 80 ? url.substring(0, 80) + "…" : url));
        }
        Sample put = SAMPLES.get("PUT /devices/{id}");
        for (String type : List.of("nonsense", "application/", "/json", "application/json;;;=", "application/json; charset=\"")) {
            expectRefused(failures, put, device, type, put.json().getBytes(StandardCharsets.UTF_8), "Content-Type " + type);
        }
        assertThat(failures).as("container refusals without a problem+json body").isEmpty();
    }

    @Test
    @Order(7)
    @DisplayName("a path the container cannot decode at all (%00, bytes that are not UTF-8, a backslash) is refused with 400"
            + " before any of the portal's code runs, and nothing is stored")
    void undecodablePaths() throws Exception {
        Map<String, String> before = fingerprint();
        for (String path : List.of("/api/v1/devices/%00", "/api/v1/devices/%FF", "/api/v1/devices/%C0%AF", "/api/v1/devices/%5C")) {
            Answer a = send("DELETE", path + "?reason=corpus+test", Map.of(), null);

            assertThat(a.status()).as(path).isEqualTo(400);
            assertThat(a.body()).as(path).doesNotContain("Exception", "Payara");
        }
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    @Order(8)
    @DisplayName("the samples themselves are valid: the corpus changed one thing at a time of a request the API accepts")
    void samplesAreValid() throws Exception {
        List<String> refused = new ArrayList<>();
        List<String> order = List.of("PUT /devices/{id}", "PUT /groups/{id}", "PUT /projects/{id}", "PUT /users/{id}",
                "POST /devices", "POST /devices/import", "POST /devices/{id}/components", "POST /grants", "POST /groups",
                "POST /projects", "POST /users", "POST /users/{id}/password-reset", "DELETE /grants/{id}",
                "DELETE /devices/{id}", "DELETE /groups/{id}", "DELETE /projects/{id}", "POST /accounts",
                "PUT /accounts/{id}/virtual-pool", "POST /accounts/{id}/disable", "POST /accounts/{id}/enable",
                "PUT /work-reports/{id}");
        for (String key : order) {
            Sample s = SAMPLES.get(key);
            Answer a = send(s.method(), s.url(), s.body() == null ? Map.of() : Map.of("Content-Type", contentType(s)), body(s));
            if (a.status() / 100 != 2) {
                refused.add(key + " → " + a.status() + " " + a.body());
            }
        }
        assertThat(refused).isEmpty();
    }

    // ---- what is bad, per JSON type -----------------------------------------------------------------------

    /** Each property of the sample's request body with its OpenAPI type (string, boolean, integer, number, array:T, object). */
    private static Map<String, String> properties(Sample sample) {
        JsonObject op = openapi.getJsonObject("paths").getJsonObject("/api/v1" + sample.path().replaceAll("\\{[a-z]+}", "{id}"))
                .getJsonObject(sample.method().toLowerCase());
        String ref = op.getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json")
                .getJsonObject("schema").getString("$ref");
        JsonObject schema = openapi.getJsonObject("components").getJsonObject("schemas").getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
        Map<String, String> types = new LinkedHashMap<>();
        schema.getJsonObject("properties").forEach((name, s) -> {
            JsonObject p = s.asJsonObject();
            String type = p.getString("type", "object");
            types.put(name, type.equals("array") ? "array:" + p.getJsonObject("items").getString("type", "object") : type);
        });
        return types;
    }

    /** Values (as JSON text) that the property must refuse. */
    private static List<String> badValues(String name, String type) {
        List<String> bad = new ArrayList<>();
        switch (type) {
            case "string" -> {
                bad.add(quote("x".repeat(65536)));
                bad.add("\"\\ud800 lone high surrogate\"");
                bad.add("\"lone low \\udc00\"");
                bad.add("5");
                bad.add("true");
                bad.add("[\"a\"]");
                (MULTI_LINE_FIELDS.contains(name) ? MULTI_LINE_ATTACKS : ONE_LINE_ATTACKS).forEach(v -> bad.add(quote(v)));
            }
            case "boolean" -> bad.addAll(List.of("\"yes\"", "\"true\"", "\"no\"", "1", "0", "\"\""));
            case "integer" -> bad.addAll(List.of("1.5", "\"1\"", "99999999999999999999999", "-0.5", "true"));
            case "number" -> bad.addAll(List.of("\"1\"", "1e400", "-1e999999999", "true", "[1]"));
            case "object" -> bad.addAll(List.of("\"+10000-01-01T00:00:00Z\"", "\"+99999-12-31T23:59:59Z\"", "\"tomorrow\"", "5",
                    "\"-1000000-01-01T00:00:00Z\""));
            default -> {
                if (type.startsWith("array:")) {
                    bad.addAll(List.of("[null]", "[\"x\", null]", "\"not a list\"", "[[1]]"));
                    bad.addAll(type.equals("array:string") ? List.of("[\"device:view\",null]", "[5]", "[\"\\ud800\"]")
                            : List.of("[1.5]", "[\"1\"]", "[99999999999999999999999]", "[true]"));
                }
            }
        }
        return bad;
    }

    private static Map<String, byte[]> brokenUtf8() {
        Map<String, byte[]> broken = new LinkedHashMap<>();
        broken.put("an invalid byte FF", new byte[] {(byte) 0xFF});
        broken.put("a lone continuation byte 80", new byte[] {'a', (byte) 0x80, 'b'});
        broken.put("an overlong '/' C0 AF", new byte[] {(byte) 0xC0, (byte) 0xAF});
        broken.put("an overlong NUL C0 80", new byte[] {(byte) 0xC0, (byte) 0x80});
        broken.put("an overlong E0 80 AF", new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF});
        broken.put("an encoded surrogate ED A0 80", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        broken.put("a 5-byte form F8 88 80 80 80", new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});
        broken.put("a cut sequence E2 82", new byte[] {(byte) 0xE2, (byte) 0x82});
        return broken;
    }

    // ---- sending and judging ------------------------------------------------------------------------------

    /** An answer: status, content type, body. */
    private record Answer(int status, String contentType, String body) {
        JsonObject json() {
            return parse(body);
        }
    }

    private static void expectRefused(List<String> failures, Sample sample, String url, String contentType, byte[] body,
                                      String what) throws Exception {
        Map<String, String> before = lastSeen == null ? fingerprint() : lastSeen;
        Map<String, String> headers = contentType == null ? Map.of() : Map.of("Content-Type", contentType);
        Answer a;
        try {
            a = send(sample.method(), url, headers, body);
        } catch (IOException e) {
            failures.add(sample.key() + " " + what + ": no answer (" + e + ")");
            lastSeen = null;
            return;
        }
        Map<String, String> after = fingerprint();
        lastSeen = after;
        String problem = problem(a);
        if (a.status() < 400 || a.status() > 499 || problem != null) {
            failures.add(sample.key() + " " + what + ": " + a.status() + " " + a.contentType() + " "
                    + (problem == null ? "" : problem + " ") + abbreviate(a.body()));
        }
        if (!after.equals(before)) {
            failures.add(sample.key() + " " + what + ": STORED something (" + a.status() + "): changed "
                    + before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t))).toList());
        }
    }

    /** What is wrong with the answer as an RFC 9457 problem, or null. */
    private static String problem(Answer a) {
        if (!a.contentType().startsWith("application/problem+json")) {
            return "(not problem+json)";
        }
        try {
            JsonObject p = a.json();
            if (p.getInt("status", -1) != a.status()) {
                return "(problem status " + p.get("status") + ")";
            }
            if (a.body().contains("Exception") || a.body().contains("\tat ")) {
                return "(a stack trace)";
            }
            return null;
        } catch (RuntimeException e) {
            return "(body is not JSON)";
        }
    }

    private static Answer send(String method, String url, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ArquillianPortal.httpsUrl() + url.substring(1)))
                .timeout(Duration.ofMinutes(2)).header("Accept", "application/json")
                .header("Authorization", "Bearer " + (url.startsWith("/api/v1/accounts") ? SYSTEM_ADMIN_TOKEN : TOKEN));
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                new String(r.body(), StandardCharsets.UTF_8));
    }

    /**
     * Every table a write of the API can change (the accounts' data, the audit trail, VPN clients) with its checksum;
     * not {@code api_token}, whose last use each request updates.
     */
    private static Map<String, String> fingerprint() throws SQLException {
        Map<String, String> f = new LinkedHashMap<>();
        try (Statement s = fingerprints.createStatement();
             ResultSet rs = s.executeQuery("CHECKSUM TABLE account, app_user, user_group, group_right, group_membership,"
                     + " project, device, component, access_grant, audit_event, vpn_client, vpn_credential, connection,"
                     + " connection_component, approval_rule, approval_account_setting, approval_request, key_switch_requirement,"
                     + " work_report, work_report_version, siem_target, report_schedule")) {
            while (rs.next()) {
                f.put(rs.getString(1).replaceFirst(".*\\.", ""), rs.getString(2));
            }
        }
        return f;
    }

    private static String contentType(Sample s) {
        return s.body() == null ? null : s.path().endsWith("/import") ? "text/csv" : "application/json";
    }

    private static byte[] body(Sample s) {
        return s.body() == null ? null : (s.path().endsWith("/import") ? s.body() : s.json()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] csvWith(byte[] broken) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("device,lan_subnet,description\r\nfine,10.6.0.0/24,ok\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("broken,10.7.0.0/24,desc ".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(broken);
        out.writeBytes(" end\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /** The object's JSON with one property set to {@code jsonValue} (JSON text). */
    private static String with(JsonObject base, String name, String jsonValue) {
        StringBuilder out = new StringBuilder("{");
        TreeSet<String> names = new TreeSet<>(base.keySet());
        names.add(name);
        for (String n : names) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(quote(n)).append(':').append(n.equals(name) ? jsonValue : base.get(n).toString());
        }
        return out.append('}').toString();
    }

    /** The object's JSON with the string property {@code name} holding raw (not escaped) bytes. */
    private static byte[] withRawBytes(JsonObject base, String name, byte[] raw) {
        String marker = "RAW-BYTES-HERE";
        String json = with(base, name, quote("text " + marker + " text"));
        int at = json.indexOf(marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(json.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(json.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String quote(String s) {
        return Json.createValue(s).toString();
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(40).forEach(c -> out.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return out + (s.length() > 40 ? "…(" + s.length() + " chars)" : "");
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
    }
}
