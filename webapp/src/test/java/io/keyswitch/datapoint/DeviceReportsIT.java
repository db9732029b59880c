package io.keyswitch.datapoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.FacesClient;
import io.keyswitch.testing.FacesClient.Page;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.LocalAddressClient;
import io.keyswitch.testing.MovableClock;
import io.keyswitch.testing.TestDirs;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * Device reports through the running portal, as a router sends them: {@code POST /api/v1/device-reports} with the
 * device's VPN identity and secret (made through the device API, as an administrator does), Basic or Bearer; data
 * points stored as current values and history; bad reports refused whole with a problem naming the field; wrong
 * secrets audited and jailed (from an address of their own, 127.0.0.23, so the other tests' address stays free);
 * another account's device out of reach; the tunnel wanted per the device's mode and a technician's connection; last
 * seen and online/offline on the device list and page. The deployment carries {@link MovableClock} for "offline".
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Device reports: authentication, storage, refusals, jail, tunnel demand, last seen (API and pages)")
class DeviceReportsIT {

    private static final String PASSWORD = "Device-Reports-IT-2026";
    private static final String ADMIN = "ks_" + "R".repeat(16) + "reportAlphaAdmin";
    private static final String TECH = "ks_" + "S".repeat(16) + "reportAlphaTech1";
    private static final String BETA_ADMIN = "ks_" + "T".repeat(16) + "reportBetaAdmin1";
    private static final String JAILED_ADDRESS = "127.0.0.23";

    private static DatabaseCoordinates db;
    private static long alpha;
    private static long press;
    private static Credentials pressDevice;
    private static Credentials jailDevice;
    private static Credentials betaDevice;
    private static Credentials ovenDevice;
    /** The start of the hour three hours before the test ran: the history tests' values are in it and the next. */
    private static final java.time.Instant H = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS)
            .minus(Duration.ofHours(3));

    private record Credentials(long id, String identity, String secret) {
        String basic() {
            return "Basic " + Base64.getEncoder().encodeToString((identity + ":" + secret).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war").importFrom(TestDirs.war().toFile()).as(WebArchive.class)
                .addClass(MovableClock.class).addClass(MovableClock.class.getName() + "$Offset");
    }

    @BeforeAll
    static void arrange() throws Exception {
        db = ArquillianPortal.database();
        alpha = Fixtures.account(db, "alpha-reports");
        long beta = Fixtures.account(db, "beta-reports");
        List<String> admin = List.of("device:view", "device:edit", "component:edit", "connection:view", "audit:view");
        Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "admin", PASSWORD, admin), ADMIN);
        Fixtures.apiToken(db, beta, Fixtures.user(db, beta, "admin", PASSWORD, admin), BETA_ADMIN);
        long tech = Fixtures.user(db, alpha, "tech", PASSWORD, List.of("device:connect"));
        Fixtures.apiToken(db, alpha, tech, TECH);
        String pool = Fixtures.firstVirtualSubnet(db, alpha);
        press = Fixtures.device(db, alpha, "Press 1", "192.168.0.0/24", pool);
        Fixtures.component(db, alpha, press, "PLC", "192.168.0.10", "tcp/102");
        long jail = Fixtures.device(db, alpha, "Jail test", "192.168.0.0/24", pool.replace(".0.0/24", ".1.0/24"));
        long betaPress = Fixtures.device(db, beta, "Beta press", "192.168.0.0/24", Fixtures.firstVirtualSubnet(db, beta));
        long oven = Fixtures.device(db, alpha, "Oven 1", "192.168.0.0/24", pool.replace(".0.0/24", ".2.0/24"));
        Fixtures.update(db, "INSERT INTO access_grant (account_id, user_id, device_id, created_at) VALUES (?, ?, ?,"
                + " UTC_TIMESTAMP(3))", alpha, tech, press);
        pressDevice = profile(ADMIN, press);
        jailDevice = profile(ADMIN, jail);
        betaDevice = profile(BETA_ADMIN, betaPress);
        ovenDevice = profile(ADMIN, oven);
    }

    @AfterAll
    static void realTimeAgain() throws Exception {
        Files.deleteIfExists(ArquillianPortal.home().resolve("test-clock-offset"));
    }

    /** The device's identity and secret, as the device page shows them once. */
    private static Credentials profile(String token, long deviceId) {
        Answer made = api(token).post("/devices/" + deviceId + "/vpn-profile", "{\"reason\":\"router commissioning\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        return new Credentials(deviceId, made.json().getString("identity"), made.json().getString("secret"));
    }

    private static ApiClient api(String token) {
        return new ApiClient(ArquillianPortal.httpsUrl() + "api/v1", token);
    }

    private static Answer report(String authorization, String json) {
        return ApiClient.withAuthorization(ArquillianPortal.httpsUrl() + "api/v1", authorization).post("/device-reports", json);
    }

    private static long rows(String table, long deviceId) throws Exception {
        return Fixtures.count(db, table.equals("data_point") ? "SELECT COUNT(*) FROM data_point WHERE device_id = ?"
                : "SELECT COUNT(*) FROM data_point_value v JOIN data_point p ON p.id = v.data_point_id WHERE p.device_id = ?",
                deviceId);
    }

    private static void assertProblem(Answer a, int status, String field, String text) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.body()).doesNotContain("Exception", "at org.", "at io.");
        if (field != null) {
            assertThat(a.json().getJsonObject("errors").getString(field, "")).as(a.body()).contains(text);
        }
    }

    @Test
    @Order(1)
    @DisplayName("a report with Basic authentication is stored (current values and history) and answered: tunnel wanted"
            + " (mode ALWAYS, the default), interval 60 s")
    void basicReport() throws Exception {
        // Act
        Answer a = report(pressDevice.basic(), """
                {"system": {"in1": true, "in2": false, "usb": "removed", "signal": -71, "wan": "203.0.113.7", "uptime": 3600},
                 "values": [{"name": "temperature", "value": 21.5, "unit": "°C"}, {"name": "running", "value": true},
                            {"name": "plc.state", "value": "RUN"}]}""");

        // Assert
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonObject answer = a.json();
        assertThat(answer.getString("tunnel")).isEqualTo("wanted");
        assertThat(answer.getInt("interval")).isEqualTo(60);
        assertThat(answer.getInt("stored")).isEqualTo(9);
        assertThat(rows("data_point", press)).isEqualTo(9);
        assertThat(rows("data_point_value", press)).isEqualTo(9);
        assertThat(Fixtures.string(db, "SELECT CONCAT(kind, ' ', last_number, ' ', unit) FROM data_point WHERE device_id = ?"
                + " AND name = 'temperature'", press)).isEqualTo("NUMBER 21.5 °C");
        assertThat(Fixtures.string(db, "SELECT last_text FROM data_point WHERE device_id = ? AND name = 'usb'", press))
                .isEqualTo("removed");
        assertThat(Fixtures.string(db, "SELECT CONCAT(account_id, ' ', reports) FROM device_report WHERE device_id = ?", press))
                .isEqualTo(alpha + " 1");
    }

    @Test
    @Order(2)
    @DisplayName("Bearer with the device in the body works too; an unchanged value is not stored again, a changed one is")
    void bearerAndChanges() throws Exception {
        // Arrange
        long before = rows("data_point_value", press);

        // Act
        Answer same = report("Bearer " + pressDevice.secret(), "{\"device\":\"" + pressDevice.identity() + "\","
                + "\"system\":{\"in1\":true},\"values\":[{\"name\":\"temperature\",\"value\":21.5,\"unit\":\"°C\"}]}");
        Answer changed = report("Bearer " + pressDevice.secret(), "{\"device\":\"" + pressDevice.identity() + "\","
                + "\"system\":{\"in1\":false,\"usb\":\"plugged\"}}");

        // Assert
        assertThat(same.status()).as(same.body()).isEqualTo(200);
        assertThat(same.json().getInt("stored")).isZero();
        assertThat(changed.json().getInt("stored")).isEqualTo(2);
        assertThat(rows("data_point_value", press)).isEqualTo(before + 2);
        assertThat(Fixtures.string(db, "SELECT last_number FROM data_point WHERE device_id = ? AND name = 'in1'", press))
                .isEqualTo("0");
    }

    @Test
    @Order(3)
    @DisplayName("malformed, mistyped, oversized and overfull reports are 400 problems naming the field, and nothing is stored")
    void badReports() throws Exception {
        // Arrange
        long points = rows("data_point", press);
        long values = rows("data_point_value", press);
        String auth = pressDevice.basic();
        String fifty = IntStream.range(0, 50).mapToObj(i -> "{\"name\":\"new" + i + "\",\"value\":" + i + "}")
                .collect(Collectors.joining(","));

        // Act + Assert
        assertProblem(report(auth, "{not json"), 400, "body", "not JSON");
        assertProblem(report(auth, "{\"system\":{\"in1\":\"yes\"}}"), 400, "system.in1", "true or false");
        assertProblem(report(auth, "{\"system\":{\"in3\":true}}"), 400, "system.in3", "no field 'in3'");
        assertProblem(report(auth, "{\"time\":\"yesterday\",\"system\":{\"in1\":true}}"), 400, "time", "UTC time");
        assertProblem(report(auth, "{\"values\":[{\"name\":\"ok\",\"value\":1},{\"name\":\"note\",\"value\":\""
                + "x".repeat(256) + "\"}]}"), 400, "values[1].value", "at most 255");
        assertProblem(report(auth, "{\"values\":[{\"name\":\"ok\",\"value\":1},{\"name\":\"temperature\",\"value\":\"warm\"}]}"),
                400, "values[1]", "'temperature' is a data point of numbers, not of text.");
        assertProblem(report(auth, "{\"values\":[" + fifty + ",{\"name\":\"one-more\",\"value\":1}]}"), 400, "values",
                "at most 50 values");
        assertProblem(report(auth, "{\"system\":{\"in1\":true},\"values\":[" + fifty + "]}"), 400, "values",
                "at most 50 values");
        assertProblem(report(auth, "{\"time\":\"2099-01-01T00:00:00Z\",\"system\":{\"in1\":true}}"), 400, "time",
                "ahead of the portal's clock");
        assertProblem(report(auth, ""), 400, "body", "Send the report as JSON");
        assertThat(rows("data_point", press)).as("no point was made").isEqualTo(points);
        assertThat(rows("data_point_value", press)).as("no value was stored").isEqualTo(values);
        assertThat(Fixtures.string(db, "SELECT ok FROM (SELECT COUNT(*) AS ok FROM data_point WHERE name = 'ok') x"))
                .isEqualTo("0");
    }

    @Test
    @Order(4)
    @DisplayName("unknown names make new data points up to the device's limit (100), beyond which the report is refused whole")
    void unknownNamesAndLimit() throws Exception {
        // Arrange: 9 points so far; 50 + 41 new ones make 100
        String fifty = IntStream.range(0, 50).mapToObj(i -> "{\"name\":\"a" + i + "\",\"value\":" + i + "}")
                .collect(Collectors.joining(","));
        String fortyOne = IntStream.range(0, 41).mapToObj(i -> "{\"name\":\"b" + i + "\",\"value\":" + i + "}")
                .collect(Collectors.joining(","));

        // Act
        Answer first = report(pressDevice.basic(), "{\"values\":[" + fifty + "]}");
        Answer second = report(pressDevice.basic(), "{\"values\":[" + fortyOne + "]}");
        Answer beyond = report(pressDevice.basic(), "{\"values\":[{\"name\":\"a0\",\"value\":99},{\"name\":\"c0\",\"value\":1}]}");

        // Assert
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(rows("data_point", press)).isEqualTo(100);
        assertProblem(beyond, 400, "values", "at most 100 data points");
        assertThat(Fixtures.string(db, "SELECT last_number FROM data_point WHERE device_id = ? AND name = 'a0'", press))
                .as("the known value of the refused report was not taken either").isEqualTo("0");
    }

    @Test
    @Order(5)
    @DisplayName("a wrong secret, another device's identity or no credentials are 401 problems; known devices' refusals are"
            + " audited; nothing is stored for the device named")
    void wrongCredentials() throws Exception {
        // Arrange
        String body = "{\"system\":{\"in1\":true}}";
        long betaValues = rows("data_point_value", betaDevice.id());

        // Act
        Answer wrong = report(new Credentials(press, pressDevice.identity(), "a".repeat(32)).basic(), body);
        Answer crossAccount = report(new Credentials(0, betaDevice.identity(), pressDevice.secret()).basic(), body);
        Answer none = report(null, body);
        Answer apiToken = report("Bearer " + ADMIN, body);

        // Assert
        for (Answer a : List.of(wrong, crossAccount, none, apiToken)) {
            assertProblem(a, 401, null, null);
        }
        assertThat(wrong.body()).as("the same answer whichever part was wrong").isEqualTo(crossAccount.body());
        assertThat(rows("data_point_value", betaDevice.id())).isEqualTo(betaValues);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM device_report WHERE device_id = ?", betaDevice.id())).isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE action = 'device.report-refused' AND target = ?",
                "device:" + betaDevice.id()) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Fixtures.string(db, "SELECT CONCAT(outcome, ' | ', reason) FROM audit_event WHERE action ="
                + " 'device.report-refused' AND target = ?", "device:" + press)).contains("wrong device secret");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE action = 'device.report-refused' AND target = ?",
                "device:" + betaDevice.id())).as("the other account's device saw the attempt in its own trail").isOne();
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE action = 'device.report-refused' AND target = ?"
                + " AND account_id = ?", "device:" + betaDevice.id(), alpha)).isZero();
    }

    @Test
    @Order(6)
    @DisplayName("after 5 wrong secrets from one address it is jailed: even the right secret gets 429 with Retry-After,"
            + " as after wrong VPN logins")
    void jail() throws Exception {
        // Arrange
        LocalAddressClient attacker = new LocalAddressClient(ArquillianPortal.httpsUrl(), JAILED_ADDRESS);
        String body = "{\"system\":{\"in1\":true}}";
        String wrong = new Credentials(0, jailDevice.identity(), "b".repeat(32)).basic();

        // Act
        List<Integer> tries = IntStream.range(0, 5).mapToObj(i -> attacker.postJson("/api/v1/device-reports", wrong, body)
                .status()).toList();
        Page right = attacker.postJson("/api/v1/device-reports", jailDevice.basic(), body);

        // Assert
        assertThat(tries).containsOnly(401);
        assertThat(right.status()).as(right.body()).isEqualTo(429);
        assertThat(right.body()).contains("Too many failed logins");
        assertThat(attacker.lastHeaders()).containsKey("Retry-After");
        assertThat(rows("data_point", jailDevice.id())).isZero();
        assertThat(report(pressDevice.basic(), body).status()).as("another device from another address is not affected")
                .isEqualTo(200);
    }

    @Test
    @Order(7)
    @DisplayName("a device set to ON_DEMAND (with a reason, audited) hears 'not-needed' until a technician's connection"
            + " waits for its tunnel; another account cannot change it")
    void tunnelOnDemand() throws Exception {
        // Arrange
        Answer set = api(ADMIN).put("/devices/" + press, "{\"name\":\"Press 1\",\"lanSubnet\":\"192.168.0.0/24\","
                + "\"tunnelMode\":\"ON_DEMAND\",\"reason\":\"save mobile data\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().getString("tunnelMode")).isEqualTo("ON_DEMAND");
        assertThat(Fixtures.string(db, "SELECT reason FROM audit_event WHERE action = 'device.update' AND target = ?"
                + " AND details LIKE '%tunnelMode%'", "device:" + press)).isEqualTo("save mobile data");
        assertThat(api(BETA_ADMIN).put("/devices/" + press, "{\"name\":\"Press 1\",\"lanSubnet\":\"192.168.0.0/24\","
                + "\"tunnelMode\":\"ALWAYS\",\"reason\":\"across accounts\"}").status()).isEqualTo(404);
        String body = "{\"system\":{\"in1\":true}}";

        // Act
        Answer idle = report(pressDevice.basic(), body);
        Answer connect = api(TECH).post("/connections", "{\"deviceId\":" + press + ",\"reason\":\"PLC update\"}");
        Answer waiting = report(pressDevice.basic(), body);

        // Assert
        assertThat(idle.json().getString("tunnel")).isEqualTo("not-needed");
        assertThat(connect.status()).as(connect.body()).isEqualTo(201);
        assertThat(waiting.json().getString("tunnel")).isEqualTo("wanted");
        assertThat(api(TECH).post("/connections/" + connect.json().getJsonNumber("id").longValue() + "/disconnect", "{}")
                .status()).isBetween(200, 204);
        assertThat(report(pressDevice.basic(), body).json().getString("tunnel")).isEqualTo("not-needed");
    }

    @Test
    @Order(8)
    @DisplayName("the device list and page (and the device API) show online and last seen, the page its data points;"
            + " after interval × 3 without a report (and no tunnel) the device is offline")
    void lastSeenAndOffline() throws Exception {
        // Arrange
        assertThat(report(pressDevice.basic(), "{\"values\":[{\"name\":\"temperature\",\"value\":23.25,\"unit\":\"°C\"}]}")
                .status()).isEqualTo(200);
        FacesClient browser = new FacesClient(ArquillianPortal.httpsUrl());
        browser.submit(browser.get("/login.xhtml"), "loginForm",
                Map.of("account", "alpha-reports", "username", "admin", "password", PASSWORD), "login");

        // Act
        Page list = browser.get("/devices.xhtml");
        Page page = browser.get("/device.xhtml?id=" + press);
        JsonObject apiNow = api(ADMIN).get("/devices/" + press).json().getJsonObject("presence");
        MovableClock.set(ArquillianPortal.home(), Duration.ofMinutes(4));
        Page later = browser.get("/device.xhtml?id=" + press);
        Page laterList = browser.get("/devices.xhtml");
        JsonObject apiLater = api(ADMIN).get("/devices?filter=Press").json().getJsonArray("items").getJsonObject(0)
                .getJsonObject("presence");

        // Assert
        assertThat(list.body()).contains("ks-presence ks-online\">online");
        assertThat(list.body()).as("the jail test's device never reported").contains("ks-presence ks-offline\">never seen");
        assertThat(page.body()).contains("id=\"presence\" class=\"ks-online\">online", "Data points", "temperature",
                "23.25", "°C", "plc.state", "RUN");
        assertThat(later.body()).contains("id=\"presence\" class=\"ks-offline\">offline");
        assertThat(laterList.body()).contains("ks-presence ks-offline\">offline");
        assertThat(apiNow.getBoolean("online")).isTrue();
        assertThat(apiNow.getString("lastReport")).isEqualTo(apiNow.getString("lastSeen"));
        assertThat(apiLater.getBoolean("online")).as("the device list of the API agrees: " + apiLater).isFalse();
        assertThat(apiLater.getString("lastSeen")).isEqualTo(apiNow.getString("lastSeen"));
    }

    @Test
    @Order(9)
    @DisplayName("parallel first reports of one new name make one data point, and every report is answered 200")
    void parallelReports() throws Exception {
        // Arrange
        List<String> bodies = IntStream.range(0, 8).mapToObj(i -> "{\"system\":{\"in1\":" + (i % 2 == 0)
                + "},\"values\":[{\"name\":\"race\",\"value\":" + i + "}]}").toList();

        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        CountDownLatch start = new CountDownLatch(1);

        // Act: all at once
        List<Future<Answer>> sent = bodies.stream().map(b -> pool.submit(() -> {
            start.await();
            return report(betaDevice.basic(), b);
        })).toList();
        start.countDown();
        List<Answer> answers = new java.util.ArrayList<>();
        for (Future<Answer> f : sent) {
            answers.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        // Assert
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM data_point WHERE device_id = ? AND name = 'race'",
                betaDevice.id())).isOne();
        assertThat(Fixtures.string(db, "SELECT reports FROM device_report WHERE device_id = ?", betaDevice.id()))
                .isEqualTo("8");
    }

    @Test
    @Order(10)
    @DisplayName("a disabled device with the right secret gets 403, audited, and nothing is stored")
    void disabledDevice() throws Exception {
        // Arrange
        Answer disabled = api(BETA_ADMIN).put("/devices/" + betaDevice.id(), "{\"name\":\"Beta press\","
                + "\"lanSubnet\":\"192.168.0.0/24\",\"active\":false,\"reason\":\"machine sold\"}");
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        long values = rows("data_point_value", betaDevice.id());

        // Act
        Answer refused = report(betaDevice.basic(), "{\"system\":{\"in2\":true}}");

        // Assert
        assertProblem(refused, 403, null, null);
        assertThat(refused.json().getString("detail")).isEqualTo("This device is disabled.");
        assertThat(rows("data_point_value", betaDevice.id())).isEqualTo(values);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE action = 'device.report-refused' AND reason ="
                + " 'device disabled'") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Fixtures.string(db, "SELECT target FROM audit_event WHERE action = 'device.report-refused' AND reason ="
                + " 'device disabled'")).isEqualTo("device:" + betaDevice.id());
    }
    // --- history: aggregates, API, CSV, retention (the job runs every 2 s in the tests) ---------------------------

    private static String history(long deviceId, String name, String query) {
        return "/devices/" + deviceId + "/data-points/" + name + "/history" + query;
    }

    private static String span(java.time.Instant from, java.time.Instant to) {
        return "?from=" + from + "&to=" + to;
    }

    /** Asks until {@code done} holds (the job runs every 2 s), at most 30 s; returns the last answer. */
    private static Answer until(String token, String path, java.util.function.Predicate<Answer> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Answer a = api(token).get(path);
        while (!done.test(a) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            a = api(token).get(path);
        }
        return a;
    }

    private static Answer oven(java.time.Instant time, String values) {
        return report(ovenDevice.basic(), "{\"time\":\"" + time + "\",\"values\":[" + values + "]}");
    }

    private static jakarta.json.JsonArray aggregates(Answer a) {
        return a.json().getJsonArray("aggregates");
    }

    @Test
    @Order(11)
    @DisplayName("the job aggregates reported values per hour (min/max/avg/count; 10:00:00.000 and 10:59:59.999 in one hour,"
            + " 11:00:00.000 in the next), booleans as 0/1, text counted; the API gives raw values, hours and days")
    void hourlyAggregates() throws Exception {
        // Arrange: three temperatures in the hour H (at its first and last millisecond), one at H + 1 h exactly
        String door = ",{\"name\":\"door\",\"value\":%s},{\"name\":\"mode\",\"value\":\"%s\"}";
        assertThat(oven(H, "{\"name\":\"temp\",\"value\":10,\"unit\":\"°C\"}" + door.formatted("true", "heat")).status())
                .isEqualTo(200);
        assertThat(oven(H.plus(Duration.ofMinutes(30)), "{\"name\":\"temp\",\"value\":20,\"unit\":\"°C\"}"
                + door.formatted("false", "hold")).status()).isEqualTo(200);
        assertThat(oven(H.plus(Duration.ofHours(1)).minusMillis(1), "{\"name\":\"temp\",\"value\":30,\"unit\":\"°C\"}")
                .status()).isEqualTo(200);
        assertThat(oven(H.plus(Duration.ofHours(1)), "{\"name\":\"temp\",\"value\":40,\"unit\":\"°C\"}").status())
                .isEqualTo(200);
        String twoHours = span(H, H.plus(Duration.ofHours(2)));

        // Act
        Answer hours = until(ADMIN, history(ovenDevice.id(), "temp", twoHours + "&aggregate=hour"),
                a -> a.status() == 200 && aggregates(a).size() == 2);
        Answer raw = api(ADMIN).get(history(ovenDevice.id(), "temp", twoHours));
        Answer doorHours = api(ADMIN).get(history(ovenDevice.id(), "door", twoHours + "&aggregate=hour"));
        Answer modeHours = api(ADMIN).get(history(ovenDevice.id(), "mode", twoHours + "&aggregate=hour"));
        Answer days = api(ADMIN).get(history(ovenDevice.id(), "temp", "?period=week&aggregate=day"));
        Answer points = api(ADMIN).get("/devices/" + ovenDevice.id() + "/data-points");

        // Assert
        assertThat(hours.status()).as(hours.body()).isEqualTo(200);
        JsonObject first = aggregates(hours).getJsonObject(0);
        JsonObject second = aggregates(hours).getJsonObject(1);
        assertThat(first.getString("at")).isEqualTo(H.toString());
        assertThat(first.getJsonNumber("min").doubleValue()).isEqualTo(10.0);
        assertThat(first.getJsonNumber("max").doubleValue()).isEqualTo(30.0);
        assertThat(first.getJsonNumber("avg").doubleValue()).isEqualTo(20.0);
        assertThat(first.getInt("count")).isEqualTo(3);
        assertThat(second.getString("at")).isEqualTo(H.plus(Duration.ofHours(1)).toString());
        assertThat(second.getInt("count")).isOne();
        assertThat(hours.json().getString("unit")).isEqualTo("°C");
        assertThat(raw.json().getString("aggregate")).as("two hours: raw values").isEqualTo("raw");
        assertThat(raw.json().getJsonArray("values").stream().map(v -> v.asJsonObject().getJsonNumber("value").intValue()))
                .containsExactly(10, 20, 30, 40);
        assertThat(raw.json().getJsonArray("values").getJsonObject(2).getString("at"))
                .isEqualTo(H.plus(Duration.ofHours(1)).minusMillis(1).toString());
        assertThat(aggregates(doorHours).getJsonObject(0).getJsonNumber("avg").doubleValue()).as("on half the samples")
                .isEqualTo(0.5);
        assertThat(aggregates(modeHours).getJsonObject(0).getInt("count")).isEqualTo(2);
        assertThat(aggregates(modeHours).getJsonObject(0).containsKey("avg")).as("text has no mean").isFalse();
        assertThat(days.json().getString("aggregate")).isEqualTo("day");
        assertThat(aggregates(days).stream().mapToInt(d -> d.asJsonObject().getInt("count")).sum()).isEqualTo(4);
        assertThat(points.array().stream().map(p -> p.asJsonObject().getString("name"))).containsExactly("door", "mode", "temp");
        assertThat(points.array().getJsonObject(0).getBoolean("value")).isFalse();
    }

    @Test
    @Order(12)
    @DisplayName("a value reported late into an hour the job has aggregated joins that hour at the job's next run")
    void lateValue() throws Exception {
        // Arrange: the hour H + 1 h holds one value (40) so far, aggregated
        String path = history(ovenDevice.id(), "temp", span(H, H.plus(Duration.ofHours(2))) + "&aggregate=hour");
        assertThat(aggregates(api(ADMIN).get(path)).getJsonObject(1).getInt("count")).isOne();

        // Act: a router sends now what it read at H + 1 h 30 min
        Answer late = oven(H.plus(Duration.ofMinutes(90)), "{\"name\":\"temp\",\"value\":50,\"unit\":\"°C\"}");
        Answer hours = until(ADMIN, path, a -> aggregates(a).getJsonObject(1).getInt("count") == 2);

        // Assert
        assertThat(late.json().getInt("stored")).isOne();
        JsonObject second = aggregates(hours).getJsonObject(1);
        assertThat(second.getInt("count")).isEqualTo(2);
        assertThat(second.getJsonNumber("min").doubleValue()).isEqualTo(40.0);
        assertThat(second.getJsonNumber("max").doubleValue()).isEqualTo(50.0);
        assertThat(second.getJsonNumber("avg").doubleValue()).isEqualTo(45.0);
        assertThat(aggregates(hours).getJsonObject(0).getInt("count")).as("the hour before is unchanged").isEqualTo(3);
    }

    @Test
    @Order(13)
    @DisplayName("the CSV export streams every raw value in order (12,005 rows, more than two of its pages) and aggregates"
            + " on request; it parses as CSV with a header")
    void csvExport() throws Exception {
        // Arrange: 12,000 more raw values of 'temp', one a second, in the hour before H
        long point = Fixtures.count(db, "SELECT id FROM data_point WHERE device_id = ? AND name = 'temp'", ovenDevice.id());
        Fixtures.update(db, "INSERT INTO data_point_value (data_point_id, at, number_value) SELECT ?, TIMESTAMPADD(SECOND,"
                + " seq, ?), seq FROM seq_1_to_12000", point, java.time.LocalDateTime.ofInstant(H.minus(Duration.ofHours(4)),
                java.time.ZoneOffset.UTC));
        String all = span(H.minus(Duration.ofDays(1)), H.plus(Duration.ofHours(3)));

        // Act
        Answer csv = api(ADMIN).get(history(ovenDevice.id(), "temp", ".csv" + all).replace("/history.csv", "/history.csv"),
                "text/csv");
        Answer hourly = api(ADMIN).get(history(ovenDevice.id(), "temp", ".csv" + span(H, H.plus(Duration.ofHours(2)))
                + "&aggregate=hour"), "text/csv");

        // Assert
        assertThat(csv.status()).as(csv.body().substring(0, Math.min(300, csv.body().length()))).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader()
                .setSkipHeaderRecord(true).get().parse(new java.io.StringReader(csv.body())).getRecords();
        assertThat(rows).hasSize(12_005);
        assertThat(rows.get(0).get("value")).isEqualTo("1.0");
        assertThat(rows.get(11_999).get("value")).isEqualTo("12000.0");
        assertThat(rows.get(12_000).get("time")).isEqualTo(H.toString());
        assertThat(rows.stream().map(r -> java.time.Instant.parse(r.get("time")))).isSorted();
        List<org.apache.commons.csv.CSVRecord> hours = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader()
                .setSkipHeaderRecord(true).get().parse(new java.io.StringReader(hourly.body())).getRecords();
        assertThat(hours).hasSize(2);
        assertThat(hours.get(0).toMap()).containsEntry("min", "10.0").containsEntry("max", "30.0")
                .containsEntry("avg", "20.0").containsEntry("count", "3");
    }

    @Test
    @Order(14)
    @DisplayName("retention deletes raw values older than 30 days (after the job aggregated them) and keeps newer ones and"
            + " the old hour's aggregate")
    void retention() throws Exception {
        // Arrange: a new point whose first value was read 40 days ago, then a value now
        java.time.Instant old = java.time.Instant.now().minus(Duration.ofDays(40)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertThat(oven(old, "{\"name\":\"pressure\",\"value\":1.5}").status()).isEqualTo(200);
        assertThat(report(ovenDevice.basic(), "{\"values\":[{\"name\":\"pressure\",\"value\":2.5}]}").json().getInt("stored"))
                .isOne();
        String sql = "SELECT COUNT(*) FROM data_point_value v JOIN data_point p ON p.id = v.data_point_id WHERE"
                + " p.device_id = ? AND p.name = 'pressure'";

        // Act: the job runs every 2 s
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Fixtures.count(db, sql, ovenDevice.id()) > 1 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }

        // Assert
        assertThat(Fixtures.count(db, sql, ovenDevice.id())).as("only the new value is left").isOne();
        Answer oldHour = api(ADMIN).get(history(ovenDevice.id(), "pressure", span(old.minus(Duration.ofHours(1)),
                old.plus(Duration.ofHours(1))) + "&aggregate=hour"));
        assertThat(aggregates(oldHour)).as(oldHour.body()).hasSize(1);
        assertThat(aggregates(oldHour).getJsonObject(0).getJsonNumber("avg").doubleValue()).isEqualTo(1.5);
        assertThat(api(ADMIN).get(history(ovenDevice.id(), "pressure", "?aggregate=raw")).json().getJsonArray("values"))
                .hasSize(1);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM data_point_value v JOIN data_point p ON p.id = v.data_point_id"
                + " WHERE p.device_id = ? AND p.name = 'temp'", ovenDevice.id())).as("newer values stay").isEqualTo(12_005);
    }

    @Test
    @Order(15)
    @DisplayName("history is the account's: another account and a technician without a grant for the device get 404, a"
            + " granted technician reads it; unknown points 404; bad periods and aggregations are 400 problems naming the"
            + " parameter, for JSON and CSV alike")
    void historyScopeAndBadInput() throws Exception {
        // Act
        Answer foreign = api(BETA_ADMIN).get(history(ovenDevice.id(), "temp", ""));
        Answer foreignCsv = api(BETA_ADMIN).get(history(ovenDevice.id(), "temp", ".csv"), "text/csv");
        Answer ungranted = api(TECH).get(history(ovenDevice.id(), "temp", ""));
        Answer granted = api(TECH).get(history(press, "temperature", "?period=day"));
        Answer unknown = api(ADMIN).get(history(ovenDevice.id(), "humidity", ""));
        Answer badPeriod = api(ADMIN).get(history(ovenDevice.id(), "temp", "?period=fortnight"));
        Answer backwards = api(ADMIN).get(history(ovenDevice.id(), "temp", span(H, H.minusSeconds(1))));
        Answer badTime = api(ADMIN).get(history(ovenDevice.id(), "temp", "?from=yesterday"));
        Answer badAggregate = api(ADMIN).get(history(ovenDevice.id(), "temp", "?aggregate=minute"));
        Answer badCsv = api(ADMIN).get(history(ovenDevice.id(), "temp", ".csv?period=fortnight"), "text/csv");
        Answer noToken = api(null).get(history(ovenDevice.id(), "temp", ""));

        // Assert
        assertProblem(foreign, 404, null, null);
        assertProblem(foreignCsv, 404, null, null);
        assertProblem(ungranted, 404, null, null);
        assertThat(foreign.body()).isEqualTo(ungranted.body());
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.json().getJsonArray("values")).isNotEmpty();
        assertProblem(unknown, 404, null, null);
        assertProblem(badPeriod, 400, "period", "day, week, month or year");
        assertProblem(backwards, 400, "from", "before to");
        assertProblem(badTime, 400, "from", "UTC time");
        assertProblem(badAggregate, 400, "aggregate", "raw, hour, day or auto");
        assertProblem(badCsv, 400, "period", "day, week, month or year");
        assertThat(noToken.status()).isEqualTo(401);
    }
    @Test
    @Order(16)
    @DisplayName("the dashboard shows a tile per device of the account: online, key switch (IN1), its active alarms (a"
            + " cleared one not counted); another account's devices are not among them")
    void dashboard() throws Exception {
        // Arrange
        for (String cleared : List.of("NULL", "NULL", "NOW(3)")) {
            Fixtures.update(db, "INSERT INTO alarm (account_id, device_id, rule_name, severity, text, raised_at, cleared_at)"
                    + " VALUES (?, ?, 'Oven hot', 'MAJOR', 'hot', NOW(3), " + cleared + ")", alpha, press);
        }
        FacesClient browser = new FacesClient(ArquillianPortal.httpsUrl());
        browser.submit(browser.get("/login.xhtml"), "loginForm",
                Map.of("account", "alpha-reports", "username", "admin", "password", PASSWORD), "login");

        // Act
        Page page = browser.get("/dashboard.xhtml");

        // Assert
        assertThat(page.status()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("Dashboard · All devices");
        String press1 = body.substring(body.indexOf("data-device=\"" + press + "\""));
        assertThat(press1.substring(0, press1.indexOf("ks-tile-alarms") + 60)).contains("Press 1",
                "Key switch (IN1): <strong>on</strong>", "Active alarms: <strong>2</strong>");
        String oven1 = body.substring(body.indexOf("data-device=\"" + ovenDevice.id() + "\""));
        assertThat(oven1.substring(0, oven1.indexOf("ks-tile-alarms") + 60)).contains("Oven 1", "ks-online\">online",
                "Key switch (IN1): <strong>—</strong>", "Active alarms: <strong>0</strong>");
        assertThat(body).doesNotContain("Beta press");
    }

    @Test
    @Order(18)
    @DisplayName("reports of several devices at once are written together (one writer, batches); one that does not fit"
            + " its points among them is refused alone with a 400 problem, and every other is stored and counted")
    void burstWithABadReport() throws Exception {
        // Arrange: a number on each device ("burst" new on the oven; Press 1 is at its limit of points, its "temperature"
        // is one); 3 of the 33 reports send it as text
        assertThat(report(ovenDevice.basic(), "{\"values\":[{\"name\":\"burst\",\"value\":0}]}").status()).isEqualTo(200);
        long ovenReports = Long.parseLong(Fixtures.string(db, "SELECT reports FROM device_report WHERE device_id = ?", ovenDevice.id()));
        long pressReports = Long.parseLong(Fixtures.string(db, "SELECT reports FROM device_report WHERE device_id = ?", pressDevice.id()));
        List<String> bodies = new java.util.ArrayList<>();
        List<Credentials> senders = new java.util.ArrayList<>();
        for (int i = 1; i <= 33; i++) {
            boolean bad = i % 11 == 0;
            senders.add(i % 2 == 0 ? ovenDevice : pressDevice);
            bodies.add("{\"values\":[{\"name\":\"" + (i % 2 == 0 ? "burst" : "temperature") + "\",\"value\":"
                    + (bad ? "\"many\"" : String.valueOf(i)) + "}]}");
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);

        // Act: all at once, more than the portal's 16 request threads
        List<Future<Answer>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            int k = i;
            sent.add(pool.submit(() -> {
                start.await();
                return report(senders.get(k).basic(), bodies.get(k));
            }));
        }
        start.countDown();
        List<Answer> answers = new java.util.ArrayList<>();
        for (Future<Answer> f : sent) {
            answers.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        // Assert: the three bad ones refused alone, the 30 good ones stored and counted per device
        for (int i = 0; i < answers.size(); i++) {
            if ((i + 1) % 11 == 0) {
                assertProblem(answers.get(i), 400, "values[0]", "is a data point of numbers, not of text.");
            } else {
                assertThat(answers.get(i).status()).as(answers.get(i).body()).isEqualTo(200);
            }
        }
        long ovenGood = IntStream.rangeClosed(1, 33).filter(i -> i % 2 == 0 && i % 11 != 0).count();
        long pressGood = IntStream.rangeClosed(1, 33).filter(i -> i % 2 != 0 && i % 11 != 0).count();
        assertThat(Fixtures.string(db, "SELECT reports FROM device_report WHERE device_id = ?", ovenDevice.id()))
                .isEqualTo(String.valueOf(ovenReports + ovenGood));
        assertThat(Fixtures.string(db, "SELECT reports FROM device_report WHERE device_id = ?", pressDevice.id()))
                .isEqualTo(String.valueOf(pressReports + pressGood));
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM data_point_value v JOIN data_point p ON p.id = v.data_point_id"
                + " WHERE p.device_id IN (?, ?) AND v.text_value = 'many'", ovenDevice.id(), pressDevice.id()))
                .as("no text stored").isZero();
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM data_point WHERE name = 'burst'")).isOne();
    }

    @Test
    @Order(17)
    @DisplayName("the key switch: with the project's default 'on' (audited) a Connect is refused while IN1 is reported off"
            + " — on the device list and My machines too —, accepted while on; turning it off answers 'not-needed' and"
            + " ends the connection 'key switch off' within 2 s; a switch not reported for interval × 3 is not known and"
            + " refuses; bad settings are problems storing nothing; another account gets 404")
    void keySwitch() throws Exception {
        // Arrange: a project holding Press 1 (still ON_DEMAND from the tunnel test); an administrator of projects
        String keys = "ks_" + "U".repeat(16) + "reportAlphaKeys1";
        long keysAdmin = Fixtures.user(db, alpha, "keys", PASSWORD, List.of("device:view", "device:edit", "project:manage"));
        Fixtures.apiToken(db, alpha, keysAdmin, keys);
        long line = Fixtures.project(db, alpha, "Line 3");
        Fixtures.update(db, "UPDATE device SET project_id = ? WHERE id = ?", line, press);
        String body = "{\"system\":{\"in1\":%s}}";
        assertThat(report(pressDevice.basic(), body.formatted("false")).status()).isEqualTo(200);

        // bad input: problems naming the field, nothing stored
        assertProblem(api(keys).put("/devices/" + press + "/key-switch", "{\"choice\":\"sometimes\",\"reason\":\"try\"}"),
                400, "choice", "Choose inherit (the project's default), on or off.");
        assertProblem(api(keys).put("/devices/" + press + "/key-switch", "{\"choice\":\"on\"}"), 400, "reason",
                "Please say why");
        assertProblem(api(keys).put("/projects/" + line + "/key-switch", "{\"choice\":\"inherit\",\"reason\":\"try\"}"),
                400, "choice", "Choose on or off");
        assertProblem(api(keys).put("/projects/" + line + "/key-switch", "{\"choice\":\"on\",\"reason\":\"x\",\"when\":1}"),
                400, "when", "");
        assertProblem(api(keys).put("/projects/" + line + "/key-switch", ""), 400, "body", "Send {");
        assertThat(api(ADMIN).put("/projects/" + line + "/key-switch", "{\"choice\":\"on\",\"reason\":\"no right\"}")
                .status()).as("project:manage is needed").isEqualTo(403);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM key_switch_requirement")).isZero();
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE action = 'key-switch.setting'")).isZero();
        // another account: 404, as for what does not exist
        assertThat(api(BETA_ADMIN).get("/devices/" + press + "/key-switch").status()).isEqualTo(404);
        assertThat(api(BETA_ADMIN).put("/devices/" + press + "/key-switch", "{\"choice\":\"off\",\"reason\":\"mine\"}")
                .status()).isEqualTo(404);
        assertThat(api(BETA_ADMIN).get("/projects/" + line + "/key-switch").status()).isEqualTo(404);

        // Act 1: the project's default turns on
        Answer set = api(keys).put("/projects/" + line + "/key-switch", "{\"choice\":\"on\",\"reason\":\"operator's rule\"}");
        Answer device = api(keys).get("/devices/" + press + "/key-switch");
        Answer refused = api(TECH).post("/connections", "{\"deviceId\":" + press + ",\"reason\":\"PLC update\"}");

        // Assert 1
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().getString("choice")).isEqualTo("on");
        assertThat(Fixtures.string(db, "SELECT CONCAT(details, ' / ', reason) FROM audit_event WHERE action = 'key-switch.setting'"
                + " AND target = ?", "project:" + line)).isEqualTo("{\"keySwitchRequired\":[\"off\",\"on\"]} / operator's rule");
        assertThat(device.json().getString("choice")).isEqualTo("inherit");
        assertThat(device.json().getString("projectDefault")).isEqualTo("on");
        assertThat(device.json().getBoolean("required")).isTrue();
        assertThat(device.json().getString("keySwitch")).isEqualTo("off");
        assertProblem(refused, 400, "deviceId", "Press 1: the key switch at the machine is off (reported ");
        FacesClient browser = new FacesClient(ArquillianPortal.httpsUrl());
        browser.submit(browser.get("/login.xhtml"), "loginForm",
                Map.of("account", "alpha-reports", "username", "keys", "password", PASSWORD), "login");
        assertThat(browser.get("/devices.xhtml").body()).contains("off · Connect refused");
        FacesClient tech = new FacesClient(ArquillianPortal.httpsUrl());
        tech.submit(tech.get("/login.xhtml"), "loginForm",
                Map.of("account", "alpha-reports", "username", "tech", "password", PASSWORD), "login");
        assertThat(tech.get("/machines.xhtml").body()).contains("Press 1: the key switch at the machine is off");

        // Act 2: the switch turns on, the technician connects, the switch turns off
        Answer on = report(pressDevice.basic(), body.formatted("true"));
        Answer connect = api(TECH).post("/connections", "{\"deviceId\":" + press + ",\"reason\":\"PLC update\"}");
        Answer wanted = report(pressDevice.basic(), body.formatted("true"));
        // a late report (read an hour ago) of the switch off: not its current state, so no veto
        Answer late = report(pressDevice.basic(), "{\"time\":\"" + java.time.Instant.now().minus(Duration.ofHours(1))
                + "\",\"system\":{\"in1\":false}}");
        long id = connect.json().getJsonNumber("id").longValue();
        long offAt = System.currentTimeMillis();
        Answer off = report(pressDevice.basic(), body.formatted("false"));
        JsonObject closed = awaitConnection(id, c -> c.getString("state").equals("CLOSED"), 2_000);
        long closedMillis = System.currentTimeMillis() - offAt;

        // Assert 2
        assertThat(on.json().getString("tunnel")).isEqualTo("not-needed");
        assertThat(connect.status()).as(connect.body()).isEqualTo(201);
        assertThat(wanted.json().getString("tunnel")).as("a connection waits and the switch is on").isEqualTo("wanted");
        assertThat(late.json().getString("tunnel")).as("a late 'off' is history, not the switch now").isEqualTo("wanted");
        assertThat(off.json().getString("tunnel")).as("the switch is off: not wanted though a connection was live")
                .isEqualTo("not-needed");
        assertThat(closed).as("closed within 2 s of the report").isNotNull();
        System.out.println("key switch off reported -> connection closed (seen through the API) in " + closedMillis + " ms");
        assertThat(closed.getString("closeCause")).isEqualTo("KEY_SWITCH_OFF");
        assertThat(Fixtures.string(db, "SELECT reason FROM audit_event WHERE action = 'connection.close' AND target = ?",
                "connection:" + id)).isEqualTo("key switch off");
        assertThat(Fixtures.string(db, "SELECT GROUP_CONCAT(details ORDER BY id SEPARATOR ' ') FROM audit_event"
                + " WHERE action = 'device.key-switch-changed' AND target = ? AND id > (SELECT MAX(id) FROM audit_event"
                + " WHERE action = 'key-switch.setting')", "device:" + press))
                .isEqualTo("{\"in1\":[\"off\",\"on\"]} {\"in1\":[\"on\",\"off\"]}");

        // Act 3: the device's own choice 'off' overrides the project's default; then back to inherit
        Answer own = api(keys).put("/devices/" + press + "/key-switch", "{\"choice\":\"off\",\"reason\":\"test bench\"}");
        Answer free = api(TECH).post("/connections", "{\"deviceId\":" + press + ",\"reason\":\"PLC update\"}");
        api(TECH).post("/connections/" + free.json().getJsonNumber("id").longValue() + "/disconnect", "{}");
        Answer inherit = api(keys).put("/devices/" + press + "/key-switch", "{\"choice\":\"inherit\",\"reason\":\"bench done\"}");

        // Assert 3
        assertThat(own.json().getBoolean("required")).isFalse();
        assertThat(free.status()).as(free.body()).isEqualTo(201);
        assertThat(inherit.json().getBoolean("required")).isTrue();
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM key_switch_requirement WHERE device_id = ?", press)).isZero();

        // Act 4: on, then silent for longer than interval × 3 (the clock moved)
        report(pressDevice.basic(), body.formatted("true"));
        assertThat(api(keys).get("/devices/" + press + "/key-switch").json().containsKey("refusal")).isFalse();
        java.nio.file.Path offsetFile = ArquillianPortal.home().resolve("test-clock-offset");
        Duration offset = Files.exists(offsetFile) ? Duration.parse(Files.readString(offsetFile).strip()) : Duration.ZERO;
        MovableClock.set(ArquillianPortal.home(), offset.plusSeconds(181)); // from where the earlier tests left it
        try {
            Answer stale = api(keys).get("/devices/" + press + "/key-switch");
            Answer staleConnect = api(TECH).post("/connections", "{\"deviceId\":" + press + ",\"reason\":\"PLC update\"}");

            // Assert 4
            assertThat(stale.json().getString("keySwitch")).isEqualTo("not known");
            assertProblem(staleConnect, 400, "deviceId", "Press 1: the key switch at the machine is not known (no report since ");
        } finally {
            MovableClock.set(ArquillianPortal.home(), offset);
        }

        // Act 5: the page "Key switch" of the device, as a person uses it: without a reason, then with one
        Page form = browser.get("/key-switch.xhtml?device=" + press);
        Page noReason = browser.submit(form, "keySwitchForm", Map.of("choice", "off", "reason", ""), "save");
        long rowsBefore = Fixtures.count(db, "SELECT COUNT(*) FROM key_switch_requirement WHERE device_id = ?", press);
        Page saved = browser.submit(noReason, "keySwitchForm", Map.of("choice", "off", "reason", "bench test by page"), "save");
        Page project = browser.get("/key-switch.xhtml?project=" + line);
        Page foreign = new FacesClient(ArquillianPortal.httpsUrl()).get("/key-switch.xhtml?device=" + press);

        // Assert 5
        assertThat(form.body()).contains("Key switch of <span id=\"keySwitchTitle\">Press 1</span>",
                "Key switch (IN1): <strong id=\"switchState\">on (reported ");
        assertThat(noReason.body()).contains("Please say why");
        assertThat(rowsBefore).as("nothing stored without a reason").isZero();
        assertThat(saved.body()).contains("The key switch setting of Press 1 is saved.");
        assertThat(Fixtures.string(db, "SELECT reason FROM audit_event WHERE action = 'key-switch.setting' AND target = ?"
                + " ORDER BY id DESC LIMIT 1", "device:" + press)).isEqualTo("bench test by page");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM key_switch_requirement WHERE device_id = ? AND required = FALSE",
                press)).isOne();
        assertThat(project.body()).contains("Key switch of <span id=\"keySwitchTitle\">Line 3</span>");
        assertThat(foreign.path()).as("not signed in: the login page").contains("login");
    }

    private static JsonObject awaitConnection(long id, java.util.function.Predicate<JsonObject> condition, long millis)
            throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        do {
            JsonObject c = api(TECH).get("/connections/" + id).json();
            if (condition.test(c)) {
                return c;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < end);
        return null;
    }
}
