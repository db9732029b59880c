package io.keyswitch.setup;

import io.keyswitch.launcher.LoopbackPorts;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.security.LoginResult;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.Databases;
import io.keyswitch.testing.FacesClient;
import io.keyswitch.testing.FacesClient.Page;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.TestDirs;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The appliance's setup as the administrator does it over HTTPS, on the real portal (Payara Micro, MariaDB)
 * started as the appliance starts it ({@code keyswitch.setup.wizard=true}): the setup code from the file
 * the console shows, the wizard's steps with their checks, the uploaded certificate served on the next
 * connection without a restart, the code refused afterwards, and the console's credential check.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Setup wizard")
class SetupWizardIT {

    private static final String DNS = "portal.keyswitch.test";
    private static final String ADMIN = "operator";
    private static final String PASSWORD = "Commissioning-Day-2026";
    /** API tokens as the portal makes them: ks_ and 32 characters. */
    private static final String ADMIN_TOKEN = "ks_setupWizardItAdminToken000000001";
    private static final String AUDITOR_TOKEN = "ks_setupWizardItAuditorToken0000001";

    private static PortalProcess portal;
    private static DatabaseCoordinates database;
    private static Path home;
    private static int httpsPort;
    private static int httpPort;
    private static GreenMail smtp;
    private static int smtpPort;
    private static TestPki.Issued server;
    private static TestPki.Issued issuing;
    private static String chain;
    private static String code;

    @BeforeAll
    static void start() throws Exception {
        database = Databases.fresh("keyswitch_setup");
        home = TestDirs.fresh("portal-setup");
        httpsPort = LoopbackPorts.free();
        httpPort = LoopbackPorts.free();
        portal = PortalProcess.start(new PortalProcess.Options(TestDirs.war(), TestDirs.payaraJar(), home, database,
                "127.0.0.1", httpPort, httpsPort, "256m", line -> { }), Map.of("keyswitch.setup.wizard", "true"));
        smtpPort = LoopbackPorts.free();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Instant now = Instant.now();
        TestPki.Issued root = TestPki.root("Keyswitch Test Root", now);
        issuing = TestPki.intermediate("Keyswitch Test Issuing CA", root, now);
        // localhost and 127.0.0.1 too: the test's HTTP clients check the name they connect to
        server = TestPki.server(TestPki.ec(), issuing, List.of(DNS, "localhost", "127.0.0.1"), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)));
        chain = TestPki.pem(issuing.certificate(), root.certificate());
        portal.awaitReady(Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        if (portal != null) {
            portal.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    @Order(1)
    @DisplayName("no one-time password: no user exists, the setup code is in a file only its owner reads, login leads nowhere")
    void setupCodeInsteadOfOneTimePassword() throws Exception {
        Path file = home.resolve(SetupCode.FILE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        code = Files.readString(file).strip();
        assertThat(code).matches("[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}");
        assertThat(home.resolve("initial-admin-password")).doesNotExist();
        try (Connection c = Databases.connect(database)) {
            assertThat(strings(c, "SELECT COUNT(*) FROM app_user")).containsExactly("0");
        }
        assertThat(Files.readString(home.resolve("logs/payara.log"))).contains("Setup wizard: open").doesNotContain(code);
    }

    @Test
    @Order(2)
    @DisplayName("nothing of the server's make or version: no Server or X-Powered-By header, neutral pages for odd requests, HTTPS and HTTP")
    void nothingOfTheServerShows() throws Exception {
        List<String> requests = List.of("GET /login.xhtml HTTP/1.1", "GET /no-such-page HTTP/1.1", "GET /WEB-INF/web.xml HTTP/1.1",
                "TRACE / HTTP/1.1", "F@@ / HTTP/1.1", "GET / HTTP/3.0", "GET /" + "a".repeat(70_000) + " HTTP/1.1",
                "GET /%zz HTTP/1.1", "POST /login.xhtml HTTP/1.1");
        List<String> answers = new ArrayList<>();

        for (String request : requests) {
            answers.add(raw(true, request));
            answers.add(raw(false, request));
        }

        assertThat(answers).hasSize(2 * requests.size()).allSatisfy(answer -> assertThat(answer)
                .doesNotContainPattern("(?i)payara|glassfish|grizzly|badassfish|6\\.2025")
                .doesNotContainPattern("(?im)^(server|x-powered-by):"));
        assertThat(answers.get(0)).startsWith("HTTP/1.1 200");
        assertThat(answers.get(1)).startsWith("HTTP/1.1 30").containsPattern("(?im)^location: https://");
    }

    /** What the portal answers to one request line (plus Host, Content-Length 0), over HTTPS or HTTP: headers and up to 64 KB. */
    private static String raw(boolean tls, String requestLine) throws Exception {
        java.net.Socket plain = new java.net.Socket("127.0.0.1", tls ? httpsPort : httpPort);
        try (java.net.Socket socket = tls
                ? PortalProcess.trustingClient().sslContext().getSocketFactory().createSocket(plain, "127.0.0.1", httpsPort, true)
                : plain) {
            socket.setSoTimeout(30_000);
            try {
                socket.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (java.io.IOException answeredBeforeTheEnd) {
                // a server may answer (and close) before it read all of an overlong request
            }
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; answer.size() < 65_536 && (n = socket.getInputStream().read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.io.IOException closedByTheServer) {
                // what came before counts
            }
            return answer.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    @Order(3)
    @DisplayName("each step refuses wrong entries with a message next to the field, a wrong code is audited, the right one is taken in lower case")
    void stepsRefuseWrongEntries() throws Exception {
        FacesClient browser = new FacesClient(portal.url());
        Page page = browser.get("/setup.xhtml");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Enter the one-time setup code");

        Page wrongCode = next(browser, page, "stepCode", "stepAdmin", Map.of("code", "abcd-efgh-ijkl-mnop"));
        assertThat(wrongCode.body()).contains("This is not the setup code.");

        Page lowerCase = next(browser, page, "stepCode", "stepAdmin", Map.of("code", code.toLowerCase(java.util.Locale.ROOT)));
        assertThat(lowerCase.body()).doesNotContain("This is not the setup code.").contains("User name");
        Page weak = next(browser, page, "stepAdmin", "stepDns", Map.of("username", ADMIN, "fullName", "Olga Operator",
                "password", "short", "confirmation", "short"));
        assertThat(weak.body()).contains("The password needs at least 12 characters (this one has 5), an upper-case letter, a digit.");
        next(browser, page, "stepAdmin", "stepDns", admin());
        Page ip = next(browser, page, "stepDns", "stepTls", Map.of("dnsName", "192.0.2.10"));
        assertThat(ip.body()).contains("Please enter a DNS name, not an IP address");
        next(browser, page, "stepDns", "stepTls", Map.of("dnsName", DNS));
        TestPki.Issued other = TestPki.server(server.keys(), null, List.of("other.example.org"),
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(9)));
        Page wrongName = next(browser, page, "stepTls", "stepMail", Map.of("certificate", other.pem(), "chain", "", "privateKey", server.keyPem()));
        assertThat(wrongName.body()).contains("The certificate is for other.example.org, not for " + DNS);
        Page noIntermediate = next(browser, page, "stepTls", "stepMail", Map.of("certificate", server.pem(),
                "chain", chain.substring(chain.indexOf("-----END CERTIFICATE-----") + 26), "privateKey", server.keyPem()));
        assertThat(noIntermediate.body()).contains("The chain is incomplete: the certificate of the issuer \"CN=Keyswitch Test Issuing CA\" is missing.");
        Page notKnown = next(browser, page, "stepTls", "stepMail", Map.of("certificate", server.pem(), "chain", issuing.pem(),
                "privateKey", server.keyPem()));
        assertThat(notKnown.body()).contains("SMTP server", "it was issued by a CA this appliance does not know (", "CN=Keyswitch Test Root")
                .doesNotContain("ui-message-error");

        try (Connection c = Databases.connect(database)) {
            assertThat(strings(c, "SELECT CONCAT(action, ' ', outcome) FROM audit_event WHERE action LIKE 'setup%'"))
                    .containsExactly("setup.code FAILURE");
            assertThat(strings(c, "SELECT COUNT(*) FROM app_user")).containsExactly("0");
        }
    }

    @Test
    @Order(4)
    @DisplayName("the whole wizard (the certificate with its intermediate, without the root): test mail sent, everything stored and audited, the code consumed")
    void completeWizard() throws Exception {
        FacesClient browser = new FacesClient(portal.url());
        Page page = browser.get("/setup.xhtml");

        next(browser, page, "stepCode", "stepAdmin", Map.of("code", code));
        next(browser, page, "stepAdmin", "stepDns", admin());
        next(browser, page, "stepDns", "stepTls", Map.of("dnsName", DNS));
        Page tls = next(browser, page, "stepTls", "stepMail", Map.of("certificate", server.pem(), "chain", issuing.pem(), "privateKey", server.keyPem()));
        assertThat(tls.body()).contains("SMTP server", "this appliance does not know").doesNotContain("ui-message-error");
        Map<String, String> mail = new LinkedHashMap<>(Map.of("mailHost", "127.0.0.1", "mailPort", Integer.toString(smtpPort),
                "mailSecurity_input", "NONE", "mailUser", "", "mailPassword", "", "mailFrom", "keyswitch@" + DNS,
                "testTo", "olga@example.com"));
        Page tested = browser.ajax(page, "setupForm", "setupForm:sendTest", mail,
                Map.of("jakarta.faces.partial.execute", "setupForm:sendTest setupForm:mailHost setupForm:mailPort setupForm:mailSecurity "
                        + "setupForm:mailUser setupForm:mailPassword setupForm:mailFrom setupForm:testTo",
                        "jakarta.faces.partial.render", "setupForm"));
        assertThat(tested.body()).contains("The test mail to olga@example.com was sent.");
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Keyswitch test mail");
        next(browser, page, "stepMail", "stepConfirm", mail);
        Page finished = browser.submit(page, "setupForm", Map.of("reason", "Commissioning of the plant's service portal"), "finish");

        assertThat(finished.body()).contains("Setup is finished.", "The portal switches to your certificate in a few seconds.");
        assertThat(home.resolve(SetupCode.FILE)).doesNotExist();
        try (Connection c = Databases.connect(database)) {
            assertThat(strings(c, "SELECT CONCAT(a.name, '/', u.username, ' admin=', u.system_admin, ' change=', u.must_change_password) "
                    + "FROM app_user u JOIN account a ON a.id = u.account_id")).containsExactly("system/" + ADMIN + " admin=1 change=0");
            assertThat(strings(c, "SELECT setting_value FROM setting WHERE setting_key IN ('appliance.dns-name', 'mail.smtp.host') "
                    + "ORDER BY setting_key")).containsExactly(DNS, "127.0.0.1");
            assertThat(strings(c, "SELECT CONCAT(action, ' ', actor, ' ', outcome, ' ', reason) FROM audit_event "
                    + "WHERE action IN ('user.create', 'settings.dns-name', 'settings.mail', 'settings.tls-certificate', 'setup.finish') ORDER BY id"))
                    .containsExactly(
                            "user.create setup SUCCESS Commissioning of the plant's service portal",
                            "settings.dns-name system/operator SUCCESS Commissioning of the plant's service portal",
                            "settings.mail system/operator SUCCESS Commissioning of the plant's service portal",
                            "setup.finish system/operator SUCCESS Commissioning of the plant's service portal",
                            "settings.tls-certificate system/operator SUCCESS Commissioning of the plant's service portal");
        }
    }

    @Test
    @Order(5)
    @DisplayName("a new TLS connection gets the uploaded certificate and its intermediate, never the root, without a restart of the portal")
    void servesTheUploadedCertificate() throws Exception {
        long pid = portal.pid();
        X509Certificate served = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                served = servedCertificate();
                if (served.equals(server.certificate())) {
                    break;
                }
            } catch (java.io.IOException duringRestart) {
                served = null;
            }
            Thread.sleep(500);
        }

        assertThat(served).isEqualTo(server.certificate());
        assertThat(servedChain()).containsExactly(server.certificate(), issuing.certificate());
        assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        Page login = login(new FacesClient(portal.url()), ADMIN, PASSWORD);
        assertThat(login.path()).isEqualTo("/index.xhtml");
    }

    @Test
    @Order(6)
    @DisplayName("afterwards the setup page leads to the login page and the code opens nothing")
    void codeRefusedAfterwards() throws Exception {
        FacesClient browser = new FacesClient(portal.url());

        Page again = browser.get("/setup.xhtml");

        assertThat(again.path()).isEqualTo("/login.xhtml");
        assertThat(again.body()).doesNotContain("setup code");
        Page oldCode = login(new FacesClient(portal.url()), "admin", code);
        assertThat(oldCode.body()).contains(LoginResult.NEUTRAL_FAILURE);
    }

    @Test
    @Order(7)
    @DisplayName("the pages DNS name and TLS certificate: what is served now, a change with a reason, a bad key named")
    void settingsPages() throws Exception {
        FacesClient browser = new FacesClient(portal.url());
        login(browser, ADMIN, PASSWORD);

        Page tls = browser.get("/tls-certificate.xhtml");
        assertThat(tls.body()).contains("CN=" + DNS, "CN=Keyswitch Test Issuing CA");
        Page mismatch = browser.submit(tls, "tlsForm", Map.of("certificate", server.pem(), "chain", chain,
                "privateKey", TestPki.keyPem(TestPki.ec().getPrivate()), "reason", "renewal"), "replace");
        assertThat(mismatch.body()).contains("The private key does not belong to this certificate.");

        Page dns = browser.get("/dns-name.xhtml");
        Page noReason = browser.submit(dns, "dnsForm", Map.of("dnsName", "remote.keyswitch.test", "reason", ""), "save");
        assertThat(noReason.body()).contains("Please say why you make this change");
        Page saved = browser.submit(dns, "dnsForm", Map.of("dnsName", "Remote.Keyswitch.Test", "reason", "new name in DNS"), "save");
        assertThat(saved.body()).contains("The DNS name is saved.", "remote.keyswitch.test");
        try (Connection c = Databases.connect(database)) {
            assertThat(strings(c, "SELECT setting_value FROM setting WHERE setting_key = 'appliance.dns-name'"))
                    .containsExactly("remote.keyswitch.test");
            assertThat(strings(c, "SELECT details FROM audit_event WHERE action = 'settings.dns-name' ORDER BY id DESC LIMIT 1"))
                    .singleElement().satisfies(ch -> assertThat(ch).contains(DNS, "remote.keyswitch.test"));
        }
    }

    @Test
    @Order(8)
    @DisplayName("the audit trail: a system administrator reads the refused setup code in the appliance's trail, the refused login in the account's; others may not")
    void refusalsAreInTheAuditTrail() throws Exception {
        long system = Fixtures.accountId(database, "system");
        long admin = Long.parseLong(Fixtures.string(database, "SELECT id FROM app_user WHERE username = ?", ADMIN));
        Fixtures.apiToken(database, system, admin, ADMIN_TOKEN);
        long auditor = Fixtures.user(database, system, "auditor", "Auditor-Password-2026", List.of("audit:view"));
        Fixtures.apiToken(database, system, auditor, AUDITOR_TOKEN);
        ApiClient asAdmin = new ApiClient(portal.url(), ADMIN_TOKEN);
        ApiClient asAuditor = new ApiClient(portal.url(), AUDITOR_TOKEN);

        ApiClient.Answer setupCodes = asAdmin.get("/api/v1/audit?trail=appliance&action=setup.code");
        ApiClient.Answer logins = asAdmin.get("/api/v1/audit?action=login");
        ApiClient.Answer refused = asAuditor.get("/api/v1/audit?trail=appliance");
        ApiClient.Answer wrongTrail = asAdmin.get("/api/v1/audit?trail=everything");

        assertThat(setupCodes.status()).isEqualTo(200);
        assertThat(setupCodes.json().getJsonArray("items")).singleElement().satisfies(e -> {
            assertThat(e.asJsonObject().getString("outcome")).isEqualTo("FAILURE");
            assertThat(e.asJsonObject().getString("sourceIp")).isEqualTo("127.0.0.1");
        });
        assertThat(logins.json().getJsonArray("items")).anySatisfy(e -> {
            assertThat(e.asJsonObject().getString("actor")).isEqualTo("system/admin");
            assertThat(e.asJsonObject().getString("outcome")).isEqualTo("FAILURE");
        });
        assertThat(refused.status()).isEqualTo(403);
        assertThat(wrongTrail.status()).isEqualTo(400);
        assertThat(wrongTrail.body()).contains("trail is account (the default) or appliance.");
    }

    @Test
    @Order(9)
    @DisplayName("the console's check: a system administrator's password on loopback says yes, a wrong one no")
    void consoleCheck() throws Exception {
        assertThat(consoleCheck("system", ADMIN, PASSWORD, "reboot")).isEqualTo(204);
        assertThat(consoleCheck("system", ADMIN, "wrong-Password-1", "reboot")).isEqualTo(403);
        assertThat(consoleCheck("system", ADMIN, PASSWORD, "format-disk")).isEqualTo(400);
        try (Connection c = Databases.connect(database)) {
            assertThat(strings(c, "SELECT CONCAT(target, ' ', outcome) FROM audit_event WHERE action = 'console.authorize' ORDER BY id"))
                    .containsExactly("console:reboot SUCCESS", "console:reboot FAILURE");
        }
    }

    @Test
    @Order(10)
    @DisplayName("after a restart of the portal the uploaded certificate is still the one served")
    void certificateSurvivesARestart() throws Exception {
        portal.close();
        portal = PortalProcess.start(new PortalProcess.Options(TestDirs.war(), TestDirs.payaraJar(), home, database,
                "127.0.0.1", httpPort, httpsPort, "256m", line -> { }), Map.of("keyswitch.setup.wizard", "true"));
        portal.awaitReady(Duration.ofMinutes(5));

        assertThat(servedCertificate()).isEqualTo(server.certificate());
        assertThat(home.resolve(SetupCode.FILE)).doesNotExist();
    }

    private static int consoleCheck(String account, String user, String password, String action) throws Exception {
        String form = "account=" + enc(account) + "&username=" + enc(user) + "&password=" + enc(password) + "&action=" + enc(action);
        HttpResponse<String> r = PortalProcess.trustingClient().send(HttpRequest.newBuilder(URI.create(portal.url() + "appliance/console-check"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Map<String, String> admin() {
        return Map.of("username", ADMIN, "fullName", "Olga Operator", "password", PASSWORD, "confirmation", PASSWORD);
    }

    /** The wizard's "Next" from {@code step} to {@code to}, as PrimeFaces' script sends it. */
    private static Page next(FacesClient browser, Page page, String step, String to, Map<String, String> fields) {
        return browser.ajax(page, "setupForm", "setupForm:wizard", fields,
                Map.of("setupForm:wizard_direction", "next", "setupForm:wizard_stepToGo", to));
    }

    private static X509Certificate servedCertificate() throws Exception {
        return (X509Certificate) servedChain().get(0);
    }

    private static List<java.security.cert.Certificate> servedChain() throws Exception {
        try (SSLSocket socket = (SSLSocket) PortalProcess.trustingClient().sslContext().getSocketFactory()
                .createSocket("127.0.0.1", httpsPort)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return List.of(socket.getSession().getPeerCertificates());
        }
    }

    private static Page login(FacesClient browser, String user, String password) {
        Page form = browser.get("/login.xhtml");
        return browser.submit(form, "loginForm", Map.of("account", "system", "username", user, "password", password), "login");
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
