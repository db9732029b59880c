package io.keyswitch.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.FacesClient;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.MovableClock;
import io.keyswitch.testing.TestDirs;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The operator's approval through the running portal's API: approval rules per project and device (audited, bad input
 * refused whole), a technician's request mailed to the approvers (GreenMail on a loopback port) with a link that opens
 * the login and answers nothing, approval by a member of the approvers' group only (a non-member 403, another account
 * 404), Connect possible only inside the approved window and closed at its end (moved clock), refusal, expiry, and an
 * approver ending an approved connection. No technician has a VPN tunnel here, so connections wait (as in
 * ConnectionsIT); the engine closes waiting connections as it closes open ones. The portal runs with
 * {@code keyswitch.approvals.interval=PT1S} (ArquillianPortal).
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Operator approval: rules, requests by mail, approve, window, refuse, expire, end, tenancy")
class ApprovalsIT {

    private static final String PASSWORD = "Approvals-IT-Password-2026";
    private static final String ADMIN = "ks_" + "L".repeat(16) + "apprAlphaAdmin01";
    private static final String TECH = "ks_" + "M".repeat(16) + "apprAlphaTech001";
    private static final String APPROVER = "ks_" + "N".repeat(16) + "apprAlphaOper001";
    private static final String OUTSIDER = "ks_" + "O".repeat(16) + "apprAlphaOther01";
    private static final String BETA = "ks_" + "P".repeat(16) + "apprBetaAdmin001";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static DatabaseCoordinates db;
    private static long alpha;
    private static long line;
    private static long press;
    private static long operators;
    private static long betaGroup;
    private static long techId;
    private static GreenMail smtp;
    private static final Map<String, String> savedSettings = new LinkedHashMap<>();

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war").importFrom(TestDirs.war().toFile()).as(WebArchive.class)
                .addClass(MovableClock.class).addClass(MovableClock.class.getName() + "$Offset");
    }

    @BeforeAll
    static void arrange() throws Exception {
        db = ArquillianPortal.database();
        alpha = Fixtures.account(db, "alpha-approvals");
        long beta = Fixtures.account(db, "beta-approvals");
        List<String> admin = List.of("device:view", "device:edit", "project:manage", "settings:manage", "connection:view",
                "audit:view");
        Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "admin", PASSWORD, admin), ADMIN);
        long betaAdmin = Fixtures.user(db, beta, "admin", PASSWORD, admin);
        Fixtures.apiToken(db, beta, betaAdmin, BETA);
        betaGroup = groupOf(betaAdmin);
        techId = Fixtures.user(db, alpha, "tech", PASSWORD, List.of("device:connect"));
        Fixtures.apiToken(db, alpha, techId, TECH);
        Fixtures.update(db, "UPDATE app_user SET email = 'tech@builder.test' WHERE id = ?", techId);
        long approver = Fixtures.user(db, alpha, "operator", PASSWORD, List.of("device:view"));
        Fixtures.apiToken(db, alpha, approver, APPROVER);
        Fixtures.update(db, "UPDATE app_user SET email = 'shift@plant.test', phone = '+49 170 555-0199' WHERE id = ?", approver);
        operators = groupOf(approver);
        Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "other", PASSWORD, List.of("device:view")), OUTSIDER);

        line = Fixtures.project(db, alpha, "Line 3");
        String pool = Fixtures.firstVirtualSubnet(db, alpha);
        press = Fixtures.device(db, alpha, "Press 9", "192.168.0.0/24", pool);
        Fixtures.update(db, "UPDATE device SET project_id = ? WHERE id = ?", line, press);
        long plc = Fixtures.component(db, alpha, press, "PLC", "192.168.0.10", "tcp/102");
        Fixtures.update(db, "INSERT INTO access_grant (account_id, user_id, component_id, created_at) VALUES (?, ?, ?,"
                + " UTC_TIMESTAMP(3))", alpha, techId, plc);

        int smtpPort = LoopbackPorts.free();
        for (String key : List.of("mail.smtp.host", "mail.smtp.port", "mail.smtp.security", "mail.smtp.user", "mail.from",
                "appliance.dns-name", "sms.gateway")) {
            savedSettings.put(key, Fixtures.string(db, "SELECT MAX(setting_value) FROM setting WHERE scope_id = 0 AND"
                    + " setting_key = ?", key));
        }
        setting("mail.smtp.host", "127.0.0.1");
        setting("mail.smtp.port", Integer.toString(smtpPort));
        setting("mail.smtp.security", "NONE");
        setting("mail.smtp.user", "");
        setting("mail.from", "portal@plant.test");
        setting("sms.gateway", "LOG_ONLY"); // writes each SMS to ArquillianPortal.smsOutbox()
        // Links in mails point at the appliance's DNS name: here the test portal itself.
        setting("appliance.dns-name", ArquillianPortal.httpsUrl().replace("https://", "").replace("/", ""));
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

    @Test
    @Order(1)
    @DisplayName("bad rules, settings and requests are 400 problems naming the field, and nothing is stored or audited")
    void badInput() throws Exception {
        // Arrange
        long audited = count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action LIKE 'approval.%'", alpha);

        // Act + Assert: rules
        assertProblem(api(ADMIN).put("/approval/projects/" + line, "{\"mode\":\"INHERIT\",\"reason\":\"try\"}"), 400, "mode",
                "nothing to inherit");
        assertProblem(api(ADMIN).put("/approval/projects/" + line, "{\"mode\":\"GROUP\",\"reason\":\"operators approve\"}"),
                400, "userGroupId", "Choose the group");
        assertProblem(api(ADMIN).put("/approval/projects/" + line, "{\"mode\":\"GROUP\",\"userGroupId\":" + betaGroup
                + ",\"reason\":\"operators approve\"}"), 400, "userGroupId", "no user group " + betaGroup);
        assertProblem(api(ADMIN).put("/approval/devices/" + press, "{\"mode\":\"SOMETIMES\",\"reason\":\"x y z\"}"), 400,
                "mode", "INHERIT, NONE or GROUP");
        assertProblem(api(ADMIN).put("/approval/settings", "{\"expireMinutes\":2,\"reason\":\"faster answers\"}"), 400,
                "expireMinutes", "5 to 10080");
        // requests: on a device that needs no approval, and bad fields (all named at once)
        assertProblem(api(TECH).post("/approval-requests", "{\"deviceId\":" + press + ",\"reason\":\"PLC update\","
                + "\"minutes\":60}"), 400, "deviceId", "need no approval");
        Answer bad = api(TECH).post("/approval-requests", "{\"deviceId\":" + press + ",\"reason\":\"\",\"start\":\"tomorrow\","
                + "\"minutes\":0,\"orderNumber\":\"" + "9".repeat(65) + "\"}");
        assertProblem(bad, 400, "minutes", "5 to 1440");
        assertThat(bad.json().getJsonObject("errors").keySet()).contains("reason", "start", "orderNumber");
        assertProblem(api(TECH).post("/approval-requests", "{\"deviceId\":" + press + ",\"reason\":\"PLC update\","
                + "\"start\":\"2020-01-01T00:00:00Z\",\"minutes\":60}"), 400, "start", "in the past");
        assertThat(api(TECH).post("/approval-requests", "{\"deviceId\":" + press + ",\"surprise\":1}").status()).isEqualTo(400);

        // Assert: nothing stored, nothing audited
        assertThat(count("SELECT COUNT(*) FROM approval_rule WHERE account_id = ?", alpha)).isZero();
        assertThat(count("SELECT COUNT(*) FROM approval_account_setting WHERE account_id = ?", alpha)).isZero();
        assertThat(count("SELECT COUNT(*) FROM approval_request WHERE account_id = ?", alpha)).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action LIKE 'approval.%'", alpha))
                .isEqualTo(audited);
    }

    @Test
    @Order(2)
    @DisplayName("a project's rule is its devices' default, a device may override it (none) or inherit again; audited with"
            + " the reason; another account's devices and projects are not there (404)")
    void rules() throws Exception {
        // Act: the project needs approval by the operators; the device inherits it
        Answer project = api(ADMIN).put("/approval/projects/" + line, "{\"mode\":\"GROUP\",\"userGroupId\":" + operators
                + ",\"reason\":\"the plant's rule: operators approve\"}");
        JsonObject device = api(ADMIN).get("/approval/devices/" + press).json();

        // Assert
        assertThat(project.status()).as(project.body()).isEqualTo(200);
        assertThat(device.getString("mode")).isEqualTo("INHERIT");
        assertThat(device.getBoolean("approvalNeeded")).isTrue();
        assertThat(device.getJsonNumber("approversGroupId").longValue()).isEqualTo(operators);
        assertThat(device.getString("words")).contains("Connections need approval by group", "(as its project)");

        // the device overrides, then inherits again
        JsonObject none = api(ADMIN).put("/approval/devices/" + press, "{\"mode\":\"NONE\",\"reason\":\"commissioning week\"}").json();
        assertThat(none.getBoolean("approvalNeeded")).isFalse();
        JsonObject again = api(ADMIN).put("/approval/devices/" + press, "{\"mode\":\"INHERIT\",\"reason\":\"commissioning over\"}").json();
        assertThat(again.getBoolean("approvalNeeded")).isTrue();
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action = 'approval.rule' AND reason ="
                + " 'commissioning week'", alpha)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action = 'approval.rule'", alpha)).isEqualTo(3);

        // the same through the pages: the device page's line links to "Approval rule", which asks for the reason
        FacesClient pages = signedIn("admin");
        assertThat(pages.get("/device.xhtml?id=" + press).body()).contains("approval-rule.xhtml?device=" + press);
        FacesClient.Page rule = pages.get("/approval-rule.xhtml?device=" + press);
        assertThat(rule.body()).contains("Connections need approval by group", "(as its project)");
        FacesClient.Page noReason = pages.submit(rule, "ruleForm", Map.of("mode_input", "NONE", "reason", ""), "save");
        assertThat(noReason.body()).contains("Please say why");
        assertThat(api(ADMIN).get("/approval/devices/" + press).json().getString("mode")).isEqualTo("INHERIT");
        FacesClient.Page saved = pages.submit(noReason, "ruleForm", Map.of("mode_input", "NONE", "reason",
                "line stopped for a week"), "save");
        assertThat(saved.body()).contains("The approval rule is saved.", "Connections need no approval.");
        assertThat(api(ADMIN).put("/approval/devices/" + press, "{\"mode\":\"INHERIT\",\"reason\":\"line runs again\"}")
                .json().getBoolean("approvalNeeded")).isTrue();
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action = 'approval.rule'", alpha)).isEqualTo(5);

        // tenancy: another account's admin sees neither
        assertThat(api(BETA).get("/approval/devices/" + press).status()).isEqualTo(404);
        assertThat(api(BETA).put("/approval/projects/" + line, "{\"mode\":\"NONE\",\"reason\":\"take over\"}").status())
                .isEqualTo(404);
        assertThat(api(ADMIN).get("/approval/devices/" + press).json().getBoolean("approvalNeeded")).isTrue();
    }

    @Test
    @Order(3)
    @DisplayName("without an approval Connect is refused, saying to request one; a request mails the approvers a link that"
            + " opens the login and answers nothing; and an SMS when they have a number")
    void requestMailsTheApprovers() throws Exception {
        // Arrange + Act: Connect without approval
        Answer refused = api(TECH).post("/connections", "{\"deviceId\":" + press + ",\"reason\":\"PLC update\"}");
        assertProblem(refused, 400, "deviceId", "need an operator's approval: request approval first");

        // Act: the request
        Answer made = api(TECH).post("/approval-requests", "{\"deviceId\":" + press + ",\"reason\":\"PLC update\","
                + "\"orderNumber\":\"SO-4711\",\"minutes\":60}");

        // Assert: stored, audited, mailed to the approver (not to the technician), with the link
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        long id = made.json().getJsonNumber("id").longValue();
        assertThat(made.json().getString("state")).isEqualTo("PENDING");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action = 'approval.request'", alpha)).isEqualTo(1);
        MimeMessage mail = awaitMail("shift@plant.test", "wants to connect to Press 9");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains("tech asks to connect to Press 9", "Reason: PLC update", "Order number: SO-4711");
        Matcher link = Pattern.compile("https://\\S+/(approvals\\.xhtml\\?request=" + id + ")").matcher(body);
        assertThat(link.find()).as(body).isTrue();
        // and by SMS, as the approver has a number and the appliance an SMS gateway
        String sms = await("an SMS to the approver", () -> Files.exists(ArquillianPortal.smsOutbox())
                ? Files.readAllLines(ArquillianPortal.smsOutbox()).stream().filter(l -> l.startsWith("+491705550199"))
                .filter(l -> l.contains("approvals.xhtml?request=" + id)).findFirst().orElse(null) : null, l -> l != null);
        assertThat(sms).contains("wants to connect to Press 9");
        // the link opens the login, and following it answers nothing
        FacesClient.Page page = new FacesClient(ArquillianPortal.httpsUrl()).get("/" + link.group(1));
        assertThat(page.path()).contains("login");
        assertThat(api(TECH).get("/approval-requests/" + id).json().getString("state")).isEqualTo("PENDING");
        // a second request for the same device waits for the first
        assertProblem(api(TECH).post("/approval-requests", "{\"deviceId\":" + press + ",\"reason\":\"again\",\"minutes\":30}"),
                400, "deviceId", "waits for an answer already");
        // the approver sees it to answer; the count is theirs, not the technician's
        assertThat(api(APPROVER).get("/approval-requests?which=to-answer").json().getJsonNumber("total").longValue()).isEqualTo(1);
        assertThat(api(TECH).get("/approval-requests?which=to-answer").json().getJsonNumber("total").longValue()).isZero();
    }

    @Test
    @Order(4)
    @DisplayName("only a member of the approvers' group answers: the technician and a non-member get 403, another account 404")
    void onlyMembersAnswer() {
        long id = pendingId();

        assertProblem(api(OUTSIDER).post("/approval-requests/" + id + "/approve", "{\"comment\":\"ok\"}"), 403, null, null);
        assertProblem(api(TECH).post("/approval-requests/" + id + "/approve", "{\"comment\":\"ok\"}"), 403, null, null);
        assertProblem(api(BETA).post("/approval-requests/" + id + "/approve", "{\"comment\":\"ok\"}"), 404, null, null);
        assertThat(api(BETA).get("/approval-requests/" + id).status()).isEqualTo(404);
        assertThat(api(OUTSIDER).get("/approval-requests/" + id).status()).isEqualTo(404);

        assertThat(api(TECH).get("/approval-requests/" + id).json().getString("state")).isEqualTo("PENDING");
    }

    @Test
    @Order(5)
    @DisplayName("approved for a shortened window: the technician is told by mail, Connect works inside the window, the"
            + " record shows the approval, the portal warns 5 minutes before the end, and at the end the connection closes and"
            + " Connect is refused again")
    void approvedWindow() throws Exception {
        // Arrange
        long id = pendingId();
        assertProblem(api(APPROVER).post("/approval-requests/" + id + "/approve", "{\"minutes\":61}"), 400, "minutes",
                "inside the wanted one");

        // Act: approve 20 of the 60 minutes asked for
        Answer approved = api(APPROVER).post("/approval-requests/" + id + "/approve",
                "{\"comment\":\"only during the break\",\"minutes\":20}");

        // Assert
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonObject q = approved.json();
        assertThat(q.getString("state")).isEqualTo("APPROVED");
        Instant start = Instant.parse(q.getString("windowStart"));
        assertThat(Duration.between(start, Instant.parse(q.getString("windowEnd")))).isEqualTo(Duration.ofMinutes(20));
        assertThat(GreenMailUtil.getBody(awaitMail("tech@builder.test", "Approved: your connection to Press 9")))
                .contains("operator", "only during the break");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action = 'approval.approve'", alpha)).isEqualTo(1);

        Answer connected = api(TECH).post("/connections", "{\"deviceId\":" + press + ",\"reason\":\"PLC update\"}");
        assertThat(connected.status()).as(connected.body()).isEqualTo(201);
        long connection = connected.json().getJsonNumber("id").longValue();
        JsonObject approval = api(ADMIN).get("/connections/" + connection).json().getJsonObject("approval");
        assertThat(approval.getJsonNumber("requestId").longValue()).isEqualTo(id);
        assertThat(approval.getString("comment")).isEqualTo("only during the break");
        assertThat(approval.getString("approvedBy")).contains("operator");
        FacesClient admin = signedIn("admin");
        assertThat(admin.get("/connections.xhtml?which=all").body()).contains("approved by alpha-approvals/operator",
                "only during the break");

        // the portal warns the technician in the window's last 5 minutes, not before
        FacesClient technician = signedIn("tech");
        assertThat(technician.get("/machines.xhtml").body()).doesNotContain("Your approved window for Press 9 ends at");
        MovableClock.set(ArquillianPortal.home(), Duration.ofMinutes(16));
        try {
            assertThat(technician.get("/machines.xhtml").body()).containsPattern(
                    "Your approved window for Press 9 ends at [0-9: -]+UTC \\(in [1-4] min\\)");
        } finally {
            MovableClock.set(ArquillianPortal.home(), Duration.ZERO);
        }

        // Act: the window ends
        MovableClock.set(ArquillianPortal.home(), Duration.ofMinutes(21));
        try {
            // Assert
            JsonObject closed = awaitConnection(connection, c -> c.getString("state").equals("CLOSED"));
            assertThat(closed.getString("closeCause")).isEqualTo("APPROVAL_WINDOW_ENDED");
            assertProblem(api(TECH).post("/connections", "{\"deviceId\":" + press + ",\"reason\":\"PLC update\"}"), 400,
                    "deviceId", "ended");
        } finally {
            MovableClock.set(ArquillianPortal.home(), Duration.ZERO);
            // back in real time the window would hold again: let it be over in real time too, as it is for the tests after
            Fixtures.update(db, "UPDATE approval_request SET window_end = window_start WHERE id = ?", id);
        }
    }

    @Test
    @Order(6)
    @DisplayName("a refusal needs a comment, is audited and mailed to the technician; the request cannot be answered twice")
    void refusal() throws Exception {
        long id = request(30);

        assertProblem(api(APPROVER).post("/approval-requests/" + id + "/refuse", "{}"), 400, "comment", "Say why");
        Answer refused = api(APPROVER).post("/approval-requests/" + id + "/refuse", "{\"comment\":\"line runs until 18:00\"}");

        assertThat(refused.json().getString("state")).as(refused.body()).isEqualTo("REFUSED");
        assertThat(GreenMailUtil.getBody(awaitMail("tech@builder.test", "Refused: your connection to Press 9")))
                .contains("line runs until 18:00");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action = 'approval.refuse'", alpha)).isEqualTo(1);
        assertProblem(api(APPROVER).post("/approval-requests/" + id + "/approve", "{}"), 400, "id", "answered already");
        assertProblem(api(TECH).post("/connections", "{\"deviceId\":" + press + ",\"reason\":\"PLC update\"}"), 400,
                "deviceId", "was refused");
    }

    @Test
    @Order(7)
    @DisplayName("a request nobody answers within the account's answer time expires: marked, audited by the portal, mailed")
    void expiry() throws Exception {
        // Arrange: answers within 5 minutes
        Answer set = api(ADMIN).put("/approval/settings", "{\"expireMinutes\":5,\"reason\":\"night shift answers fast\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        long id = request(60);
        assertThat(Instant.parse(api(TECH).get("/approval-requests/" + id).json().getString("expiresAt")))
                .isBefore(Instant.now().plus(Duration.ofMinutes(6)));

        // Act
        MovableClock.set(ArquillianPortal.home(), Duration.ofMinutes(6));
        try {
            // Assert
            await("the request expired", () -> api(TECH).get("/approval-requests/" + id).json().getString("state"),
                    "EXPIRED"::equals);
            assertThat(count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action = 'approval.expire' AND"
                    + " actor = 'system'", alpha)).isEqualTo(1);
            assertProblem(api(APPROVER).post("/approval-requests/" + id + "/approve", "{}"), 400, "id", "answered already");
        } finally {
            MovableClock.set(ArquillianPortal.home(), Duration.ZERO);
        }
        assertThat(GreenMailUtil.getBody(awaitMail("tech@builder.test", "Expired: your request for Press 9"))).contains("expired");
    }

    @Test
    @Order(8)
    @DisplayName("an approver ends an approved connection at any time: closed as ended by the approver, with their comment, before End answers")
    void approverEnds() throws Exception {
        long id = request(60);
        assertThat(api(APPROVER).post("/approval-requests/" + id + "/approve", "{}").status()).isEqualTo(200);
        long connection = api(TECH).post("/connections", "{\"deviceId\":" + press + ",\"reason\":\"PLC update\"}").json()
                .getJsonNumber("id").longValue();
        assertProblem(api(OUTSIDER).post("/approval-requests/" + id + "/end", "{\"comment\":\"stop\"}"), 403, null, null);

        Answer ended = api(APPROVER).post("/approval-requests/" + id + "/end", "{\"comment\":\"fire alarm drill\"}");

        assertThat(ended.json().getString("state")).as(ended.body()).isEqualTo("ENDED");
        JsonObject closed = api(ADMIN).get("/connections/" + connection).json(); // closed before the answer, not after
        assertThat(closed.getString("state")).as(closed.toString()).isEqualTo("CLOSED");
        assertThat(closed.getString("closeCause")).isEqualTo("ENDED_BY_APPROVER");
        assertThat(closed.getString("closedBy")).contains("operator");
        assertThat(closed.getString("closeReason")).isEqualTo("fire alarm drill");
        assertThat(closed.getJsonObject("approval").getString("endComment")).isEqualTo("fire alarm drill");
        assertProblem(api(TECH).post("/connections", "{\"deviceId\":" + press + ",\"reason\":\"PLC update\"}"), 400,
                "deviceId", "ended your window");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action = 'approval.end'", alpha)).isEqualTo(1);
    }

    private static long request(int minutes) {
        Answer made = api(TECH).post("/approval-requests", "{\"deviceId\":" + press + ",\"reason\":\"PLC update\",\"minutes\":"
                + minutes + "}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json().getJsonNumber("id").longValue();
    }

    /** A person signed in to the pages (no second factor is required in this account). */
    private static FacesClient signedIn(String user) {
        FacesClient browser = new FacesClient(ArquillianPortal.httpsUrl());
        browser.submit(browser.get("/login.xhtml"), "loginForm", Map.of("account", "alpha-approvals", "username", user,
                "password", PASSWORD), "login");
        return browser;
    }

    private static long pendingId() {
        return api(TECH).get("/approval-requests?which=mine&state=pending").json().getJsonArray("items").getJsonObject(0)
                .getJsonNumber("id").longValue();
    }

    private static long groupOf(long userId) throws Exception {
        return Long.parseLong(Fixtures.string(db, "SELECT group_id FROM group_membership WHERE user_id = ?", userId));
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

    private static MimeMessage awaitMail(String to, String subject) throws Exception {
        return await("a mail to " + to + " about '" + subject + "'", () -> Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getSubject().contains(subject) && Arrays.stream(m.getAllRecipients())
                                .anyMatch(r -> r.toString().equals(to));
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).findFirst().orElse(null), m -> m != null);
    }

    private static JsonObject awaitConnection(long id, Predicate<JsonObject> done) throws Exception {
        return await("connection " + id, () -> api(ADMIN).get("/connections/" + id).json(), done);
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
