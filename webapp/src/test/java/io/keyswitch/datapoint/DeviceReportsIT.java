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
        Fixtures.update(db, "INSERT INTO access_grant (account_id, user_id, device_id, created_at) VALUES (?, ?, ?,"
                + " UTC_TIMESTAMP(3))", alpha, tech, press);
        pressDevice = profile(ADMIN, press);
        jailDevice = profile(ADMIN, jail);
        betaDevice = profile(BETA_ADMIN, betaPress);
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
}
