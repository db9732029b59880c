package io.keyswitch.security;

import io.keyswitch.launcher.LoopbackPorts;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.Databases;
import io.keyswitch.testing.FacesClient;
import io.keyswitch.testing.FacesClient.Page;
import io.keyswitch.testing.LocalAddressClient;
import io.keyswitch.testing.TestDirs;
import io.keyswitch.user.internal.BcryptPasswordHasher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.keyswitch.security.totp.TotpGenerator;
import jakarta.mail.internet.MimeMessage;
import io.keyswitch.security.totp.TotpSecret;
import io.keyswitch.security.totp.TotpSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 4 in the running portal: the login jail, the second factor and the hardened pages, on
 * the real WAR on Payara Micro over HTTPS. The test makes its own account ({@value #ACCOUNT}) and
 * users. Loopback clients all come from 127.0.0.1; {@link LocalAddressClient} is another address
 * (127.0.0.2, 127.0.0.3), so that one address can be banned while another still logs in. Failures
 * from 127.0.0.1 are kept below the jail's count on purpose.
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Strong authentication and the login jail")
class StrongAuthenticationIT {

    static final String ACCOUNT = "acme-auth";
    static final String PASSWORD = "Second-Factor-Test-2026";
    static final String GINA_PHONE = "+49 170 5550123";
    static final String SMTP_PASSWORD = "Relay-Secret-7c1f-2026";

    private static boolean prepared;

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war")
                .importFrom(TestDirs.war().toFile())
                .as(WebArchive.class);
    }

    @Test
    @Order(1)
    @DisplayName("the 6th wrong password from one address gets 429 with a neutral page, while another address still logs in")
    void sixthWrongPasswordFromOneAddressIsRefused() throws SQLException {
        prepare();
        LocalAddressClient attacker = new LocalAddressClient(loopbackUrl(), "127.0.0.2");

        List<Page> wrong = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            wrong.add(login(attacker, ACCOUNT, "nobody" + i, "wrong-password-" + i));
        }
        Page sixth = login(attacker, ACCOUNT, "secadmin", PASSWORD);
        Page otherAddress = login(new FacesClient(ArquillianPortal.httpsUrl()), ACCOUNT, "secadmin", PASSWORD);

        assertThat(wrong).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo(200);
            assertThat(p.body()).contains(LoginResult.NEUTRAL_FAILURE);
        });
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.body()).contains(LoginResult.BANNED).doesNotContain("127.0.0.2", "secadmin");
        assertThat(otherAddress.path()).isEqualTo("/index.xhtml");
        assertThat(otherAddress.body()).contains("Welcome");
        // other test classes share the database and ban addresses of their own (127.0.0.1, the device reports'
        // 127.0.0.23): the bans this test can cause are the attacker's address's and the user name's
        assertThat(strings("SELECT CONCAT(target, ' ', source_ip) FROM audit_event WHERE action = 'jail.ban'"
                + " AND (source_ip = '127.0.0.2' OR target LIKE '%secadmin%')"))
                .containsExactly("address:127.0.0.2 127.0.0.2");
    }

    @Test
    @Order(2)
    @DisplayName("an administrator sees the ban and lifts it with a reason; the lift is audited and the address logs in again")
    void liftingABanWorks() throws SQLException {
        prepare();
        FacesClient admin = new FacesClient(ArquillianPortal.httpsUrl());
        login(admin, ACCOUNT, "secadmin", PASSWORD);
        Page bans = admin.get("/bans.xhtml");
        Page noReason = admin.submit(bans, "liftForm", Map.of("ban_input", "ADDRESS:127.0.0.2", "reason", ""), "lift");
        Page lifted = admin.submit(noReason, "liftForm",
                Map.of("ban_input", "ADDRESS:127.0.0.2", "reason", "Service technician mistyped, ticket 4711"), "lift");
        Page again = login(new LocalAddressClient(loopbackUrl(), "127.0.0.2"), ACCOUNT, "secadmin", PASSWORD);
        Page forbidden = login(new FacesClient(ArquillianPortal.httpsUrl()), ACCOUNT, "plainuser", PASSWORD);
        Page plainBans = new FacesClient(ArquillianPortal.httpsUrl()).get("/bans.xhtml");

        assertThat(bans.body()).contains("127.0.0.2", "nobody5");
        assertThat(noReason.body()).contains("Please give a reason.");
        assertThat(lifted.body()).contains("The ban on 127.0.0.2 is lifted.", "No address or user name is banned.");
        assertThat(again.path()).isEqualTo("/index.xhtml");
        assertThat(forbidden.path()).isEqualTo("/index.xhtml");
        assertThat(forbidden.body()).doesNotContain("menuBans");
        assertThat(plainBans.path()).isEqualTo("/login.xhtml");
        assertThat(strings("SELECT CONCAT(actor, ' ', target, ' ', reason) FROM audit_event WHERE action = 'jail.lift'"))
                .containsExactly(ACCOUNT + "/secadmin address:127.0.0.2 Service technician mistyped, ticket 4711");
    }

    @Test
    @Order(3)
    @DisplayName("a group requires a second factor: its member is led through enrolment, confirms with a code computed from the shown secret and gets 10 recovery codes once")
    void enrolmentAtLogin() throws SQLException {
        prepare();
        FacesClient admin = new FacesClient(ArquillianPortal.httpsUrl());
        login(admin, ACCOUNT, "secadmin", PASSWORD);
        String fieldService = strings("SELECT g.id FROM user_group g JOIN account a ON a.id = g.account_id "
                + "WHERE a.name = ? AND g.name = 'Field service'", ACCOUNT).get(0);
        Page policy = admin.get("/second-factor-admin.xhtml");
        Page saved = admin.submit(policy, "policyForm", Map.of("groups", fieldService,
                "policyReason", "Field service reaches the plants"), "save");
        FacesClient alice = new FacesClient(ArquillianPortal.httpsUrl());

        Page enrol = login(alice, ACCOUNT, "alice", PASSWORD);
        Page beforeConfirming = alice.get("/index.xhtml");
        aliceSecret = secretShownOn(enrol);
        String code = codeAt(aliceSecret, Instant.now());
        Page wrong = alice.submit(enrol, "enrolForm", Map.of("code", otherThan(code)), "confirm");
        Page done = alice.submit(wrong, "enrolForm", Map.of("code", code), "confirm");
        aliceEnrolmentCode = code;
        aliceRecoveryCodes = recoveryCodesOn(done);
        Page home = alice.get("/index.xhtml");

        assertThat(saved.body()).contains("The second-factor policy is saved.");
        assertThat(enrol.path()).isEqualTo("/enrol.xhtml");
        assertThat(enrol.body()).contains("A second factor is required", "src=\"data:image/png;base64,");
        assertThat(beforeConfirming.path()).as("nobody is signed in before the second factor").isEqualTo("/login.xhtml");
        assertThat(wrong.body()).contains(LoginService.WRONG_CODE);
        assertThat(done.body()).contains("shown only this once").doesNotContain(aliceSecret);
        assertThat(aliceRecoveryCodes).hasSize(10).doesNotHaveDuplicates();
        assertThat(home.path()).isEqualTo("/index.xhtml");
        assertThat(home.body()).contains("Welcome");
        String secretHex = HexFormat.of().formatHex(TotpSecret.ofBase32(aliceSecret).bytes()).toUpperCase(Locale.ROOT);
        assertThat(strings("SELECT HEX(e.secret_enc) FROM totp_enrolment e JOIN app_user u ON u.id = e.user_id WHERE u.username = 'alice'"))
                .singleElement().satisfies(stored -> assertThat(stored).doesNotContain(secretHex).hasSize(2 * (1 + 12 + 20 + 16)));
        assertThat(strings("SELECT COUNT(*) FROM recovery_code r JOIN app_user u ON CAST(r.user_key AS UNSIGNED) = u.id WHERE u.username = 'alice'"))
                .containsExactly("10");
        assertThat(strings("SELECT CONCAT(action, ' ', COALESCE(reason, '')) FROM audit_event WHERE actor = ? "
                + "AND action IN ('settings.second-factor', 'totp.enrol') ORDER BY id", ACCOUNT + "/secadmin"))
                .containsExactly("settings.second-factor Field service reaches the plants");
        assertThat(strings("SELECT action FROM audit_event WHERE actor = ? ORDER BY id", ACCOUNT + "/alice"))
                .containsSubsequence("login.password", "totp.enrol", "login");
    }

    @Test
    @Order(4)
    @DisplayName("login asks for the authenticator code after the password; a code used before is refused, a fresh one signs in")
    void loginWithTotp() throws SQLException {
        FacesClient alice = new FacesClient(ArquillianPortal.httpsUrl());

        Page second = login(alice, ACCOUNT, "alice", PASSWORD);
        Page replayed = alice.submit(second, "secondFactorForm", Map.of("code", aliceEnrolmentCode), "verify");
        Page signedIn = alice.submit(replayed, "secondFactorForm",
                Map.of("code", codeAt(aliceSecret, Instant.now().plusSeconds(30))), "verify");

        assertThat(second.path()).isEqualTo("/second-factor.xhtml");
        assertThat(replayed.body()).contains(LoginService.WRONG_CODE);
        assertThat(signedIn.path()).isEqualTo("/index.xhtml");
        assertThat(signedIn.body()).contains("Welcome");
        assertThat(strings("SELECT CONCAT(action, ' ', outcome, ' ', COALESCE(details, '')) FROM audit_event WHERE actor = ? ORDER BY id DESC LIMIT 2",
                ACCOUNT + "/alice")).satisfiesExactly(
                        last -> assertThat(last).isEqualTo("login SUCCESS second factor: authenticator app"),
                        // "used before" while the enrolment's step is still in the window, plain wrong after it
                        before -> assertThat(before).startsWith("login.second-factor FAILURE wrong authenticator code"));
    }

    @Test
    @Order(5)
    @DisplayName("a recovery code signs in once and never again")
    void recoveryCodeWorksOnce() throws SQLException {
        String recovery = aliceRecoveryCodes.get(3);

        FacesClient first = new FacesClient(ArquillianPortal.httpsUrl());
        Page firstUse = first.submit(login(first, ACCOUNT, "alice", PASSWORD), "secondFactorForm",
                Map.of("code", recovery.toUpperCase(Locale.ROOT)), "verify");
        FacesClient second = new FacesClient(ArquillianPortal.httpsUrl());
        Page secondUse = second.submit(login(second, ACCOUNT, "alice", PASSWORD), "secondFactorForm",
                Map.of("code", recovery), "verify");

        assertThat(firstUse.path()).isEqualTo("/index.xhtml");
        assertThat(secondUse.path()).isEqualTo("/second-factor.xhtml");
        assertThat(secondUse.body()).contains(LoginService.WRONG_CODE);
        assertThat(strings("SELECT COUNT(*) FROM recovery_code r JOIN app_user u ON CAST(r.user_key AS UNSIGNED) = u.id WHERE u.username = 'alice'"))
                .containsExactly("9");
    }

    @Test
    @Order(6)
    @DisplayName("wrong codes count in the jail: after 5 wrong codes from one address even the right code gets 429")
    void wrongCodesCountInTheJail() throws SQLException {
        prepare();
        LocalAddressClient carol = new LocalAddressClient(loopbackUrl(), "127.0.0.3");
        Page enrol = login(carol, ACCOUNT, "carol", PASSWORD);
        String secret = secretShownOn(enrol);
        carol.submit(enrol, "enrolForm", Map.of("code", codeAt(secret, Instant.now())), "confirm");
        LocalAddressClient again = new LocalAddressClient(loopbackUrl(), "127.0.0.3");

        Page page = login(again, ACCOUNT, "carol", PASSWORD);
        List<Page> wrong = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            page = again.submit(page, "secondFactorForm", Map.of("code", otherThan(codeAt(secret, Instant.now()))), "verify");
            wrong.add(page);
        }
        Page right = again.submit(page, "secondFactorForm", Map.of("code", codeAt(secret, Instant.now().plusSeconds(30))), "verify");

        assertThat(wrong).allSatisfy(p -> assertThat(p.body()).contains(LoginService.WRONG_CODE));
        assertThat(right.status()).isEqualTo(429);
        assertThat(strings("SELECT target FROM audit_event WHERE action = 'jail.ban' AND source_ip = '127.0.0.3' ORDER BY target"))
                .containsExactly("address:127.0.0.3", "user-name:" + ACCOUNT + "/carol");
    }

    @Test
    @Order(7)
    @DisplayName("an administrator resets a user's authenticator with a reason; the user enrols again at the next login")
    void adminResetsTotp() throws SQLException {
        FacesClient admin = new FacesClient(ArquillianPortal.httpsUrl());
        login(admin, ACCOUNT, "secadmin", PASSWORD);
        Page form = admin.get("/second-factor-admin.xhtml");

        Page noReason = admin.submit(form, "resetForm", Map.of("resetUser", "alice", "resetReason", ""), "reset");
        Page reset = admin.submit(noReason, "resetForm", Map.of("resetUser", "alice", "resetReason", "Phone lost, ticket 815"), "reset");
        Page aliceNext = login(new FacesClient(ArquillianPortal.httpsUrl()), ACCOUNT, "alice", PASSWORD);

        assertThat(noReason.body()).contains("Please give a reason.");
        assertThat(reset.body()).contains("The authenticator app of alice is reset");
        assertThat(aliceNext.path()).isEqualTo("/enrol.xhtml");
        assertThat(strings("SELECT CONCAT(actor, ' ', target, ' ', reason) FROM audit_event WHERE action = 'totp.reset'"))
                .containsExactly(ACCOUNT + "/secadmin user:alice Phone lost, ticket 815");
        assertThat(strings("SELECT COUNT(*) FROM recovery_code r JOIN app_user u ON CAST(r.user_key AS UNSIGNED) = u.id WHERE u.username = 'alice'"))
                .containsExactly("0");
    }

    @Test
    @Order(8)
    @DisplayName("every page, resource, error and refusal carries the security headers; every cookie is SameSite=Strict")
    void securityHeadersOnEveryResponse() throws SQLException {
        prepare();
        LocalAddressClient browser = new LocalAddressClient(loopbackUrl(), "127.0.0.1");
        Map<String, Map<String, List<String>>> seen = new java.util.LinkedHashMap<>();

        Page loginPage = browser.get("/login.xhtml");
        seen.put("/login.xhtml", browser.lastHeaders());
        browser.submit(loginPage, "loginForm", Map.of("account", ACCOUNT, "username", "secadmin", "password", PASSWORD), "login");
        seen.put("/index.xhtml after login", browser.lastHeaders());
        for (String path : List.of("/index.xhtml", "/password.xhtml", "/bans.xhtml", "/second-factor-admin.xhtml",
                "/enrol.xhtml", "/no-such-page.xhtml", "/jakarta.faces.resource/keyswitch.css.xhtml?ln=keyswitch")) {
            Page page = browser.get(path);
            assertThat(page.status()).as(path).isIn(200, 404);
            seen.put(path, browser.lastHeaders());
        }
        LocalAddressClient banned = new LocalAddressClient(loopbackUrl(), "127.0.0.3"); // banned in test 6
        Page refused = banned.submit(banned.get("/login.xhtml"), "loginForm",
                Map.of("account", ACCOUNT, "username", "plainuser", "password", PASSWORD), "login");
        seen.put("429", banned.lastHeaders());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(seen).allSatisfy((what, headers) -> {
            assertThat(headers.get("Strict-Transport-Security")).as(what).containsExactly("max-age=31536000");
            assertThat(headers.get("X-Content-Type-Options")).as(what).containsExactly("nosniff");
            assertThat(headers.get("X-Frame-Options")).as(what).containsExactly("DENY");
            assertThat(headers.get("Referrer-Policy")).as(what).containsExactly("no-referrer");
            assertThat(headers.get("Content-Security-Policy")).as(what).singleElement().satisfies(csp -> assertThat(csp)
                    .contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "script-src 'self'")
                    .doesNotContain("unsafe-eval").doesNotContainPattern("script-src[^;]*unsafe-inline"));
        });
        assertThat(seen.get("/index.xhtml").get("Content-Security-Policy").get(0))
                .as("PrimeFaces' CSP mode: scripts need the page's nonce").containsPattern("script-src 'self' 'nonce-[^']+'");
        assertThat(browser.setCookieHeaders()).isNotEmpty().allSatisfy(cookie -> assertThat(cookie)
                .contains("SameSite=Strict", "Secure", "HttpOnly"));
    }

    @Test
    @Order(9)
    @DisplayName("at most 3 sessions per user: a 4th login ends the oldest; log out everywhere ends them all")
    void sessionLimitAndLogoutEverywhere() throws SQLException {
        prepare();
        List<FacesClient> devices = new ArrayList<>();
        List<Page> homes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            FacesClient device = new FacesClient(ArquillianPortal.httpsUrl());
            homes.add(login(device, ACCOUNT, "dave", PASSWORD));
            devices.add(device);
        }
        Page oldest = devices.get(0).get("/index.xhtml");
        Page second = devices.get(1).get("/index.xhtml");

        Page afterEverywhere = devices.get(3).submit(devices.get(3).get("/index.xhtml"), "logoutForm", Map.of(), "logoutEverywhere");
        Page secondAfter = devices.get(1).get("/index.xhtml");
        Page thirdAfter = devices.get(2).get("/index.xhtml");

        assertThat(homes).allSatisfy(home -> assertThat(home.path()).isEqualTo("/index.xhtml"));
        assertThat(oldest.path()).as("the oldest session ended").isEqualTo("/login.xhtml");
        assertThat(second.path()).isEqualTo("/index.xhtml");
        assertThat(afterEverywhere.path()).isEqualTo("/login.xhtml");
        assertThat(secondAfter.path()).isEqualTo("/login.xhtml");
        assertThat(thirdAfter.path()).isEqualTo("/login.xhtml");
        assertThat(strings("SELECT CONCAT(action, ' ', details) FROM audit_event WHERE actor = ? AND action IN ('session.limit', 'logout.everywhere') ORDER BY id",
                ACCOUNT + "/dave")).containsExactly(
                        "session.limit 1 oldest session(s) ended: at most 3 per user",
                        "logout.everywhere 3 session(s) ended");
    }

    @Test
    @Order(10)
    @DisplayName("SMTP settings with a login send a test mail, the password is stored encrypted, and the e-mail link signs in once, through a real in-process SMTP server")
    void mailLinkThroughRealSmtp() throws Exception {
        prepare();
        int port = LoopbackPorts.free();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        // GreenMail checks SMTP AUTH against this user: a wrong password is refused (asserted below),
        // so a mail that arrives proves the portal decrypted and sent the right one.
        smtp.setUser("portal@acme.test", "portal-relay", SMTP_PASSWORD);
        try {
            FacesClient admin = new FacesClient(ArquillianPortal.httpsUrl());
            login(admin, ACCOUNT, "secadmin", PASSWORD);
            Page form = admin.get("/mail-settings.xhtml");
            Page savedWrong = admin.submit(form, "mailForm", Map.of("host", "127.0.0.1", "port", Integer.toString(port),
                    "security_input", "NONE", "user", "portal-relay", "password", "not-the-relay-password", "from", "portal@acme.test",
                    "reason", "Plant mail relay"), "save");
            Page refused = admin.submit(savedWrong, "testForm", Map.of("testTo", "secadmin@acme.test"), "send");
            Page saved = admin.submit(refused, "mailForm", Map.of("host", "127.0.0.1", "port", Integer.toString(port),
                    "security_input", "NONE", "user", "portal-relay", "password", SMTP_PASSWORD, "from", "portal@acme.test",
                    "reason", "Relay password from the mail administrator"), "save");
            Page keptPassword = admin.submit(saved, "mailForm", Map.of("host", "127.0.0.1", "port", Integer.toString(port),
                    "security_input", "NONE", "user", "portal-relay", "password", "", "from", "portal@acme.test",
                    "reason", "Blank password field keeps the stored one"), "save");
            Page tested = admin.submit(keptPassword, "testForm", Map.of("testTo", "secadmin@acme.test"), "send");
            assertThat(smtp.waitForIncomingEmail(15_000, 1)).as("the test mail arrives").isTrue();
            MimeMessage testMail = smtp.getReceivedMessages()[0];

            assertThat(savedWrong.body()).contains("The e-mail settings are saved.");
            assertThat(refused.body()).contains("refused the user name or password (authentication failed)")
                    .doesNotContain("AuthenticationFailedException")
                    .doesNotContain("not-the-relay-password");
            assertThat(keptPassword.body()).contains("The e-mail settings are saved.", "blank: keep the stored one")
                    .doesNotContain(SMTP_PASSWORD);
            assertThat(strings("SELECT setting_value FROM setting WHERE scope_id = 0 AND setting_key = 'mail.smtp.password'"))
                    .singleElement().satisfies(stored -> assertThat(stored).startsWith("aes-gcm:v1:").doesNotContain(SMTP_PASSWORD));
            assertThat(strings("SELECT COUNT(*) FROM setting WHERE setting_value LIKE ?", "%" + SMTP_PASSWORD + "%"))
                    .containsExactly("0");
            assertThat(strings("SELECT COUNT(*) FROM audit_event WHERE CONCAT_WS(' ', details, reason) LIKE ? OR CONCAT_WS(' ', details, reason) LIKE ?",
                    "%" + SMTP_PASSWORD + "%", "%not-the-relay-password%")).containsExactly("0");

            FacesClient erin = new FacesClient(ArquillianPortal.httpsUrl());
            Page second = login(erin, ACCOUNT, "erin", PASSWORD);
            Page sent = erin.submit(second, "mailLinkForm", Map.of(), "sendLink");
            assertThat(smtp.waitForIncomingEmail(15_000, 2)).as("the login link arrives").isTrue();
            MimeMessage linkMail = smtp.getReceivedMessages()[1];
            Matcher link = Pattern.compile("https://[^/\\s]+(/mail-link\\.xhtml\\?token=[A-Za-z0-9_-]{43})")
                    .matcher(linkMail.getContent().toString());
            assertThat(link.find()).as("the mail holds the link").isTrue();
            Page home = erin.get(link.group(1));
            FacesClient again = new FacesClient(ArquillianPortal.httpsUrl());
            login(again, ACCOUNT, "erin", PASSWORD);
            Page reused = again.get(link.group(1));

            assertThat(saved.body()).contains("The e-mail settings are saved.");
            assertThat(tested.body()).contains("The test mail to secadmin@acme.test was sent.");
            assertThat(testMail.getSubject()).isEqualTo("Keyswitch test mail");
            assertThat(testMail.getAllRecipients()[0].toString()).isEqualTo("secadmin@acme.test");
            assertThat(second.path()).isEqualTo("/second-factor.xhtml");
            assertThat(second.body()).contains("E-mail me a login link").doesNotContain("secondFactorForm:code");
            assertThat(sent.body()).contains("We sent a login link to your e-mail address.");
            assertThat(linkMail.getAllRecipients()[0].toString()).isEqualTo("erin@acme.test");
            assertThat(home.path()).isEqualTo("/index.xhtml");
            assertThat(home.body()).contains("Welcome");
            assertThat(reused.body()).contains(LoginService.WRONG_LINK);
            assertThat(strings("SELECT CONCAT(reason, ' | ', details) FROM audit_event WHERE action = 'settings.mail' ORDER BY id"))
                    .satisfiesExactly(
                            first -> assertThat(first).startsWith("Plant mail relay | {").contains("\"host\":[",
                                    ",\"127.0.0.1\"]", ",\"" + port + "\"]", "\"user\":[\"(none)\",\"portal-relay\"]",
                                    "\"password\":[\"(none)\",\"(changed)\"]", ",\"portal@acme.test\"]"),
                            secondSave -> assertThat(secondSave).isEqualTo("Relay password from the mail administrator | "
                                    + "{\"password\":[\"(set)\",\"(changed)\"]}"),
                            third -> assertThat(third).isEqualTo("Blank password field keeps the stored one | {}"));
            assertThat(strings("SELECT CONCAT(action, ' ', outcome, ' ', COALESCE(details, '')) FROM audit_event "
                    + "WHERE actor = ? AND action IN ('login', 'login.second-factor', 'login.mail-link') ORDER BY id", ACCOUNT + "/erin"))
                    .containsExactly("login.mail-link SUCCESS login link mailed",
                            "login SUCCESS second factor: e-mail link",
                            "login.second-factor FAILURE e-mail link unknown, used or expired");
        } finally {
            smtp.stop();
        }
    }

    @Test
    @Order(11)
    @DisplayName("a form sent after its session ended does nothing: its page comes afresh with a note; one forged across sites (no view state or CSP nonce it could read) gets 400 and does nothing")
    void staleAndForgedFormsDoNothing() throws SQLException {
        prepare();
        Page form = new FacesClient(ArquillianPortal.httpsUrl()).get("/login.xhtml");
        FacesClient bob = new FacesClient(ArquillianPortal.httpsUrl());
        login(bob, ACCOUNT, "bob", PASSWORD);

        Page stale = new FacesClient(ArquillianPortal.httpsUrl()).submit(form, "loginForm",
                Map.of("account", ACCOUNT, "username", "frank", "password", PASSWORD), "login");
        // What a foreign site can make bob's browser send: his cookie, but no view state it could read.
        Page forged = bob.submit(new Page(200, "/index.xhtml",
                "<input type=\"hidden\" name=\"jakarta.faces.ViewState\" value=\"-4242424242424242424:-4242424242424242424\"/>"),
                "logoutForm", Map.of(), "logoutEverywhere");
        Page bobAfter = bob.get("/index.xhtml");

        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.body()).contains("The page had expired, so nothing was done.");
        assertThat(forged.status()).as("no CSP nonce: a bad request").isEqualTo(400);
        assertThat(forged.body()).contains("id=\"errorText\"");
        assertThat(List.of(stale, forged)).allSatisfy(p -> assertThat(p.body())
                .doesNotContain("\tat ", "at io.", "at jakarta.", "Caused by", "Exception: "));
        assertThat(stale.path()).isEqualTo("/login.xhtml");
        assertThat(bobAfter.path()).as("the forged logout did not happen").isEqualTo("/index.xhtml");
        assertThat(strings("SELECT COUNT(*) FROM audit_event WHERE actor = ? AND action = 'logout.everywhere'", ACCOUNT + "/bob"))
                .containsExactly("0");
        assertThat(strings("SELECT COUNT(*) FROM audit_event WHERE actor = ? AND action = 'login'", ACCOUNT + "/frank"))
                .as("the stale form did not log in").containsExactly("0");
    }

    @Test
    @Order(12)
    @DisplayName("an administrator sets the system-use notification with a reason; the login page shows it, as text")
    void systemUseNotification() throws SQLException {
        prepare();
        FacesClient admin = new FacesClient(ArquillianPortal.httpsUrl());
        login(admin, ACCOUNT, "secadmin", PASSWORD);
        Page form = admin.get("/login-notice.xhtml");
        String notice = "Authorised service personnel only. Use is recorded. <script>alert(1)</script>";

        Page noReason = admin.submit(form, "noticeForm", Map.of("text", notice, "reason", ""), "save");
        Page saved = admin.submit(noReason, "noticeForm", Map.of("text", notice, "reason", "SR 1.12, works council"), "save");
        Page loginPage = new FacesClient(ArquillianPortal.httpsUrl()).get("/login.xhtml");

        assertThat(noReason.body()).contains("Please give a reason.");
        assertThat(saved.body()).contains("The login notice is saved.");
        assertThat(loginPage.body()).contains("Authorised service personnel only. Use is recorded. &lt;script&gt;")
                .doesNotContain("<script>alert(1)");
        assertThat(strings("SELECT reason FROM audit_event WHERE action = 'settings.login-notice'"))
                .containsExactly("SR 1.12, works council");
    }

    @Test
    @Order(13)
    @DisplayName("appliance-wide settings are for system administrators only: an account's administrator with settings:manage is refused bans, SMTP, SMS and login notice, and does not see them in the menu")
    void applianceSettingsOnlyForSystemAdministrators() throws SQLException {
        prepare();
        FacesClient accountAdmin = new FacesClient(ArquillianPortal.httpsUrl());
        Page home = login(accountAdmin, ACCOUNT, "acctadmin", PASSWORD);
        Map<String, Page> refused = new java.util.LinkedHashMap<>();
        for (String path : List.of("/bans.xhtml", "/mail-settings.xhtml", "/sms-settings.xhtml", "/login-notice.xhtml")) {
            refused.put(path, accountAdmin.get(path));
        }
        Page ownPolicy = accountAdmin.get("/second-factor-admin.xhtml");
        FacesClient systemAdmin = new FacesClient(ArquillianPortal.httpsUrl());
        Page systemHome = login(systemAdmin, ACCOUNT, "secadmin", PASSWORD);
        Page systemSms = systemAdmin.get("/sms-settings.xhtml");

        assertThat(home.path()).isEqualTo("/index.xhtml");
        assertThat(home.body()).contains("menuSecondFactor").doesNotContain("menuBans", "menuMail", "menuSms", "menuNotice");
        assertThat(refused).allSatisfy((path, page) -> {
            assertThat(page.path()).as(path).isEqualTo("/error.xhtml");
            assertThat(page.body()).as(path).contains("This page is not available")
                    .doesNotContain("liftForm", "mailForm", "smsForm", "noticeForm", "portal-relay");
        });
        assertThat(ownPolicy.path()).as("the account's own second-factor policy stays theirs").isEqualTo("/second-factor-admin.xhtml");
        assertThat(ownPolicy.body()).contains("policyForm");
        assertThat(systemHome.body()).contains("menuBans", "menuMail", "menuSms", "menuNotice", "menuSecondFactor");
        assertThat(systemSms.path()).isEqualTo("/sms-settings.xhtml");
        assertThat(systemSms.body()).contains("smsForm");
    }

    @Test
    @Order(14)
    @DisplayName("SMS: the administrator chooses a gateway (credentials stored encrypted, bad templates refused with a message); a user with a phone number gets a code, a wrong code is refused, the right one signs in once")
    void smsCodeSignsInOnce() throws Exception {
        prepare();
        FacesClient admin = new FacesClient(ArquillianPortal.httpsUrl());
        login(admin, ACCOUNT, "secadmin", PASSWORD);
        String body = "{\"to\":\"${phone}\",\"text\":\"${text}\"}";
        Page form = admin.get("/sms-settings.xhtml");
        Page badUrl = admin.submit(form, "smsForm", Map.of("kind_input", "HTTP", "method_input", "POST",
                "url", "ftp://sms.example.test/send", "contentType", "application/json", "body", body,
                "headers", "Authorization: Bearer sms-api-secret-42", "reason", "Trial provider"), "save");
        Page http = admin.submit(badUrl, "smsForm", Map.of("kind_input", "HTTP", "method_input", "POST",
                "url", "https://sms.example.test/v1/messages?key=url-secret-17", "contentType", "application/json", "body", body,
                "headers", "Authorization: Bearer sms-api-secret-42", "reason", "Trial provider"), "save");
        Page logOnly = admin.submit(http, "smsForm", Map.of("kind_input", "LOG_ONLY", "method_input", "POST",
                "url", "https://sms.example.test/v1/messages?key=url-secret-17", "contentType", "application/json", "body", body,
                "headers", "", "reason", "Log-only gateway for the acceptance test"), "save");

        assertThat(badUrl.body()).contains("The URL must be an http:// or https:// URL template.");
        assertThat(http.body()).contains("The SMS settings are saved.", "stored: Authorization; blank keeps them")
                .doesNotContain("sms-api-secret-42");
        assertThat(logOnly.body()).contains("The SMS settings are saved.", "stored: Authorization");
        assertThat(strings("SELECT CONCAT(setting_key, '=', setting_value) FROM setting WHERE scope_id = 0 "
                + "AND setting_key IN ('sms.http.url', 'sms.http.headers', 'sms.http.body') ORDER BY setting_key"))
                .hasSize(3).allSatisfy(row -> assertThat(row).contains("=aes-gcm:v1:")
                        .doesNotContain("sms-api-secret-42", "url-secret-17", "${phone}"));
        assertThat(strings("SELECT CONCAT(reason, ' | ', details) FROM audit_event WHERE action = 'settings.sms' ORDER BY id"))
                .satisfiesExactly(
                        first -> assertThat(first).isEqualTo("Trial provider | {\"gateway\":[\"none\",\"http\"],\"method\":[null,\"POST\"],"
                                + "\"url\":[null,\"https://sms.example.test/v1/messages?…\"],\"content-type\":[null,\"application/json\"],"
                                + "\"body\":[null,\"(set)\"],\"headers\":[null,\"Authorization (changed)\"]}"),
                        second -> assertThat(second).startsWith("Log-only gateway for the acceptance test | {\"gateway\":[\"http\",\"log-only\"],"))
                .allSatisfy(row -> assertThat(row).doesNotContain("sms-api-secret-42", "url-secret-17"));

        LocalAddressClient gina = new LocalAddressClient(loopbackUrl(), "127.0.0.4");
        Page second = login(gina, ACCOUNT, "gina", PASSWORD);
        Page sent = gina.submit(second, "smsForm", Map.of("smsCode", ""), "sendSms");
        String code = lastSmsCodeTo("+491705550123");
        Page wrong = gina.submit(sent, "smsForm", Map.of("smsCode", otherThan(code)), "verifySms");
        Page home = gina.submit(wrong, "smsForm", Map.of("smsCode", code.substring(0, 3) + " " + code.substring(3)), "verifySms");
        LocalAddressClient again = new LocalAddressClient(loopbackUrl(), "127.0.0.4");
        Page secondAgain = login(again, ACCOUNT, "gina", PASSWORD);
        Page reused = again.submit(secondAgain, "smsForm", Map.of("smsCode", code), "verifySms");

        assertThat(second.path()).isEqualTo("/second-factor.xhtml");
        assertThat(second.body()).contains("Text me a code").doesNotContain("secondFactorForm:code", "mailLinkForm");
        assertThat(sent.body()).contains("We sent a code by SMS to your number ending in 23.");
        assertThat(wrong.path()).isEqualTo("/second-factor.xhtml");
        assertThat(wrong.body()).contains(LoginService.WRONG_CODE);
        assertThat(home.path()).isEqualTo("/index.xhtml");
        assertThat(home.body()).contains("Welcome");
        assertThat(reused.path()).isEqualTo("/second-factor.xhtml");
        assertThat(reused.body()).contains(LoginService.NO_SMS_CODE);
        assertThat(strings("SELECT COUNT(*) FROM sms_code s JOIN app_user u ON CAST(s.user_key AS UNSIGNED) = u.id WHERE u.username = 'gina'"))
                .as("the used code is gone").containsExactly("0");
        assertThat(strings("SELECT CONCAT(action, ' ', outcome, ' ', COALESCE(details, '')) FROM audit_event "
                + "WHERE actor = ? AND action IN ('login', 'login.sms', 'login.second-factor') ORDER BY id", ACCOUNT + "/gina"))
                .containsExactly("login.sms SUCCESS login code sent by SMS to the number ending in 23",
                        "login.second-factor FAILURE wrong SMS code",
                        "login SUCCESS second factor: SMS code",
                        "login.second-factor FAILURE SMS code not sent, used, expired or out of tries");
        assertThat(strings("SELECT COUNT(*) FROM audit_event WHERE CONCAT_WS(' ', details, reason) LIKE ?", "%" + code + "%"))
                .as("the code is in no audit entry").containsExactly("0");

        // Wrong codes count in the jail. The successful login forgot the user name's failures before
        // it; the reused code is one, four more guesses from a third address ban the user name, and
        // then a login already waiting at yet another address cannot have an SMS sent any more.
        LocalAddressClient elsewhere = new LocalAddressClient(loopbackUrl(), "127.0.0.5");
        Page waiting = login(elsewhere, ACCOUNT, "gina", PASSWORD);
        LocalAddressClient guesser = new LocalAddressClient(loopbackUrl(), "127.0.0.6");
        Page guess = login(guesser, ACCOUNT, "gina", PASSWORD);
        for (int i = 0; i < 4; i++) {
            guess = guesser.submit(guess, "smsForm", Map.of("smsCode", "000000"), "verifySms");
            assertThat(guess.body()).contains(LoginService.NO_SMS_CODE);
        }
        long smsBefore = java.nio.file.Files.readAllLines(ArquillianPortal.smsOutbox()).size();
        Page sendWhileBanned = elsewhere.submit(waiting, "smsForm", Map.of("smsCode", ""), "sendSms");

        assertThat(waiting.path()).isEqualTo("/second-factor.xhtml");
        assertThat(sendWhileBanned.status()).isEqualTo(429);
        assertThat(sendWhileBanned.body()).contains(LoginResult.BANNED);
        assertThat(java.nio.file.Files.readAllLines(ArquillianPortal.smsOutbox())).as("no SMS sent while banned").hasSize((int) smsBefore);
        assertThat(strings("SELECT target FROM audit_event WHERE action = 'jail.ban' AND target LIKE ? ORDER BY target", "%gina%"))
                .containsExactly("user-name:" + ACCOUNT + "/gina");
    }

    @Test
    @Order(15)
    @DisplayName("the scheduled housekeeping deletes expired e-mail links and SMS codes, and only those")
    void housekeepingDeletesExpiredLinksAndCodes() throws Exception {
        prepare();
        try (Connection c = Databases.connect(ArquillianPortal.database())) {
            insert(c, "INSERT INTO email_link_token (user_key, token_hash, expires_at) VALUES "
                    + "('hk-expired', REPEAT('a', 64), UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE), "
                    + "('hk-live', REPEAT('b', 64), UTC_TIMESTAMP(3) + INTERVAL 1 HOUR)");
            insert(c, "INSERT INTO sms_code (user_key, code_hash, issued_at, expires_at, attempts_left) VALUES "
                    + "('hk-expired', REPEAT('c', 64), UTC_TIMESTAMP(3) - INTERVAL 10 MINUTE, UTC_TIMESTAMP(3) - INTERVAL 5 MINUTE, 3), "
                    + "('hk-live', REPEAT('d', 64), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 1 HOUR, 3)");
        }
        String rows = "SELECT CONCAT('link ', user_key) FROM email_link_token WHERE user_key LIKE 'hk-%' "
                + "UNION ALL SELECT CONCAT('sms ', user_key) FROM sms_code WHERE user_key LIKE 'hk-%' ORDER BY 1";
        List<String> before = strings(rows);

        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        List<String> after = strings(rows);
        while (after.size() > 2 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            after = strings(rows);
        }

        assertThat(before).containsExactly("link hk-expired", "link hk-live", "sms hk-expired", "sms hk-live");
        assertThat(after).as("within 30 s (the test portal runs it every 2 s)").containsExactly("link hk-live", "sms hk-live");
        try (Connection c = Databases.connect(ArquillianPortal.database()); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM email_link_token WHERE user_key LIKE 'hk-%'");
            s.executeUpdate("DELETE FROM sms_code WHERE user_key LIKE 'hk-%'");
        }
    }

    @Test
    @Order(16)
    @DisplayName("the SMTP page refuses a missing server, a port out of range and a sender without @ with a message next to each"
            + " field (the rules the setup wizard uses too), and stores nothing")
    void smtpPageRefusesBadEntries() throws Exception {
        prepare();
        String mailSettings = "SELECT CONCAT(setting_key, '=', setting_value) FROM setting WHERE scope_id = 0"
                + " AND setting_key LIKE 'mail.%' ORDER BY setting_key";
        List<String> before = strings(mailSettings);
        List<String> audited = strings("SELECT COUNT(*) FROM audit_event WHERE action = 'settings.mail'");
        FacesClient admin = new FacesClient(ArquillianPortal.httpsUrl());
        login(admin, ACCOUNT, "secadmin", PASSWORD);
        Page form = admin.get("/mail-settings.xhtml");

        Page refused = admin.submit(form, "mailForm", Map.of("host", " ", "port", "70000", "security_input", "NONE", "user", "",
                "password", "", "from", "portal.acme.test", "reason", "A typing mistake"), "save");

        assertThat(refused.body()).contains("Please enter the SMTP server.", "The port must be between 1 and 65535.",
                "Please enter the sender").doesNotContain("The e-mail settings are saved.");
        assertThat(strings(mailSettings)).isEqualTo(before);
        assertThat(strings("SELECT COUNT(*) FROM audit_event WHERE action = 'settings.mail'")).isEqualTo(audited);
    }

    @Test
    @Order(17)
    @DisplayName("the second-factor policy, the authenticator reset, the ban lift and the login notice audit what changed as JSON")
    void settingsChangesAreAuditedAsJson() throws Exception {
        List<String> details = strings("SELECT CONCAT(action, ' ', details) FROM audit_event WHERE action IN"
                + " ('settings.second-factor', 'totp.reset', 'jail.lift', 'settings.login-notice') ORDER BY id");

        assertThat(details).anySatisfy(d -> assertThat(d).startsWith("settings.second-factor {\"groupsRequiring\":[\"[")
                .endsWith("Field service]\"]}"));
        assertThat(details).anySatisfy(d -> assertThat(d)
                .isEqualTo("totp.reset {\"authenticator\":[\"enrolled, with recovery codes\",\"none\"]}"));
        assertThat(details).anySatisfy(d -> assertThat(d).startsWith("jail.lift {\"ban\":[\"since=").endsWith("\",null]}"));
        assertThat(details).anySatisfy(d -> assertThat(d).startsWith("settings.login-notice {\"notice\":[\"\",\"Authorised service"));
    }

    /** The code in the last SMS the portal's log-only gateway "sent" to {@code phone} (E.164). */
    static String lastSmsCodeTo(String phone) throws Exception {
        java.nio.file.Path outbox = ArquillianPortal.smsOutbox();
        assertThat(outbox).as("the log-only gateway's outbox").exists();
        List<String> lines = java.nio.file.Files.readAllLines(outbox).stream().filter(l -> l.startsWith(phone + "\t")).toList();
        assertThat(lines).as("an SMS to " + phone).isNotEmpty();
        Matcher m = Pattern.compile("login code is ([0-9]{6})\\.").matcher(lines.get(lines.size() - 1));
        assertThat(m.find()).as("the SMS holds the code: " + lines.get(lines.size() - 1).replaceAll("[0-9]{6}", "******")).isTrue();
        return m.group(1);
    }

    // ------------------------------------------------------------------------------------------

    private static String aliceSecret;
    private static String aliceEnrolmentCode;
    private static List<String> aliceRecoveryCodes = List.of();

    private static final Pattern SECRET = Pattern.compile("<code id=\"secret\">([A-Z2-7 ]+)</code>");
    private static final Pattern RECOVERY_CODE = Pattern.compile("class=\"ks-recovery-code\">([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})<");

    static String secretShownOn(Page enrol) {
        Matcher m = SECRET.matcher(enrol.body());
        assertThat(m.find()).as("the enrolment page shows the secret as text").isTrue();
        return m.group(1).replace(" ", "");
    }

    static List<String> recoveryCodesOn(Page page) {
        Matcher m = RECOVERY_CODE.matcher(page.body());
        List<String> codes = new ArrayList<>();
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    static String codeAt(String base32Secret, Instant instant) {
        return new TotpGenerator(TotpSettings.defaults()).codeAt(TotpSecret.ofBase32(base32Secret), instant);
    }

    /** A code of the same form that is not this one. */
    static String otherThan(String code) {
        char last = code.charAt(code.length() - 1);
        return code.substring(0, code.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }


    static Page login(FacesClient browser, String account, String user, String password) {
        Page form = browser.get("/login.xhtml");
        return browser.submit(form, "loginForm", Map.of("account", account, "username", user, "password", password), "login");
    }

    static Page login(LocalAddressClient browser, String account, String user, String password) {
        Page form = browser.get("/login.xhtml");
        return browser.submit(form, "loginForm", Map.of("account", account, "username", user, "password", password), "login");
    }

    /** The portal over 127.0.0.1 (not "localhost", which may be ::1), for clients bound to other loopback addresses. */
    static String loopbackUrl() {
        return ArquillianPortal.httpsUrl().replace("://localhost:", "://127.0.0.1:");
    }

    /** This test's account, a group holding settings:manage, and its users, made once through SQL. */
    static synchronized void prepare() throws SQLException {
        if (prepared) {
            return;
        }
        String hash = new BcryptPasswordHasher().hash(PASSWORD.toCharArray());
        try (Connection c = Databases.connect(ArquillianPortal.database())) {
            long account = io.keyswitch.testing.Fixtures.account(c, ACCOUNT);
            long group = insert(c, "INSERT INTO user_group (account_id, name, name_key, created_at) VALUES (?, 'Security', ?, UTC_TIMESTAMP(3))",
                    account, io.keyswitch.platform.NameKey.of("Security"));
            insert(c, "INSERT INTO group_right (group_id, permission) VALUES (?, 'settings:manage')", group);
            long fieldService = insert(c, "INSERT INTO user_group (account_id, name, name_key, created_at) VALUES (?, 'Field service', ?, UTC_TIMESTAMP(3))",
                    account, io.keyswitch.platform.NameKey.of("Field service"));
            insert(c, "INSERT INTO group_right (group_id, permission) VALUES (?, 'device:connect')", fieldService);
            for (String user : List.of("secadmin", "plainuser", "alice", "bob", "carol", "dave", "erin", "frank", "acctadmin", "gina")) {
                long id = insert(c, "INSERT INTO app_user (account_id, username, password_hash, full_name, email, status, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, 'ACTIVE', UTC_TIMESTAMP(3))", account, user, hash, "Test " + user, user + "@acme.test");
                if (user.equals("secadmin") || user.equals("acctadmin")) {
                    insert(c, "INSERT INTO group_membership (group_id, user_id) VALUES (?, ?)", group, id);
                }
                if (user.equals("secadmin")) {
                    // appliance-wide settings (bans, SMTP, SMS, login notice) are for system administrators only;
                    // acctadmin holds the same settings:manage in the account but is not one
                    insert(c, "UPDATE app_user SET system_admin = TRUE WHERE id = ?", id);
                }
                if (user.equals("gina")) {
                    insert(c, "UPDATE app_user SET phone = ?, email = NULL WHERE id = ?", GINA_PHONE, id);
                }
                if (user.equals("alice") || user.equals("carol") || user.equals("erin") || user.equals("gina")) {
                    insert(c, "INSERT INTO group_membership (group_id, user_id) VALUES (?, ?)", fieldService, id);
                }
            }
        }
        prepared = true;
    }

    static long insert(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }

    static List<String> strings(String sql, Object... values) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = Databases.connect(ArquillianPortal.database());
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
