package io.keyswitch.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.FacesClient;
import io.keyswitch.testing.FacesClient.Page;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.SmtpProxy;
import io.keyswitch.testing.MovableClock;
import io.keyswitch.testing.TestDirs;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
 * Alarms through the running portal: rules and alarm groups made through the API (audited with their reasons, bad
 * input refused whole as problem+json), a device report crossing a threshold raising an alarm whose messages reach a
 * real SMTP server (GreenMail, on a loopback port) and the log-only SMS gateway's outbox file, hysteresis clearing it,
 * a mail server that is down leaving messages pending until it is back, escalation and "offline" under the moved clock,
 * acknowledging through the API (audited), and another account or an ungranted technician seeing none of it.
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Alarms: rules, threshold alarms by mail and SMS, outbox retry, escalation, offline, acknowledge, tenancy")
class AlarmsIT {

    private static final String PASSWORD = "Alarms-IT-Password-2026";
    private static final String ADMIN = "ks_" + "A".repeat(16) + "alarmAlphaAdmin1";
    private static final String TECH = "ks_" + "B".repeat(16) + "alarmAlphaTech01";
    private static final String BETA = "ks_" + "C".repeat(16) + "alarmBetaAdmin01";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static DatabaseCoordinates db;
    private static long alpha;
    private static long press;
    private static long spare;
    private static long adminGroup;
    private static long nightGroup;
    private static String pressAuth;
    private static String spareAuth;
    private static int smtpPort;
    private static GreenMail smtp;
    private static long hotRule;
    private static long firstAlarm;
    private static long downAlarm;
    private static final Map<String, String> savedSettings = new LinkedHashMap<>();

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war").importFrom(TestDirs.war().toFile()).as(WebArchive.class)
                .addClass(MovableClock.class).addClass(MovableClock.class.getName() + "$Offset");
    }

    @BeforeAll
    static void arrange() throws Exception {
        db = ArquillianPortal.database();
        alpha = Fixtures.account(db, "alpha-alarms");
        long beta = Fixtures.account(db, "beta-alarms");
        List<String> rights = List.of("device:view", "device:edit", "alarm:manage", "alarm:view", "audit:view");
        long admin = Fixtures.user(db, alpha, "admin", PASSWORD, rights);
        Fixtures.apiToken(db, alpha, admin, ADMIN);
        Fixtures.update(db, "UPDATE app_user SET email = 'shift@alpha.test', phone = '+49 170 555-0101' WHERE id = ?", admin);
        adminGroup = Long.parseLong(Fixtures.string(db, "SELECT group_id FROM group_membership WHERE user_id = ?", admin));
        long night = Fixtures.user(db, alpha, "night", PASSWORD, List.of("alarm:view"));
        Fixtures.update(db, "UPDATE app_user SET email = 'night@alpha.test' WHERE id = ?", night);
        nightGroup = Long.parseLong(Fixtures.string(db, "SELECT group_id FROM group_membership WHERE user_id = ?", night));
        long tech = Fixtures.user(db, alpha, "tech", PASSWORD, List.of("device:connect", "alarm:view"));
        Fixtures.apiToken(db, alpha, tech, TECH);
        Fixtures.apiToken(db, beta, Fixtures.user(db, beta, "admin", PASSWORD, rights), BETA);
        String pool = Fixtures.firstVirtualSubnet(db, alpha);
        press = Fixtures.device(db, alpha, "Press 7", "192.168.0.0/24", pool);
        spare = Fixtures.device(db, alpha, "Spare press", "192.168.0.0/24", pool.replace(".0.0/24", ".1.0/24"));
        long component = Fixtures.component(db, alpha, spare, "PLC", "192.168.0.10", "tcp/102");
        Fixtures.update(db, "INSERT INTO access_grant (account_id, user_id, component_id, created_at) VALUES (?, ?, ?,"
                + " UTC_TIMESTAMP(3))", alpha, tech, component);
        pressAuth = basic(profile(press));
        spareAuth = basic(profile(spare));
        smtpPort = LoopbackPorts.free();
        for (String key : List.of("mail.smtp.host", "mail.smtp.port", "mail.smtp.security", "mail.smtp.user", "mail.from",
                "sms.gateway")) {
            savedSettings.put(key, Fixtures.string(db, "SELECT MAX(setting_value) FROM setting WHERE scope_id = 0 AND"
                    + " setting_key = ?", key));
        }
        setting("mail.smtp.host", "127.0.0.1");
        setting("mail.smtp.port", Integer.toString(smtpPort));
        setting("mail.smtp.security", "NONE");
        setting("mail.smtp.user", "");
        setting("mail.from", "alarms@alpha.test");
        setting("sms.gateway", "LOG_ONLY");
        Fixtures.update(db, "DELETE FROM setting WHERE scope_id = 0 AND setting_key = 'mail.smtp.password'");
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
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

    private static void setting(String key, String value) throws Exception {
        Fixtures.update(db, "INSERT INTO setting (scope_id, setting_key, setting_value, updated_at) VALUES (0, ?, ?,"
                + " UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE setting_value = VALUES(setting_value)", key, value);
    }

    private static JsonObject profile(long deviceId) {
        Answer made = api(ADMIN).post("/devices/" + deviceId + "/vpn-profile", "{\"reason\":\"router commissioning\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        return made.json();
    }

    private static String basic(JsonObject profile) {
        return "Basic " + Base64.getEncoder().encodeToString((profile.getString("identity") + ":" + profile.getString("secret"))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static ApiClient api(String token) {
        return new ApiClient(ArquillianPortal.httpsUrl() + "api/v1", token);
    }

    private static void report(String auth, String json) {
        Answer a = ApiClient.withAuthorization(ArquillianPortal.httpsUrl() + "api/v1", auth).post("/device-reports", json);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
    }

    private static void temperature(double t) {
        report(pressAuth, "{\"values\":[{\"name\":\"temperature\",\"value\":" + t + ",\"unit\":\"°C\"}]}");
    }

    private static long count(String sql, Object... params) throws Exception {
        return Fixtures.count(db, sql, params);
    }

    private static <T> T await(String what, Callable<T> probe, java.util.function.Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T value = probe.call();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            value = probe.call();
        }
        assertThat(done.test(value)).as(what + " (last seen: " + value + ")").isTrue();
        return value;
    }

    private static List<String> smsLines() throws Exception {
        return Files.exists(ArquillianPortal.smsOutbox()) ? Files.readAllLines(ArquillianPortal.smsOutbox()) : List.of();
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
    @DisplayName("bad rules and groups are 400 problems naming the field, and nothing is stored or audited")
    void badInput() throws Exception {
        // Arrange
        long rules = count("SELECT COUNT(*) FROM alarm_rule WHERE account_id = ?", alpha);
        long groups = count("SELECT COUNT(*) FROM alarm_group WHERE account_id = ?", alpha);
        long betaDevice = Fixtures.device(db, Fixtures.accountId(db, "beta-alarms"), "Beta press", "192.168.0.0/24",
                Fixtures.firstVirtualSubnet(db, Fixtures.accountId(db, "beta-alarms")));

        // Act + Assert
        assertProblem(api(ADMIN).post("/alarm-rules", "{\"name\":\"Hot\",\"kind\":\"ABOVE\",\"dataPoint\":\"temperature\","
                + "\"severity\":\"CRITICAL\",\"text\":\"Too hot\",\"reason\":\"cooling\"}"), 400, "threshold", "number");
        assertProblem(api(ADMIN).post("/alarm-rules", "{\"name\":\"Hot\",\"kind\":\"HOT\",\"severity\":\"LOUD\","
                + "\"reason\":\"cooling\"}"), 400, "kind", "ABOVE");
        assertProblem(api(ADMIN).post("/alarm-rules", "{\"builtin\":\"usb\",\"deviceId\":" + betaDevice
                + ",\"reason\":\"another account's device\"}"), 400, "deviceId", "no device");
        assertProblem(api(ADMIN).post("/alarm-rules", "{\"builtin\":\"usb\",\"deviceId\":" + press + "}"), 400, "reason",
                "why");
        assertProblem(api(ADMIN).post("/alarm-rules", "{\"builtin\":\"usb\",\"colour\":\"red\",\"reason\":\"x y z\"}"), 400,
                null, null);
        assertProblem(api(ADMIN).post("/alarm-rules", "{not json"), 400, null, null);
        assertProblem(api(ADMIN).post("/alarm-groups", "{\"name\":\"Night\",\"userGroupId\":" + adminGroup
                + ",\"quietFrom\":\"25:00\",\"quietUntil\":\"06:00\",\"reason\":\"night shift\"}"), 400, "quietFrom", "HH:mm");
        assertProblem(api(BETA).post("/alarm-groups", "{\"name\":\"Theirs\",\"userGroupId\":" + adminGroup
                + ",\"reason\":\"borrowing a group\"}"), 400, "userGroupId", "no user group");
        assertProblem(api(ADMIN).get("/alarms?state=burning"), 400, "state", "active");
        assertProblem(api(TECH).post("/alarm-rules", "{\"builtin\":\"usb\",\"reason\":\"not mine to set\"}"), 403, null, null);
        assertThat(count("SELECT COUNT(*) FROM alarm_rule WHERE account_id = ?", alpha)).isEqualTo(rules);
        assertThat(count("SELECT COUNT(*) FROM alarm_group WHERE account_id = ?", alpha)).isEqualTo(groups);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action LIKE 'alarm-%'")).isZero();
    }

    @Test
    @Order(2)
    @DisplayName("a rule and two alarm groups made through the API are stored and audited with their reasons")
    void rulesAndGroups() throws Exception {
        // Act
        Answer rule = api(ADMIN).post("/alarm-rules", "{\"name\":\"Press too hot\",\"deviceId\":" + press
                + ",\"kind\":\"above\",\"dataPoint\":\"temperature\",\"threshold\":80,\"hysteresis\":5,"
                + "\"severity\":\"CRITICAL\",\"text\":\"Hydraulic oil above 80 °C\",\"reason\":\"oil overheats in summer\"}");
        Answer night = api(ADMIN).post("/alarm-groups", "{\"name\":\"Night duty\",\"userGroupId\":" + nightGroup
                + ",\"deviceId\":" + spare + ",\"byMail\":true,\"reason\":\"escalation target\"}");
        Answer shift = api(ADMIN).post("/alarm-groups", "{\"name\":\"Shift\",\"userGroupId\":" + adminGroup
                + ",\"minSeverity\":\"WARNING\",\"byMail\":true,\"bySms\":true,\"escalateMinutes\":10,\"escalateTo\":"
                + (night.status() == 201 ? night.json().getJsonNumber("id").longValue() : 0)
                + ",\"reason\":\"shift is told first\"}");

        // Assert
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        assertThat(night.status()).as(night.body()).isEqualTo(201);
        assertThat(shift.status()).as(shift.body()).isEqualTo(201);
        hotRule = rule.json().getJsonNumber("id").longValue();
        assertThat(rule.json().getString("kind")).isEqualTo("ABOVE");
        assertThat(api(ADMIN).get("/alarm-rules/" + hotRule).json().getJsonNumber("threshold").doubleValue()).isEqualTo(80.0);
        assertThat(Fixtures.string(db, "SELECT CONCAT(reason, ' | ', details) FROM audit_event WHERE action ="
                + " 'alarm-rule.create' AND target = ?", "alarm-rule:" + hotRule))
                .startsWith("oil overheats in summer | {").contains("\"threshold\":[null,\"80.0\"]", "\"hysteresis\":[null,\"5.0\"]");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'alarm-group.create' AND account_id = ?", alpha))
                .isEqualTo(2);
        assertThat(api(BETA).get("/alarm-rules/" + hotRule).status()).as("another account's rule").isEqualTo(404);
    }

    @Test
    @Order(3)
    @DisplayName("a report above 80 °C raises one alarm: mail in the SMTP server, SMS in the gateway's outbox, both sent;"
            + " 78 keeps it (hysteresis), 74 clears it")
    void thresholdAlarm() throws Exception {
        // Arrange
        temperature(70);
        int smsBefore = smsLines().size();

        // Act
        temperature(85.5);
        temperature(90);

        // Assert
        assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).as("the alarm mail arrives").isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("shift@alpha.test");
        assertThat(mail.getSubject()).isEqualTo("[Keyswitch CRITICAL] Press 7: Hydraulic oil above 80 °C");
        assertThat(mail.getContent().toString()).contains("Value:     85.5", "Rule:      Press too hot");
        List<String> sms = await("the SMS is in the outbox", AlarmsIT::smsLines, l -> l.size() > smsBefore);
        assertThat(sms.get(sms.size() - 1)).startsWith("+491705550101\t").contains("Press 7: Hydraulic oil above 80 °C (85.5)");
        assertThat(count("SELECT COUNT(*) FROM alarm WHERE device_id = ?", press)).as("one alarm for 85.5 and 90").isOne();
        firstAlarm = Long.parseLong(Fixtures.string(db, "SELECT id FROM alarm WHERE device_id = ?", press));
        await("both messages are sent", () -> count("SELECT COUNT(*) FROM alarm_message WHERE alarm_id = ? AND state ="
                + " 'SENT'", firstAlarm), n -> n == 2);
        JsonObject listed = api(ADMIN).get("/alarms?state=active&deviceId=" + press).json();
        assertThat(listed.getInt("total")).isOne();
        assertThat(listed.getJsonArray("items").getJsonObject(0).getString("device")).isEqualTo("Press 7");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'alarm.raise' AND target = ?", "alarm:" + firstAlarm))
                .isOne();

        temperature(78);
        temperature(74);
        await("74 clears the alarm", () -> Fixtures.string(db, "SELECT IF(cleared_at IS NULL, 'open', 'cleared') FROM alarm"
                + " WHERE id = ?", firstAlarm), "cleared"::equals);
        assertThat(Fixtures.string(db, "SELECT details FROM audit_event WHERE action = 'alarm.clear' AND target = ?",
                "alarm:" + firstAlarm)).as("78 is inside the hysteresis band: 74 cleared it").endsWith("temperature is 74");
        assertThat(api(ADMIN).get("/alarms/" + firstAlarm).json().getString("state")).isEqualTo("CLEARED");
    }

    @Test
    @Order(4)
    @DisplayName("another account and a technician without a grant on the device see no alarm and cannot acknowledge it")
    void tenancy() throws Exception {
        // Act
        Answer betaList = api(BETA).get("/alarms");
        Answer betaOne = api(BETA).get("/alarms/" + firstAlarm);
        Answer betaAck = api(BETA).post("/alarms/" + firstAlarm + "/acknowledge", "{\"comment\":\"not ours\"}");
        Answer techList = api(TECH).get("/alarms");
        Answer techAck = api(TECH).post("/alarms/" + firstAlarm + "/acknowledge", "{\"comment\":\"not my machine\"}");

        // Assert
        assertThat(betaList.json().getInt("total")).isZero();
        assertProblem(betaOne, 404, null, null);
        assertProblem(betaAck, 404, null, null);
        assertThat(techList.json().getInt("total")).as("the technician's grant is on the spare press only").isZero();
        assertProblem(techAck, 404, null, null);
        assertThat(Fixtures.string(db, "SELECT COALESCE(acknowledged_by, 'nobody') FROM alarm WHERE id = ?", firstAlarm))
                .isEqualTo("nobody");
    }

    @Test
    @Order(5)
    @DisplayName("acknowledging needs a comment; with one it is stored and audited, and a second acknowledgement is refused")
    void acknowledge() throws Exception {
        // Act
        Answer empty = api(ADMIN).post("/alarms/" + firstAlarm + "/acknowledge", "{\"comment\":\"  \"}");
        Answer done = api(ADMIN).post("/alarms/" + firstAlarm + "/acknowledge", "{\"comment\":\"Oil cooler fan replaced\"}");
        Answer again = api(ADMIN).post("/alarms/" + firstAlarm + "/acknowledge", "{\"comment\":\"twice\"}");

        // Assert
        assertProblem(empty, 400, "comment", "Please say");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().getString("acknowledgedBy")).isEqualTo("alpha-alarms/admin (API token test token)");
        assertThat(done.json().getString("comment")).isEqualTo("Oil cooler fan replaced");
        assertThat(done.json().getJsonArray("messages")).hasSize(2);
        assertProblem(again, 400, "comment", "acknowledged already");
        assertThat(Fixtures.string(db, "SELECT CONCAT(actor, ' | ', reason) FROM audit_event WHERE action ="
                + " 'alarm.acknowledge' AND target = ?", "alarm:" + firstAlarm))
                .isEqualTo("alpha-alarms/admin (API token test token) | Oil cooler fan replaced");
        assertThat(api(ADMIN).get("/alarms?state=unacknowledged&deviceId=" + press).json().getInt("total")).isZero();
    }

    @Test
    @Order(6)
    @DisplayName("with the mail server down the alarm's mail stays pending with the error (the SMS goes), and is delivered"
            + " once the server is back and the retry is due")
    void mailServerDown() throws Exception {
        // Arrange
        smtp.stop();

        // Act
        temperature(95);
        downAlarm = await("a new alarm", () -> count("SELECT COALESCE(MAX(id), 0) FROM alarm WHERE device_id = ? AND"
                + " cleared_at IS NULL", press), id -> id > firstAlarm);
        JsonObject pending = await("the mail failed once", () -> mailOf(api(ADMIN).get("/alarms/" + downAlarm).json()),
                m -> m != null && m.getInt("attempts") >= 1);

        // Assert: pending, not lost
        assertThat(pending.getString("state")).isEqualTo("PENDING");
        assertThat(pending.getString("lastError")).contains("127.0.0.1");
        assertThat(Fixtures.string(db, "SELECT CONCAT(outcome, ' | ', actor, ' | ', details, ' | ', reason) FROM audit_event"
                + " WHERE chain_key = 0 AND action = 'alarm-message.failed' AND target = (SELECT CONCAT('alarm-message:', id)"
                + " FROM alarm_message WHERE alarm_id = ? AND channel = 'MAIL')", downAlarm))
                .as("the system protocol's record of the first failure").startsWith("FAILURE | system | account ")
                .contains("MAIL to ", "127.0.0.1");
        await("the SMS went out anyway", () -> count("SELECT COUNT(*) FROM alarm_message WHERE alarm_id = ? AND channel ="
                + " 'SMS' AND state = 'SENT'", downAlarm), n -> n == 1);

        // Act: the server is back; the next attempt is due a minute later
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        MovableClock.set(ArquillianPortal.home(), Duration.ofMinutes(2));

        // Assert
        assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).as("the held mail arrives").isTrue();
        assertThat(smtp.getReceivedMessages()[0].getContent().toString()).contains("Value:     95");
        JsonObject sent = await("the mail is sent", () -> mailOf(api(ADMIN).get("/alarms/" + downAlarm).json()),
                m -> "SENT".equals(m.getString("state")));
        assertThat(sent.getInt("attempts")).isGreaterThanOrEqualTo(2);
    }

    private static JsonObject mailOf(JsonObject alarm) {
        return alarm.getJsonArray("messages").stream().map(JsonObject.class::cast)
                .filter(m -> m.getString("channel").equals("MAIL")).findFirst().orElse(null);
    }

    @Test
    @Order(7)
    @DisplayName("an alarm not acknowledged within 10 minutes is escalated to the next group (its mail says so); an"
            + " acknowledged one is not")
    void escalation() throws Exception {
        // Act: 13 minutes after the alarm of the last test (raised at +0), which nobody acknowledged
        MovableClock.set(ArquillianPortal.home(), Duration.ofMinutes(13));

        // Assert
        await("the escalation mail to night duty", () -> List.of(smtp.getReceivedMessages()).stream()
                .filter(m -> recipient(m).equals("night@alpha.test")).toList(), l -> l.size() == 1);
        MimeMessage escalated = List.of(smtp.getReceivedMessages()).stream()
                .filter(m -> recipient(m).equals("night@alpha.test")).findFirst().orElseThrow();
        assertThat(escalated.getSubject()).startsWith("[Keyswitch CRITICAL, not acknowledged] Press 7");
        assertThat(Fixtures.string(db, "SELECT GROUP_CONCAT(CONCAT(alarm_id, ':', escalated) ORDER BY alarm_id) FROM"
                + " alarm_escalation e JOIN alarm a ON a.id = e.alarm_id WHERE a.device_id = ?", press))
                .as("the acknowledged first alarm was not escalated").isEqualTo(firstAlarm + ":0," + downAlarm + ":1");
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(8)
    @DisplayName("the built-in offline rule raises 'offline' for a device silent for its minutes, once, and its next"
            + " report clears it; the technician granted on it sees the alarm")
    void offline() throws Exception {
        // Arrange
        Answer rule = api(ADMIN).post("/alarm-rules", "{\"builtin\":\"offline\",\"deviceId\":" + spare
                + ",\"offlineMinutes\":5,\"severity\":\"WARNING\",\"reason\":\"spare press must stay reachable\"}");
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        report(spareAuth, "{\"system\":{\"in1\":true}}");

        // Act
        MovableClock.set(ArquillianPortal.home(), Duration.ofMinutes(20));
        long alarm = await("the offline alarm", () -> count("SELECT COALESCE(MAX(id), 0) FROM alarm WHERE device_id = ?"
                + " AND rule_name = 'Device offline' AND cleared_at IS NULL", spare), id -> id > 0);
        Thread.sleep(2500); // two more runs
        List<JsonObject> techSees = new ArrayList<>(api(TECH).get("/alarms?state=active").json().getJsonArray("items")
                .getValuesAs(JsonObject.class));
        report(spareAuth, "{\"system\":{\"in1\":true}}");

        // Assert
        await("the report clears it", () -> Fixtures.string(db, "SELECT IF(cleared_at IS NULL, 'open', 'cleared') FROM"
                + " alarm WHERE id = ?", alarm), "cleared"::equals);
        assertThat(count("SELECT COUNT(*) FROM alarm WHERE device_id = ?", spare)).as("raised once").isOne();
        assertThat(techSees).singleElement().satisfies(a -> assertThat(a.getString("device")).isEqualTo("Spare press"));
        assertThat(Fixtures.string(db, "SELECT details FROM audit_event WHERE action = 'alarm.clear' AND target = ?",
                "alarm:" + alarm)).endsWith("the device reported again");
    }

    @Test
    @Order(9)
    @DisplayName("the pages: the alarm history lists the alarms with their device, the menu and the home page count the"
            + " active ones, the device page links its alarm history; the technician's menu counts only their device's")
    void pages() throws Exception {
        // Arrange: one active alarm on the press (95 °C, from the mail-server test), none on the spare press
        FacesClient browser = signedIn("admin");
        FacesClient technician = signedIn("tech");

        // Act
        Page all = browser.get("/alarms.xhtml?state=");
        Page home = browser.get("/index.xhtml");
        Page device = browser.get("/device.xhtml?id=" + press);
        Page techHome = technician.get("/index.xhtml");

        // Assert
        assertThat(all.body()).contains("Press 7", "Hydraulic oil above 80 °C", "Spare press", "The device stopped reporting.",
                "Oil cooler fan replaced", "Acknowledge");
        assertThat(home.body()).contains("Alarms (1)", "id=\"activeAlarmCount\" class=\"ks-offline\">1<");
        assertThat(device.body()).contains("id=\"deviceAlarms\" class=\"ks-offline\">1 active", "alarm history");
        assertThat(techHome.body()).contains("id=\"activeAlarmCount\" class=\"ks-online\">0<").doesNotContain("Alarms (1)");
    }

    @Test
    @Order(10)
    @DisplayName("the rule and group pages are for alarm:manage: the administrator gets them with the menu entries, the"
            + " technician (alarm:view) gets the error page and no entries")
    void rulePagesNeedTheRight() throws Exception {
        // Arrange
        FacesClient admin = signedIn("admin");
        FacesClient technician = signedIn("tech");
        Page techHome = technician.get("/index.xhtml");

        // Act
        Page rules = admin.get("/alarm-rules.xhtml");
        Page groups = admin.get("/alarm-groups.xhtml");
        Page techRules = technician.get("/alarm-rules.xhtml");
        Page techGroups = technician.get("/alarm-groups.xhtml");

        // Assert
        assertThat(rules.body()).contains("menuAlarmRules", "menuAlarmGroups", "Press too hot", "device Press 7", "ruleForm");
        assertThat(groups.body()).contains("groupForm", "Night duty");
        assertThat(techHome.body()).doesNotContain("menuAlarmRules", "menuAlarmGroups");
        assertThat(List.of(techRules, techGroups)).allSatisfy(page -> {
            assertThat(page.path()).isEqualTo("/error.xhtml");
            assertThat(page.body()).doesNotContain("ruleForm", "groupForm");
        });
    }

    @Test
    @Order(11)
    @DisplayName("retention deletes alarms cleared more than 365 days ago with their messages, and messages sent that long"
            + " ago; it keeps active alarms, newer ones, and an old alarm whose message is still pending")
    void retention() throws Exception {
        // Arrange: four alarms on the spare press, as a year of use leaves them; made active with their messages first and
        // cleared in one statement, so that the retention (every second here) sees each alarm whole
        long oldCleared = oldAlarm();
        long oldSent = message(oldCleared, "SENT");
        long oldPending = oldAlarm();
        long pending = message(oldPending, "PENDING");
        long recent = oldAlarm();
        long stillActive = oldAlarm();
        long sentLongAgo = message(stillActive, "SENT");
        Fixtures.update(db, "UPDATE alarm SET cleared_at = DATE_SUB(UTC_TIMESTAMP(3), INTERVAL IF(id = ?, 10, 399) DAY)"
                + " WHERE id IN (?, ?, ?)", recent, oldCleared, oldPending, recent);

        // Act: the retention runs every second in the tests
        await("the old cleared alarm and both old sent messages are deleted", () -> count("SELECT (SELECT COUNT(*) FROM alarm"
                + " WHERE id = ?) + (SELECT COUNT(*) FROM alarm_message WHERE id IN (?, ?))", oldCleared, oldSent, sentLongAgo),
                n -> n == 0);

        // Assert
        assertThat(count("SELECT COUNT(*) FROM alarm_message WHERE id IN (?, ?)", oldSent, sentLongAgo)).isZero();
        assertThat(count("SELECT COUNT(*) FROM alarm WHERE id IN (?, ?, ?)", oldPending, recent, stillActive)).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM alarm_message WHERE id = ? AND state = 'PENDING'", pending)).isOne();
    }

    @Test
    @Order(12)
    @DisplayName("a batch of 8 due mails goes over one SMTP connection; the server going away after the 3rd leaves those 3"
            + " sent, the 4th pending with the error for its retry, the rest sent by the next run: each mail arrives once")
    void batchWithAFailureInTheMiddle() throws Exception {
        // Arrange: the portal sends through a proxy to GreenMail that ends the connection when the 4th mail starts and
        // turns the next connection away; 8 mails of an alarm become due at once
        try (SmtpProxy proxy = new SmtpProxy(smtpPort)) {
            setting("mail.smtp.port", Integer.toString(proxy.port()));
            proxy.cutAfter(3);
            long alarm = oldAlarm();
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                values.append(i == 0 ? "" : ", ").append("(").append(alpha).append(", ").append(alarm)
                        .append(", 'MAIL', 'batch").append(i).append("@alpha.test', 'Batch ").append(i)
                        .append("', 'Batch mail', 'PENDING', DATE_SUB(UTC_TIMESTAMP(3), INTERVAL 1 DAY), UTC_TIMESTAMP(3))");
            }

            // Act: one statement, so one run reads all 8
            Fixtures.update(db, "INSERT INTO alarm_message (account_id, alarm_id, channel, recipient, subject, body, state,"
                    + " next_attempt_at, created_at) VALUES " + values);
            await("7 mails sent, one pending", () -> count("SELECT COUNT(*) FROM alarm_message WHERE alarm_id = ? AND state ="
                    + " 'SENT'", alarm), n -> n == 7);

            // Assert: the 4th failed once and waits for its retry; every other one was sent at its first attempt
            assertThat(Fixtures.string(db, "SELECT GROUP_CONCAT(CONCAT(recipient, ':', state, ':', attempts) ORDER BY id)"
                    + " FROM alarm_message WHERE alarm_id = ?", alarm)).isEqualTo("batch0@alpha.test:SENT:1,"
                    + "batch1@alpha.test:SENT:1,batch2@alpha.test:SENT:1,batch3@alpha.test:PENDING:1,batch4@alpha.test:SENT:1,"
                    + "batch5@alpha.test:SENT:1,batch6@alpha.test:SENT:1,batch7@alpha.test:SENT:1");
            assertThat(Fixtures.string(db, "SELECT last_error FROM alarm_message WHERE alarm_id = ? AND state = 'PENDING'",
                    alarm)).startsWith("The SMTP server 127.0.0.1:" + proxy.port());
            assertThat(proxy.connections()).as("the batch's connection, the one turned away, the next run's").isEqualTo(3);

            // Act: the retry is due a minute later
            MovableClock.set(ArquillianPortal.home(), Duration.ofMinutes(30));
            await("the 4th is sent too", () -> count("SELECT COUNT(*) FROM alarm_message WHERE alarm_id = ? AND state ="
                    + " 'SENT'", alarm), n -> n == 8);

            // Assert: each of the 8 arrived exactly once
            assertThat(List.of(smtp.getReceivedMessages()).stream().map(AlarmsIT::recipient).filter(r -> r.startsWith("batch"))
                    .sorted().toList()).containsExactly("batch0@alpha.test", "batch1@alpha.test", "batch2@alpha.test",
                    "batch3@alpha.test", "batch4@alpha.test", "batch5@alpha.test", "batch6@alpha.test", "batch7@alpha.test");
        } finally {
            setting("mail.smtp.port", Integer.toString(smtpPort));
        }
    }

    /** A browser session of a user of alpha-alarms, signed in. */
    private static FacesClient signedIn(String username) {
        FacesClient browser = new FacesClient(ArquillianPortal.httpsUrl());
        browser.submit(browser.get("/login.xhtml"), "loginForm",
                Map.of("account", "alpha-alarms", "username", username, "password", PASSWORD), "login");
        return browser;
    }

    /** An alarm on the spare press raised 400 days ago, still active. */
    private static long oldAlarm() throws Exception {
        return Fixtures.insert(db, "INSERT INTO alarm (account_id, device_id, rule_name, severity, text, raised_at)"
                + " VALUES (?, ?, 'Old rule', 'INFO', 'An alarm of last year.', DATE_SUB(UTC_TIMESTAMP(3), INTERVAL 400 DAY))",
                alpha, spare);
    }

    /**
     * A message of {@code alarm}, made 400 days ago: sent 399 days ago, or still pending with its next attempt tomorrow
     * (so the outbox, which runs every second here, leaves it pending).
     */
    private static long message(long alarm, String state) throws Exception {
        return Fixtures.insert(db, "INSERT INTO alarm_message (account_id, alarm_id, channel, recipient, subject, body, state,"
                + " next_attempt_at, created_at, sent_at) VALUES (?, ?, 'MAIL', 'shift@alpha.test', 'Old', 'Old', ?,"
                + " DATE_ADD(UTC_TIMESTAMP(3), INTERVAL 1 DAY), DATE_SUB(UTC_TIMESTAMP(3), INTERVAL 400 DAY),"
                + " IF(? = 'SENT', DATE_SUB(UTC_TIMESTAMP(3), INTERVAL 399 DAY), NULL))", alpha, alarm, state, state);
    }
}
