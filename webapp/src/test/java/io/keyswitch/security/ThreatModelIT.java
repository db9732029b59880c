package io.keyswitch.security;

import io.keyswitch.launcher.LoopbackPorts;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.FacesClient;
import io.keyswitch.testing.FacesClient.Page;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.LocalAddressClient;
import io.keyswitch.testing.TestDirs;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * The threat model of {@code docs/secure/threat-model.md}, tried against the running portal as each hostile party would:
 * the network (an anonymous client guessing, padding names, racing, locking others out, forging the Host header,
 * posting scripted forms), an account's own user (taking rights it does not hold, taking over a system
 * administrator), a user whose access ends (sessions, tokens), and someone with the database but not the
 * portal's key (rewriting the audit chain). One deployment; every test arranges its own users in two accounts
 * made here ({@value #TENANT}) and in {@code system}. Runs after {@code StrongAuthenticationIT} (alphabetical
 * order), whose assertions on jail bans this class's bans must not disturb.
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The threat model, tried against the running portal")
class ThreatModelIT {

    static final String TENANT = "threat-co";
    static final String OTHER = "threat-other";
    static final String PASSWORD = "Threat-Model-IT-2026";
    static final List<String> ALL = List.of("device:view", "device:edit", "device:connect", "component:edit",
            "user:manage", "group:manage", "project:manage", "report:view", "audit:view", "alarm:manage",
            "web2go:use", "settings:manage");

    static final String BOSS_TOKEN = token("bossTenantToken");
    static final String HELPDESK_TOKEN = token("helpdeskTenantTk");
    static final String GROUPMGR_TOKEN = token("groupmgrTenantTk");
    static final String WORKER_TOKEN = token("workerTenantToke");
    static final String ROOT2_TOKEN = token("rootTwoSystemTok");
    static final String USERADM_TOKEN = token("userAdmSystemTok");

    private static DatabaseCoordinates db;
    private static long tenant;
    private static long system;
    private static final Map<String, Long> ids = new java.util.HashMap<>();
    private static GreenMail smtp;

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war").importFrom(TestDirs.war().toFile()).as(WebArchive.class);
    }

    @BeforeAll
    static void arrange() throws Exception {
        db = ArquillianPortal.database();
        tenant = Fixtures.account(db, TENANT);
        system = Fixtures.accountId(db, "system");
        long other = Fixtures.account(db, OTHER);
        user("boss", tenant, ALL, BOSS_TOKEN);
        user("helpdesk", tenant, List.of("user:manage"), HELPDESK_TOKEN);
        user("groupmgr", tenant, List.of("group:manage"), GROUPMGR_TOKEN);
        user("worker", tenant, List.of("device:view"), WORKER_TOKEN);
        for (String plain : List.of("victim", "victim2", "racer", "lockme", "pwuser", "temp", "appuser", "mailer")) {
            user(plain, tenant, List.of("device:view"), null);
        }
        ids.put("other", Fixtures.user(db, other, "other", PASSWORD, List.of("device:view")));
        user("root2", system, ALL, ROOT2_TOKEN);
        Fixtures.makeSystemAdmin(db, ids.get("root2"));
        user("useradm", system, List.of("user:manage"), USERADM_TOKEN);
        user("setadm", system, List.of("settings:manage"), null);
        user("ops", system, List.of("device:view"), null);
        // the mailer must use a second factor and has only an e-mail address: the e-mail link is its factor
        Fixtures.update(db, "UPDATE app_user SET email = CONCAT(username, '@threat.test') WHERE account_id = ? "
                + "AND username IN ('mailer', 'appuser')", tenant);
        Fixtures.update(db, "UPDATE user_group SET second_factor_required = TRUE WHERE account_id = ? AND name = 'group of mailer'",
                tenant);
        int port = LoopbackPorts.free();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        for (String[] s : new String[][] {{"mail.smtp.host", "127.0.0.1"}, {"mail.smtp.port", Integer.toString(port)},
                {"mail.smtp.security", "NONE"}, {"mail.smtp.user", ""}, {"mail.from", "portal@threat.test"}}) {
            Fixtures.update(db, "REPLACE INTO setting (scope_id, setting_key, setting_value, updated_at) "
                    + "VALUES (0, ?, ?, UTC_TIMESTAMP(3))", s[0], s[1]);
        }
    }

    @AfterAll
    static void stopMail() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static void user(String name, long account, List<String> rights, String token) throws Exception {
        long id = Fixtures.user(db, account, name, PASSWORD, rights);
        ids.put(name, id);
        ids.put("group of " + name, Long.parseLong(Fixtures.string(db,
                "SELECT id FROM user_group WHERE account_id = ? AND name = ?", account, "group of " + name)));
        if (token != null) {
            Fixtures.apiToken(db, account, id, token);
        }
    }

    private static String token(String tail) {
        return "ks_" + "T".repeat(32 - tail.length()) + tail;
    }

    private static ApiClient api(String token) {
        return new ApiClient(ArquillianPortal.httpsUrl() + "api/v1", token);
    }

    private static String loopback() {
        return StrongAuthenticationIT.loopbackUrl();
    }

    private static LocalAddressClient from(String address) {
        return new LocalAddressClient(loopback(), address);
    }

    static Page login(LocalAddressClient browser, String account, String user, String password) {
        return StrongAuthenticationIT.login(browser, account, user, password);
    }

    static Page login(FacesClient browser, String account, String user, String password) {
        return StrongAuthenticationIT.login(browser, account, user, password);
    }

    private static long audited(String sql, Object... params) throws Exception {
        return Fixtures.count(db, sql, params);
    }

    // ---------------------------------------------------------------------------------------------
    // The network: an anonymous client at the login


    @Test
    @Order(11)
    @DisplayName("a user name padded with 200 control characters is refused neutrally, counted and audited: the 6th try is banned")
    void paddedNamesAreCountedAndAudited() throws Exception {
        LocalAddressClient attacker = from("127.0.0.21");
        String padded = "victim" + "\u0001".repeat(200);

        List<Page> tries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tries.add(login(attacker, TENANT, padded, "wrong-" + i));
        }
        Page sixth = login(attacker, TENANT, "victim", PASSWORD);

        assertThat(tries).allSatisfy(p -> {
            assertThat(p.status()).as("no 500: " + p.body()).isEqualTo(200);
            assertThat(p.body()).contains(LoginResult.NEUTRAL_FAILURE);
        });
        assertThat(sixth.status()).as("the address is banned after 5 counted failures").isEqualTo(429);
        assertThat(audited("SELECT COUNT(*) FROM audit_event WHERE action = 'login' AND outcome = 'FAILURE' "
                + "AND source_ip = '127.0.0.21'")).isEqualTo(5);
        assertThat(Fixtures.string(db, "SELECT MAX(CHAR_LENGTH(actor)) FROM audit_event WHERE source_ip = '127.0.0.21'"))
                .satisfies(len -> assertThat(Integer.parseInt(len)).isLessThanOrEqualTo(200));
    }

    @Test
    @Order(12)
    @DisplayName("the right password under a padded or disguised user name signs nobody in")
    void disguisedNameWithTheRightPasswordSignsNobodyIn() throws Exception {
        for (String disguised : List.of("victim2" + "\u0001".repeat(200), "victim2\u200b", "vic\u00adtim2")) {
            LocalAddressClient attacker = from("127.0.0.22");

            Page answer = login(attacker, TENANT, disguised, PASSWORD);
            Page home = attacker.get("/index.xhtml");

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains(LoginResult.NEUTRAL_FAILURE);
            assertThat(home.path()).as("not signed in").isEqualTo("/login.xhtml");
        }
        assertThat(audited("SELECT COUNT(*) FROM audit_event WHERE action = 'login' AND outcome = 'SUCCESS' "
                + "AND actor_user_id = ?", ids.get("victim2"))).isZero();
    }

    @Test
    @Order(13)
    @DisplayName("12 wrong passwords sent at once from one address: at most 5 are checked, the others get 429")
    void parallelGuessesTakeTheirTokenFirst() throws Exception {
        int tries = 12;
        List<LocalAddressClient> browsers = new ArrayList<>();
        List<Page> forms = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            LocalAddressClient b = from("127.0.0.23");
            browsers.add(b);
            forms.add(b.get("/login.xhtml"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(tries);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Page>> answers = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            LocalAddressClient b = browsers.get(i);
            Page form = forms.get(i);
            String guess = "guess-" + i;
            answers.add(pool.submit(() -> {
                start.await();
                return b.submit(form, "loginForm", Map.of("account", TENANT, "username", "racer", "password", guess), "login");
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Page> a : answers) {
            statuses.add(a.get().status());
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(200, 429);
        assertThat(audited("SELECT COUNT(*) FROM audit_event WHERE action = 'login' AND outcome = 'FAILURE' "
                + "AND source_ip = '127.0.0.23'")).as("passwords checked").isLessThanOrEqualTo(5);
    }

    @Test
    @Order(14)
    @DisplayName("remote lockout: a user name banned by 5 other addresses still logs in from an address it signed in from before, not from a new one")
    void nameBanSparesKnownAddresses() throws Exception {
        Page before = login(from("127.0.0.31"), TENANT, "lockme", PASSWORD);
        for (int i = 0; i < 5; i++) {
            login(from("127.0.0.3" + (2 + i)), TENANT, "lockme", "wrong-" + i);
        }

        Page known = login(from("127.0.0.31"), TENANT, "lockme", PASSWORD);
        Page unknown = login(from("127.0.0.38"), TENANT, "lockme", PASSWORD);

        assertThat(before.path()).isEqualTo("/index.xhtml");
        assertThat(audited("SELECT COUNT(*) FROM audit_event WHERE action = 'jail.ban' AND target = ?",
                "user-name:" + TENANT + "/lockme")).isOne();
        assertThat(known.path()).as("the address lockme signed in from before").isEqualTo("/index.xhtml");
        assertThat(unknown.status()).as("an address lockme never signed in from").isEqualTo(429);
    }

    @Test
    @Order(15)
    @DisplayName("Shiro's remember-me is off: no rememberMe cookie is set or read")
    void noRememberMe() {
        LocalAddressClient browser = from("127.0.0.24");

        Page home = login(browser, TENANT, "worker", PASSWORD);

        assertThat(home.path()).isEqualTo("/index.xhtml");
        assertThat(browser.setCookieHeaders()).noneSatisfy(c -> assertThat(c).containsIgnoringCase("rememberMe"));
    }

    @Test
    @Order(16)
    @DisplayName("a form posted without PrimeFaces' CSP nonce answers 400 with the normal error page")
    void formWithoutNonceIsA400() {
        FacesClient browser = new FacesClient(ArquillianPortal.httpsUrl());
        Page form = browser.get("/login.xhtml");
        Page withoutNonce = new Page(form.status(), form.path(),
                form.body().replaceAll("PrimeFaces\\.csp\\.init\\('[^']+'\\)", ""));

        // a wrong password: the login page is rendered again, which is where PrimeFaces checks the nonce
        Page answer = browser.submit(withoutNonce, "loginForm",
                Map.of("account", TENANT, "username", "worker", "password", "not-the-password"), "login");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("id=\"errorText\"");
    }

    @Test
    @Order(17)
    @DisplayName("wrong current passwords on the password page count in the jail: the 6th answer is 429")
    void wrongCurrentPasswordsCount() {
        LocalAddressClient browser = from("127.0.0.25");
        login(browser, TENANT, "pwuser", PASSWORD);

        List<Page> wrong = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            wrong.add(browser.submit(browser.get("/password.xhtml"), "passwordForm",
                    Map.of("current", "not-it-" + i, "proposed", "Brand-New-Password-2027", "confirmation",
                            "Brand-New-Password-2027"), "change"));
        }
        Page sixth = browser.submit(browser.get("/password.xhtml"), "passwordForm",
                Map.of("current", PASSWORD, "proposed", "Brand-New-Password-2027", "confirmation", "Brand-New-Password-2027"),
                "change");

        assertThat(wrong).allSatisfy(p -> assertThat(p.body()).contains("The current password is not correct."));
        assertThat(sixth.status()).isEqualTo(429);
    }

    // ---------------------------------------------------------------------------------------------
    // An account's own user reaching for rights it does not hold


    @Test
    @Order(21)
    @DisplayName("user:manage cannot put itself or anybody into a group with rights it lacks, nor change a stronger user")
    void userManagerCannotEscalate() throws Exception {
        ApiClient helpdesk = api(HELPDESK_TOKEN);
        String strong = "[" + ids.get("group of boss") + "]";

        Answer self = helpdesk.put("/users/" + ids.get("helpdesk"), "{\"fullName\":\"Help Desk\",\"groupIds\":" + strong
                + ",\"reason\":\"more rights please\"}");
        Answer other = helpdesk.put("/users/" + ids.get("worker"), "{\"fullName\":\"Worker\",\"groupIds\":" + strong
                + ",\"reason\":\"a friend with rights\"}");
        Answer created = helpdesk.post("/users", "{\"username\":\"sock-puppet\",\"fullName\":\"Puppet\",\"groupIds\":" + strong
                + ",\"reason\":\"a puppet with rights\"}");
        Answer stronger = helpdesk.post("/users/" + ids.get("boss") + "/password-reset?reason=take%20over", "{}");
        Answer strongerMail = helpdesk.put("/users/" + ids.get("boss"), "{\"fullName\":\"Boss\",\"email\":\"me@evil.test\","
                + "\"groupIds\":" + strong + ",\"reason\":\"take over\"}");

        assertThat(List.of(self, other, created, stronger, strongerMail)).allSatisfy(a -> {
            assertThat(a.status()).as(a.body()).isEqualTo(403);
            assertThat(a.contentType()).startsWith("application/problem+json");
        });
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM group_membership WHERE group_id = ?", ids.get("group of boss")))
                .as("nobody joined the boss's group").isOne();
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM app_user WHERE account_id = ? AND username = 'sock-puppet'", tenant))
                .isZero();
        assertThat(Fixtures.string(db, "SELECT COALESCE(email, '') FROM app_user WHERE id = ?", ids.get("boss"))).isEmpty();
    }

    @Test
    @Order(22)
    @DisplayName("group:manage cannot give its own or a new group rights it does not hold")
    void groupManagerCannotEscalate() throws Exception {
        ApiClient groupmgr = api(GROUPMGR_TOKEN);

        Answer own = groupmgr.put("/groups/" + ids.get("group of groupmgr"),
                "{\"name\":\"group of groupmgr\",\"rights\":[\"group:manage\",\"user:manage\",\"settings:manage\"],\"reason\":\"more\"}");
        Answer fresh = groupmgr.post("/groups", "{\"name\":\"Escalators\",\"rights\":[\"user:manage\"],\"reason\":\"more\"}");
        Answer allowed = groupmgr.post("/groups", "{\"name\":\"Group managers 2\",\"rights\":[\"group:manage\"],\"reason\":\"deputy\"}");

        assertThat(own.status()).as(own.body()).isEqualTo(403);
        assertThat(fresh.status()).as(fresh.body()).isEqualTo(403);
        assertThat(allowed.status()).as("a right it holds itself may be handed out: " + allowed.body()).isEqualTo(201);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM group_right WHERE group_id = ?", ids.get("group of groupmgr")))
                .isOne();
    }

    @Test
    @Order(23)
    @DisplayName("nobody changes their own groups or status, not even with every right")
    void nobodyChangesTheirOwnGroups() throws Exception {
        Answer ownGroups = api(BOSS_TOKEN).put("/users/" + ids.get("boss"), "{\"fullName\":\"Boss\",\"groupIds\":["
                + ids.get("group of boss") + "," + ids.get("group of worker") + "],\"reason\":\"me too\"}");

        assertThat(ownGroups.status()).as(ownGroups.body()).isIn(400, 403);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM group_membership WHERE user_id = ?", ids.get("boss"))).isOne();
    }

    @Test
    @Order(24)
    @DisplayName("the problem's errors name fields as the JSON does: name, not groupName or componentName")
    void errorsNameTheJsonFields() {
        ApiClient boss = api(BOSS_TOKEN);
        long device = boss.post("/devices", "{\"name\":\"Errors press\",\"lanSubnet\":\"10.40.0.0/24\",\"reason\":\"test\"}")
                .json().getJsonNumber("id").longValue();

        Answer group = boss.post("/groups", "{\"name\":\"\",\"rights\":[],\"reason\":\"no name\"}");
        Answer component = boss.post("/devices/" + device + "/components",
                "{\"name\":\"\",\"ip\":\"10.40.0.5\",\"services\":\"tcp/102\",\"reason\":\"no name\"}");

        assertThat(group.status()).isEqualTo(400);
        assertThat(group.json().getJsonObject("errors").keySet()).containsExactly("name");
        assertThat(component.status()).isEqualTo(400);
        assertThat(component.json().getJsonObject("errors").keySet()).containsExactly("name");
    }

    // ---------------------------------------------------------------------------------------------
    // The system account: user:manage and settings:manage holders are not system administrators


    @Test
    @Order(31)
    @DisplayName("a user:manage holder of the system account cannot change, reset or disable a system administrator")
    void userManagerCannotTakeOver() throws Exception {
        ApiClient useradm = api(USERADM_TOKEN);
        long root2 = ids.get("root2");

        Answer mail = useradm.put("/users/" + root2, "{\"fullName\":\"Root Two\",\"email\":\"takeover@evil.test\","
                + "\"groupIds\":[" + ids.get("group of root2") + "],\"reason\":\"take over\"}");
        Answer reset = useradm.post("/users/" + root2 + "/password-reset?reason=take%20over", "{}");
        Answer disable = useradm.put("/users/" + root2, "{\"fullName\":\"Root Two\",\"active\":false,"
                + "\"groupIds\":[" + ids.get("group of root2") + "],\"reason\":\"lock out\"}");

        assertThat(List.of(mail, reset, disable)).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(403));
        assertThat(Fixtures.string(db, "SELECT CONCAT(COALESCE(email, '-'), ' ', status, ' ', must_change_password) "
                + "FROM app_user WHERE id = ?", root2)).isEqualTo("- ACTIVE 0");
    }

    @Test
    @Order(32)
    @DisplayName("a settings:manage holder of the system account cannot reset a system administrator's authenticator")
    void settingsManagerCannotResetTheAuthenticator() throws Exception {
        FacesClient setadm = new FacesClient(ArquillianPortal.httpsUrl());
        login(setadm, "system", "setadm", PASSWORD);
        Page form = setadm.get("/second-factor-admin.xhtml");

        Page answer = setadm.submit(form, "resetForm", Map.of("resetUser", "root2", "resetReason", "take over"), "reset");

        assertThat(answer.body()).doesNotContain("is reset", "had no authenticator app")
                .contains("Only a system administrator may change a system administrator");
        assertThat(audited("SELECT COUNT(*) FROM audit_event WHERE action = 'totp.reset' AND target = 'user:root2'")).isZero();
    }

    @Test
    @Order(33)
    @DisplayName("a system administrator makes another user of the system account a system administrator, with a reason; a user:manage holder cannot")
    void secondSystemAdministrator() throws Exception {
        long ops = ids.get("ops");
        String body = "{\"fullName\":\"Ops\",\"groupIds\":[" + ids.get("group of ops") + "],\"systemAdmin\":true,"
                + "\"reason\":\"deputy for the holidays\"}";

        Answer byUserManager = api(USERADM_TOKEN).put("/users/" + ops, body);
        Answer bySystemAdmin = api(ROOT2_TOKEN).put("/users/" + ops, body);
        FacesClient browser = new FacesClient(ArquillianPortal.httpsUrl());
        login(browser, "system", "ops", PASSWORD);
        Page accounts = browser.get("/accounts.xhtml");

        assertThat(byUserManager.status()).as(byUserManager.body()).isEqualTo(403);
        assertThat(bySystemAdmin.status()).as(bySystemAdmin.body()).isEqualTo(200);
        assertThat(bySystemAdmin.json().getBoolean("systemAdmin")).isTrue();
        assertThat(accounts.path()).isEqualTo("/accounts.xhtml");
        // every account is listed (paged: the tenant's row may be on a later page when other tests made accounts)
        assertThat(accounts.body()).contains("listForm:newAccount", "data-ri=\"1\"");
        assertThat(Fixtures.string(db, "SELECT CONCAT(actor, ' | ', reason, ' | ', details) FROM audit_event "
                + "WHERE action = 'user.update' AND target = 'user:ops' ORDER BY id DESC LIMIT 1"))
                .startsWith("system/root2 (API token test token) | deputy for the holidays | ").contains("systemAdmin");
    }

    // ---------------------------------------------------------------------------------------------
    // A user whose access ends: sessions and tokens


    @Test
    @Order(41)
    @DisplayName("disabling a user ends their web session at once; so does a password reset")
    void disablingAndResetEndSessions() throws Exception {
        ApiClient boss = api(BOSS_TOKEN);
        String group = "[" + ids.get("group of worker") + "]";
        LocalAddressClient worker = from("127.0.0.41");
        login(worker, TENANT, "worker", PASSWORD);
        Page before = worker.get("/index.xhtml");

        Answer disabled = boss.put("/users/" + ids.get("worker"), "{\"fullName\":\"Worker\",\"active\":false,\"groupIds\":"
                + group + ",\"reason\":\"left the company\"}");
        Page afterDisable = worker.get("/index.xhtml");
        boss.put("/users/" + ids.get("worker"), "{\"fullName\":\"Worker\",\"active\":true,\"groupIds\":" + group
                + ",\"reason\":\"came back\"}");
        LocalAddressClient again = from("127.0.0.41");
        login(again, TENANT, "worker", PASSWORD);
        Answer reset = boss.post("/users/" + ids.get("worker") + "/password-reset?reason=suspected%20leak", "{}");
        Page afterReset = again.get("/index.xhtml");

        assertThat(before.path()).isEqualTo("/index.xhtml");
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(afterDisable.path()).isEqualTo("/login.xhtml");
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(afterReset.path()).isEqualTo("/login.xhtml");
    }

    @Test
    @Order(42)
    @DisplayName("the status is read at every request: a disabled account or an ended temporary validity ends the session")
    void statusIsCheckedAtEveryRequest() throws Exception {
        LocalAddressClient other = from("127.0.0.42");
        login(other, OTHER, "other", PASSWORD);
        LocalAddressClient temp = from("127.0.0.43");
        login(temp, TENANT, "temp", PASSWORD);
        Page otherBefore = other.get("/index.xhtml");
        Page tempBefore = temp.get("/index.xhtml");

        Fixtures.update(db, "UPDATE account SET status = 'DISABLED' WHERE name = ?", OTHER);
        Fixtures.update(db, "UPDATE app_user SET valid_until = UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE WHERE id = ?", ids.get("temp"));
        Page otherAfter = other.get("/index.xhtml");
        Page tempAfter = temp.get("/index.xhtml");

        assertThat(otherBefore.path()).isEqualTo("/index.xhtml");
        assertThat(tempBefore.path()).isEqualTo("/index.xhtml");
        assertThat(otherAfter.path()).isEqualTo("/login.xhtml");
        assertThat(tempAfter.path()).isEqualTo("/login.xhtml");
    }

    @Test
    @Order(43)
    @DisplayName("API tokens expire (90 days by default), are listed to and revoked by the account's administrator, and are refused while the owner must change the password")
    void apiTokens() throws Exception {
        String expires = Fixtures.string(db, "SELECT DATE(expires_at) FROM api_token WHERE token_hash = ?", sha256(WORKER_TOKEN));
        Answer listed = api(BOSS_TOKEN).get("/tokens");
        long workerToken = tokenOf(listed, "worker");
        long bossToken = tokenOf(listed, "boss");
        Answer seenByHelpdesk = api(HELPDESK_TOKEN).get("/tokens");
        Answer helpdeskRevokesBoss = api(HELPDESK_TOKEN).delete("/tokens/" + bossToken + "?reason=sabotage");

        Fixtures.update(db, "UPDATE app_user SET must_change_password = TRUE WHERE id = ?", ids.get("worker"));
        Answer whileMustChange = api(WORKER_TOKEN).get("/devices");
        Fixtures.update(db, "UPDATE app_user SET must_change_password = FALSE WHERE id = ?", ids.get("worker"));
        Answer afterChange = api(WORKER_TOKEN).get("/devices");
        Answer revoked = api(BOSS_TOKEN).delete("/tokens/" + workerToken + "?reason=laptop%20lost");
        Answer afterRevoke = api(WORKER_TOKEN).get("/devices");
        Fixtures.update(db, "UPDATE api_token SET revoked_at = NULL, expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND "
                + "WHERE token_hash = ?", sha256(WORKER_TOKEN));
        Answer expired = api(WORKER_TOKEN).get("/devices");

        assertThat(expires).as("tokens expire after 90 days unless set otherwise")
                .isEqualTo(Instant.now().plus(90, ChronoUnit.DAYS).toString().substring(0, 10));
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().getJsonArray("items").getJsonObject(0).containsKey("expiresAt")).isTrue();
        assertThat(seenByHelpdesk.json().getJsonArray("items").stream().map(v -> v.asJsonObject().getString("owner")))
                .contains("worker", "boss");
        assertThat(helpdeskRevokesBoss.status()).as("the owner holds rights the helpdesk lacks").isEqualTo(403);
        assertThat(whileMustChange.status()).isEqualTo(401);
        assertThat(afterChange.status()).isEqualTo(200);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
        assertThat(afterRevoke.status()).isEqualTo(401);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(api(BOSS_TOKEN).get("/devices").status()).isEqualTo(200);
        assertThat(Fixtures.string(db, "SELECT CONCAT(actor, ' | ', reason) FROM audit_event WHERE action = 'api-token.revoke' "
                + "AND target = ?", "api-token:" + workerToken)).isEqualTo(TENANT + "/boss (API token test token) | laptop lost");
    }

    private static long tokenOf(Answer list, String owner) {
        return list.json().getJsonArray("items").stream().map(v -> v.asJsonObject())
                .filter(t -> t.getString("owner").equals(owner)).findFirst().orElseThrow()
                .getJsonNumber("id").longValue();
    }

    // ---------------------------------------------------------------------------------------------
    // The second factor: no weaker way round it, no link pointing elsewhere, no mail flood


    private static String appSecret;
    private static List<String> appRecoveryCodes = List.of();

    @Test
    @Order(51)
    @DisplayName("with an authenticator app enrolled, the e-mail link is not offered in its place")
    void noWeakerFactorWithAnApp() throws Exception {
        FacesClient browser = new FacesClient(ArquillianPortal.httpsUrl());
        login(browser, TENANT, "appuser", PASSWORD);
        Page enrol = browser.get("/enrol.xhtml");
        appSecret = StrongAuthenticationIT.secretShownOn(enrol);
        Page done = browser.submit(enrol, "enrolForm", Map.of("code", StrongAuthenticationIT.codeAt(appSecret, Instant.now())), "confirm");
        appRecoveryCodes = StrongAuthenticationIT.recoveryCodesOn(done);

        Page second = login(new FacesClient(ArquillianPortal.httpsUrl()), TENANT, "appuser", PASSWORD);

        assertThat(second.path()).isEqualTo("/second-factor.xhtml");
        assertThat(second.body()).contains("secondFactorForm:code").doesNotContain("mailLinkForm", "smsForm");
    }

    @Test
    @Order(52)
    @DisplayName("enrolling a new authenticator needs the password and a current code first")
    void reEnrolmentNeedsPasswordAndCode() throws Exception {
        FacesClient browser = new FacesClient(ArquillianPortal.httpsUrl());
        Page second = login(browser, TENANT, "appuser", PASSWORD);
        browser.submit(second, "secondFactorForm",
                Map.of("code", StrongAuthenticationIT.codeAt(appSecret, Instant.now().plusSeconds(30))), "verify");

        Page enrol = browser.get("/enrol.xhtml");
        // the app's codes of this half minute are used up by the enrolment and the login: a recovery code is the current code
        Page wrongPassword = browser.submit(enrol, "reauthForm", Map.of("password", "not-it",
                "currentCode", appRecoveryCodes.get(0)), "reauth");
        Page confirmed = browser.submit(wrongPassword, "reauthForm", Map.of("password", PASSWORD,
                "currentCode", appRecoveryCodes.get(0)), "reauth");

        assertThat(enrol.body()).as("no new secret before the check").doesNotContain("<code id=\"secret\">")
                .contains("reauthForm");
        assertThat(wrongPassword.body()).doesNotContain("<code id=\"secret\">").contains("not correct");
        assertThat(confirmed.body()).contains("<code id=\"secret\">");
    }

    @Test
    @Order(53)
    @DisplayName("the login link never takes its host from a forged Host header, and is mailed at most once per half minute")
    void loginLinkHostAndThrottle() throws Exception {
        int before = smtp.getReceivedMessages().length;
        FacesClient forger = new FacesClient(ArquillianPortal.httpsUrl(),
                Map.of("Host", "evil.example.test:" + URI.create(ArquillianPortal.httpsUrl()).getPort()));
        Page second = login(forger, TENANT, "mailer", PASSWORD);

        Page sent = forger.submit(second, "mailLinkForm", Map.of(), "sendLink");
        Page again = forger.submit(sent, "mailLinkForm", Map.of(), "sendLink");
        smtp.waitForIncomingEmail(15_000, before + 1);
        Thread.sleep(1000);
        MimeMessage[] mails = smtp.getReceivedMessages();

        assertThat(second.path()).isEqualTo("/second-factor.xhtml");
        assertThat(mails.length - before).as("one mail for two clicks").isEqualTo(1);
        String text = mails[mails.length - 1].getContent().toString();
        Matcher link = Pattern.compile("(https://\\S+/mail-link\\.xhtml\\?token=\\S+)").matcher(text);
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).doesNotContain("evil.example.test");
        assertThat(again.body()).contains("less than half a minute ago");
    }

    // ---------------------------------------------------------------------------------------------
    // Names: one rule of equality, in Java and in the database


    @Test
    @Order(61)
    @DisplayName("names that differ only outside the BMP are different names; names that differ only in case are the same")
    void oneRuleThroughTheApi() {
        ApiClient boss = api(BOSS_TOKEN);

        Answer cam1 = boss.post("/devices", "{\"name\":\"cam \uD83D\uDE00\",\"lanSubnet\":\"10.41.0.0/24\",\"reason\":\"names test\"}");
        Answer cam2 = boss.post("/devices", "{\"name\":\"cam \uD83D\uDE01\",\"lanSubnet\":\"10.42.0.0/24\",\"reason\":\"names test\"}");
        Answer camCase = boss.post("/devices", "{\"name\":\"CAM \uD83D\uDE00\",\"lanSubnet\":\"10.43.0.0/24\",\"reason\":\"names test\"}");
        Answer p1 = boss.post("/projects", "{\"name\":\"Line \uD83D\uDE00\",\"reason\":\"names test\"}");
        Answer p2 = boss.post("/projects", "{\"name\":\"Line \uD83D\uDE01\",\"reason\":\"names test\"}");
        Answer pCase = boss.post("/projects", "{\"name\":\"LINE \uD83D\uDE01\",\"reason\":\"names test\"}");
        Answer g1 = boss.post("/groups", "{\"name\":\"Ops \uD83D\uDE00\",\"rights\":[],\"reason\":\"names test\"}");
        Answer g2 = boss.post("/groups", "{\"name\":\"Ops \uD83D\uDE01\",\"rights\":[],\"reason\":\"names test\"}");
        assertThat(cam1.status()).as(cam1.body()).isEqualTo(201);
        long device = cam1.json().getJsonNumber("id").longValue();
        Answer c1 = boss.post("/devices/" + device + "/components", "{\"name\":\"plc \uD83D\uDE00\",\"ip\":\"10.41.0.5\",\"services\":\"tcp/102\",\"reason\":\"names test\"}");
        Answer c2 = boss.post("/devices/" + device + "/components", "{\"name\":\"plc \uD83D\uDE01\",\"ip\":\"10.41.0.6\",\"services\":\"tcp/102\",\"reason\":\"names test\"}");
        Answer cCase = boss.post("/devices/" + device + "/components", "{\"name\":\"PLC \uD83D\uDE01\",\"ip\":\"10.41.0.7\",\"services\":\"tcp/102\",\"reason\":\"names test\"}");

        assertThat(List.of(cam1, cam2, p1, p2, g1, g2, c1, c2)).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(201));
        assertThat(List.of(camCase, pCase, cCase)).allSatisfy(a -> {
            assertThat(a.status()).as(a.body()).isEqualTo(400);
            assertThat(a.json().getJsonObject("errors").getString("name")).contains("already");
        });
    }

    @Test
    @Order(62)
    @DisplayName("the CSV dry run finds names the database takes as equal, and the import then stores nothing (no 500)")
    void csvDryRunAndImportAgree() throws Exception {
        ApiClient boss = api(BOSS_TOKEN);
        String csv = "device,lan_subnet\npress-dup,10.44.0.0/24\nPRESS-DUP,10.45.0.0/24\nErrors PRESS,10.46.0.0/24\n";

        Answer check = boss.postCsv("/devices/import?dryRun=true", csv);
        Answer commit = boss.postCsv("/devices/import?reason=two%20presses", csv);

        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().getJsonArray("problems")).extracting(p -> p.asJsonObject().getInt("line")).containsExactly(3, 4);
        assertThat(commit.status()).as(commit.body()).isEqualTo(400);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM device WHERE account_id = ? AND name LIKE '%press%'", tenant)).isOne();
    }

    // ---------------------------------------------------------------------------------------------
    // Someone with the database but not the portal's key

    @Test
    @Order(71)
    @DisplayName("cannot rewrite an audit event and its hash so that the chain check passes")
    void rewrittenEventIsFound() throws Exception {
        ApiClient boss = api(BOSS_TOKEN);
        boss.post("/projects", "{\"name\":\"Audit target\",\"reason\":\"the original reason\"}");
        long id = Long.parseLong(Fixtures.string(db, "SELECT MAX(id) FROM audit_event WHERE account_id = ?", tenant));

        // what an attacker with SQL access and the source code does: change the reason, recompute the
        // (unkeyed) SHA-256 of the event and put it into the event and the chain head
        Fixtures.update(db, "UPDATE audit_event SET reason = 'nothing happened' WHERE id = ?", id);
        String forged = sha256Of(id);
        Fixtures.update(db, "UPDATE audit_event SET hash = ? WHERE id = ?", forged, id);
        Fixtures.update(db, "UPDATE audit_chain_head SET last_hash = ? WHERE chain_key = ?", forged, tenant);
        Answer verify = boss.get("/audit/verify");

        assertThat(verify.json().getBoolean("intact")).isFalse();
        assertThat(verify.json().getJsonNumber("firstBrokenEventId").longValue()).isEqualTo(id);
    }

    /** The SHA-256 the portal computed before keys: every field as {@code length:value;}, {@code -;} for null. */
    private String sha256Of(long id) throws Exception {
        try (var c = io.keyswitch.testing.Databases.connect(db);
                var s = c.prepareStatement("SELECT prev_hash, chain_key, account_id, occurred_at, actor, actor_user_id, "
                        + "source_ip, action, target, outcome, details, reason FROM audit_event WHERE id = ?")) {
            s.setLong(1, id);
            try (var rs = s.executeQuery()) {
                rs.next();
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= 12; i++) {
                    String v = i == 4 ? Long.toString(rs.getTimestamp(4).toLocalDateTime().toInstant(java.time.ZoneOffset.UTC)
                            .toEpochMilli()) : rs.getString(i);
                    b.append(v == null ? "-;" : v.length() + ":" + v + ";");
                }
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Someone at the VM console

    @Test
    @Order(81)
    @DisplayName("after setup, changing the network needs a system administrator's password, checked like the other console actions")
    void networkNeedsASystemAdministrator() throws Exception {
        Fixtures.update(db, "INSERT IGNORE INTO setting (scope_id, setting_key, setting_value, updated_at) "
                + "VALUES (0, 'setup.completed', 'true', UTC_TIMESTAMP(3))");

        int root2 = consoleCheck("network", "system", "root2", PASSWORD);
        int boss = consoleCheck("network", TENANT, "boss", PASSWORD);

        assertThat(root2).isEqualTo(204);
        assertThat(boss).as("not a system administrator").isEqualTo(403);
        assertThat(audited("SELECT COUNT(*) FROM audit_event WHERE action = 'console.authorize' AND target = 'console:network' "
                + "AND outcome = 'SUCCESS'")).isOne();
    }

    private int consoleCheck(String action, String account, String user, String password) throws Exception {
        String form = "action=" + action + "&account=" + account + "&username=" + user + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> r = PortalProcess.trustingClient().send(HttpRequest.newBuilder(
                        URI.create(loopback() + "appliance/console-check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private static String sha256(String secret) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    }
}
