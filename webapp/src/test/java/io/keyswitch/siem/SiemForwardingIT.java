package io.keyswitch.siem;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.setup.TestPki;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.FacesClient;
import io.keyswitch.testing.FacesClient.Page;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.TestDirs;
import io.keyswitch.testing.Tools;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
 * SIEM forwarding through the running portal to a real rsyslog on loopback ports (its own configuration file, started
 * and stopped by the test): targets made through the API by a system administrator (appliance-wide, over UDP, TCP and
 * TLS with a CA made here) and by an account's administrator (its own events only); bad input refused whole as
 * problem+json; "send test message" on the page and through the API saying what happened (delivered, refused, TLS
 * with the wrong CA or host name); a stream of audit events in two accounts with rsyslog stopped in the middle and
 * started again, after which every event id is in rsyslog's file (duplicates allowed), the account's target holding
 * exactly its account's events; the status (position, lag, last error) on the page and in the API; all audited.
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("SIEM forwarding: syslog targets, a real rsyslog over UDP, TCP and TLS, restart without loss, tenancy, test message")
class SiemForwardingIT {

    private static final String PASSWORD = "Siem-IT-Password-2026";
    private static final String ROOT = "ks_" + "S".repeat(16) + "siemSystemAdmin1";
    private static final String ALPHA = "ks_" + "T".repeat(16) + "siemAlphaAdmin01";
    private static final String BETA = "ks_" + "U".repeat(16) + "siemBetaAdmin001";
    private static final String AUDITOR = "ks_" + "V".repeat(16) + "siemBetaAuditor1";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static DatabaseCoordinates db;
    private static long beta;
    private static Rsyslog rsyslog;
    private static Path dir;
    private static int udpPort;
    private static int tcpPort;
    private static int betaPort;
    private static int tlsPort;
    private static String caPem;
    private static String otherCaPem;
    private static long udpTarget;
    private static long tcpTarget;
    private static long tlsTarget;
    private static long betaTarget;

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war").importFrom(TestDirs.war().toFile()).as(WebArchive.class);
    }

    @BeforeAll
    static void arrange() throws Exception {
        Tools.require("SIEM forwarding (rsyslog, with rsyslog-gnutls for TLS)", Rsyslog.RSYSLOGD.toString());
        db = ArquillianPortal.database();
        long operator = Fixtures.account(db, "operator-siem");
        long root = Fixtures.user(db, operator, "root", PASSWORD, io.keyswitch.platform.Rights.ALL);
        Fixtures.makeSystemAdmin(db, root);
        Fixtures.apiToken(db, operator, root, ROOT);
        long alpha = Fixtures.account(db, "alpha-siem");
        beta = Fixtures.account(db, "beta-siem");
        List<String> admin = List.of("settings:manage", "audit:view", "project:manage", "device:view");
        Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "admin", PASSWORD, admin), ALPHA);
        Fixtures.apiToken(db, beta, Fixtures.user(db, beta, "admin", PASSWORD, admin), BETA);
        Fixtures.apiToken(db, beta, Fixtures.user(db, beta, "auditor", PASSWORD, List.of("audit:view", "project:manage")),
                AUDITOR);
        dir = TestDirs.fresh("rsyslog");
        Instant now = Instant.now();
        TestPki.Issued ca = TestPki.root("Syslog test CA", now);
        // RSA: GnuTLS does not read an EC key in PKCS#8 without its public key, which is how BouncyCastle writes it
        TestPki.Issued server = TestPki.server(TestPki.rsa(2048), ca, List.of("localhost"), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        caPem = ca.pem();
        otherCaPem = TestPki.root("Some other CA", now).pem();
        Files.writeString(dir.resolve("ca.pem"), caPem);
        Files.writeString(dir.resolve("server.pem"), server.pem());
        Files.writeString(dir.resolve("server.key"), server.keyPem());
        udpPort = LoopbackPorts.free();
        tcpPort = LoopbackPorts.free();
        betaPort = LoopbackPorts.free();
        tlsPort = LoopbackPorts.free();
        rsyslog = new Rsyslog(dir, List.of(new Rsyslog.Input("udp", "udp", udpPort), new Rsyslog.Input("tcp", "tcp", tcpPort),
                new Rsyslog.Input("beta", "tcp", betaPort), new Rsyslog.Input("tls", "tls", tlsPort)),
                dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"));
        rsyslog.start();
    }

    @AfterAll
    static void stopRsyslog() throws Exception {
        if (rsyslog != null) {
            rsyslog.close();
        }
    }

    private static ApiClient api(String token) {
        return new ApiClient(ArquillianPortal.httpsUrl() + "api/v1", token);
    }

    private static String target(String name, String scope, String host, int port, String transport, String ca, String reason) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("name", name).add("host", host).add("port", port)
                .add("transport", transport);
        if (scope != null) {
            b.add("scope", scope);
        }
        if (ca != null) {
            b.add("caPem", ca);
        }
        if (reason != null) {
            b.add("reason", reason);
        }
        return b.build().toString();
    }

    private static String off(String json) {
        return json.substring(0, json.length() - 1) + ",\"enabled\":false}";
    }

    private static long created(Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().getJsonNumber("id").longValue();
    }

    private static void assertProblem(Answer a, int status, String field, String text) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.body()).doesNotContain("Exception", "at org.", "at io.");
        if (field != null) {
            assertThat(a.json().getJsonObject("errors").getString(field, "")).as(a.body()).contains(text);
        }
    }

    private static long count(String sql, Object... params) throws Exception {
        return Fixtures.count(db, sql, params);
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

    private static List<Long> ids(String sql, Object... params) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
        }
        return ids;
    }

    @Test
    @Order(1)
    @DisplayName("bad targets are 400 problems naming each field, an account's administrator cannot make an appliance-wide one"
            + " nor can a user without settings:manage make any: nothing is stored or audited")
    void badInput() throws Exception {
        // Arrange
        long targets = count("SELECT COUNT(*) FROM siem_target");
        long audited = count("SELECT COUNT(*) FROM audit_event WHERE action LIKE 'siem-target.%'");

        // Act
        Answer wrong = api(ROOT).post("/siem-targets", Json.createObjectBuilder().add("name", "").add("host", "bad host!")
                .add("port", 70000).add("transport", "SCTP").add("scope", "APPLIANCE").add("reason", "SIEM go-live").build()
                .toString());
        Answer tlsWithoutCa = api(ROOT).post("/siem-targets", target("SOC", "APPLIANCE", "localhost", tlsPort, "TLS", null,
                "SIEM go-live"));
        Answer notPem = api(ROOT).post("/siem-targets", target("SOC", "APPLIANCE", "localhost", tlsPort, "TLS",
                "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----", "SIEM go-live"));
        Answer noReason = api(ROOT).post("/siem-targets", target("SOC", "APPLIANCE", "127.0.0.1", tcpPort, "TCP", null, null));
        Answer applianceByAccount = api(BETA).post("/siem-targets", target("SOC", "APPLIANCE", "127.0.0.1", tcpPort, "TCP",
                null, "want everything"));
        Answer auditorOnly = api(AUDITOR).post("/siem-targets", target("SOC", "ACCOUNT", "127.0.0.1", tcpPort, "TCP", null,
                "want ours"));
        Answer unknownField = api(ROOT).post("/siem-targets", "{\"name\":\"SOC\",\"hots\":\"127.0.0.1\"}");

        // Assert
        assertProblem(wrong, 400, "name", "name the target");
        assertThat(wrong.json().getJsonObject("errors").keySet()).contains("host", "port", "transport");
        assertThat(wrong.json().getJsonObject("errors").getString("port")).contains("between 1 and 65535");
        assertProblem(tlsWithoutCa, 400, "caPem", "CA certificate");
        assertProblem(notPem, 400, "caPem", "cannot be read");
        assertProblem(noReason, 400, "reason", "why");
        assertProblem(applianceByAccount, 400, "scope", "Only system administrators");
        assertProblem(auditorOnly, 403, null, null);
        assertProblem(unknownField, 400, null, null);
        assertThat(count("SELECT COUNT(*) FROM siem_target")).isEqualTo(targets);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action LIKE 'siem-target.%'")).isEqualTo(audited);
    }

    @Test
    @Order(2)
    @DisplayName("targets over UDP, TCP and TLS are made with a reason and audited; an account's target is its own: another"
            + " account gets 404 for it and lists none of them")
    void targets() throws Exception {
        // Act
        udpTarget = created(api(ROOT).post("/siem-targets", target("SOC udp", "APPLIANCE", "127.0.0.1", udpPort, "UDP", null,
                "SIEM go-live")));
        tcpTarget = created(api(ROOT).post("/siem-targets", target("SOC tcp", "APPLIANCE", "127.0.0.1", tcpPort, "TCP", null,
                "SIEM go-live")));
        tlsTarget = created(api(ROOT).post("/siem-targets", target("SOC tls", "APPLIANCE", "localhost", tlsPort, "TLS", caPem,
                "SIEM go-live")));
        betaTarget = created(api(BETA).post("/siem-targets", target("Beta's SIEM", null, "127.0.0.1", betaPort, "TCP", null,
                "our own SOC")));
        Answer alphaList = api(ALPHA).get("/siem-targets");
        Answer alphaGetsBeta = api(ALPHA).get("/siem-targets/" + betaTarget);
        Answer alphaDeletesBeta = api(ALPHA).delete("/siem-targets/" + betaTarget + "?reason=mine%20now");
        Answer betaGetsAppliance = api(BETA).get("/siem-targets/" + tcpTarget);
        Answer betaList = api(BETA).get("/siem-targets");

        // Assert
        assertThat(alphaList.json().getJsonArray("items")).isEmpty();
        assertProblem(alphaGetsBeta, 404, null, null);
        assertProblem(alphaDeletesBeta, 404, null, null);
        assertProblem(betaGetsAppliance, 404, null, null);
        assertThat(betaList.json().getJsonArray("items")).singleElement()
                .satisfies(t -> assertThat(t.asJsonObject().getString("name")).isEqualTo("Beta's SIEM"));
        assertThat(count("SELECT COUNT(*) FROM siem_target WHERE id = ?", betaTarget)).isOne();
        assertThat(Fixtures.string(db, "SELECT reason FROM audit_event WHERE action = 'siem-target.create' AND target = ?",
                "siem-target:" + tlsTarget)).isEqualTo("SIEM go-live");
        assertThat(Fixtures.string(db, "SELECT details FROM audit_event WHERE action = 'siem-target.create' AND target = ?",
                "siem-target:" + tlsTarget)).contains("TLS", "localhost:" + tlsPort);
        assertThat(Fixtures.string(db, "SELECT account_id FROM audit_event WHERE action = 'siem-target.create' AND target = ?",
                "siem-target:" + betaTarget)).isEqualTo(Long.toString(beta));
    }

    @Test
    @Order(3)
    @DisplayName("'send test message' says what happened: delivered over TCP and TLS (rsyslog has it), refused where"
            + " nothing listens, TLS failed for another CA and for a host name the certificate does not hold — audited")
    void testMessage() throws Exception {
        // Arrange: targets for the button only (switched off, so the sender leaves them alone)
        int closed = LoopbackPorts.free();
        long refused = created(api(ROOT).post("/siem-targets", off(target("Nobody", "APPLIANCE", "127.0.0.1", closed, "TCP",
                null, "try a closed port"))));
        long wrongCa = created(api(ROOT).post("/siem-targets", off(target("Wrong CA", "APPLIANCE", "localhost", tlsPort, "TLS",
                otherCaPem, "try another CA"))));
        long wrongName = created(api(ROOT).post("/siem-targets", off(target("Wrong name", "APPLIANCE", "127.0.0.1", tlsPort,
                "TLS", caPem, "try an address the certificate does not name"))));
        FacesClient browser = new FacesClient(ArquillianPortal.httpsUrl());
        browser.submit(browser.get("/login.xhtml"), "loginForm",
                Map.of("account", "operator-siem", "username", "root", "password", PASSWORD), "login");
        Page page = browser.get("/siem.xhtml");
        int tlsRow = rowOf(page, "SOC tls");

        // Act
        Page tested = browser.submit(page, "listForm", Map.of(), "targets:" + tlsRow + ":test");
        Answer tcp = api(ROOT).post("/siem-targets/" + tcpTarget + "/test", "{}");
        Answer nobody = api(ROOT).post("/siem-targets/" + refused + "/test", "{}");
        Answer otherCa = api(ROOT).post("/siem-targets/" + wrongCa + "/test", "{}");
        Answer otherName = api(ROOT).post("/siem-targets/" + wrongName + "/test", "{}");

        // Assert
        assertThat(tested.body()).contains("Test message to 'SOC tls': Delivered to localhost:" + tlsPort + " (TLS): the"
                + " server took the test message (MSGID siem.test); its certificate is signed by the uploaded CA and names the host.");
        assertThat(tcp.json().getBoolean("delivered")).as(tcp.body()).isTrue();
        assertThat(tcp.json().getString("result")).startsWith("Delivered to 127.0.0.1:" + tcpPort + " (TCP)");
        assertThat(nobody.json().getBoolean("delivered")).isFalse();
        assertThat(nobody.json().getString("result")).isEqualTo("Refused: nothing listens on 127.0.0.1:" + closed
                + " (TCP), or a firewall refused the connection.");
        assertThat(otherCa.json().getString("result")).isEqualTo("TLS handshake with localhost:" + tlsPort
                + " (TLS) failed: the server's certificate is not signed by the uploaded CA.");
        assertThat(otherName.json().getString("result")).isEqualTo("TLS handshake with 127.0.0.1:" + tlsPort
                + " (TLS) failed: the server's certificate does not name this host.");
        await("rsyslog received the test messages over TLS and TCP", () -> rsyslog.lines(), lines ->
                lines.stream().anyMatch(l -> l.startsWith("tls ") && l.contains(" keyswitch - siem.test "))
                        && lines.stream().anyMatch(l -> l.startsWith("tcp ") && l.contains(" keyswitch - siem.test ")));
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'siem-target.test' AND outcome = 'SUCCESS'"))
                .isEqualTo(2);
        assertThat(Fixtures.string(db, "SELECT details FROM audit_event WHERE action = 'siem-target.test' AND target = ?",
                "siem-target:" + wrongCa)).contains("not signed by the uploaded CA");
    }

    /** The row index of the target named {@code name} in the page's table (rows are listed appliance-wide first, by name). */
    private static int rowOf(Page page, String name) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<tr data-ri=\"(\\d+)\"[^>]*><td[^>]*>([^<]*)</td>")
                .matcher(page.body());
        while (m.find()) {
            if (m.group(2).equals(name)) {
                return Integer.parseInt(m.group(1));
            }
            names.add(m.group(2));
        }
        throw new AssertionError("no row '" + name + "' on the page; rows: " + names);
    }

    @Test
    @Order(4)
    @DisplayName("a stream of audit events in two accounts, rsyslog stopped in the middle and started again: every event"
            + " reaches the TCP and TLS targets (duplicates allowed), beta's target gets exactly beta's, positions catch up")
    void restartWithoutLoss() throws Exception {
        // Arrange
        long start = Long.parseLong(Fixtures.string(db, "SELECT MAX(id) FROM audit_event"));
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<Integer> stream = writer.submit(() -> {
            int made = 0;
            for (int i = 0; i < 240; i++) {
                String token = i % 2 == 0 ? ALPHA : BETA;
                Answer a = api(token).post("/projects", "{\"name\":\"Line " + i + "\",\"reason\":\"plant \\\"north\\\" [hall 2]\"}");
                if (a.status() == 201) {
                    made++;
                }
                Thread.sleep(15);
            }
            return made;
        });

        // Act: stop rsyslog when about a third is written, leave it down for 3 s, start it again
        await("a third of the stream written", () -> count("SELECT COUNT(*) FROM audit_event WHERE id > ?", start), n -> n >= 80);
        rsyslog.stop();
        Thread.sleep(3_000);
        long writtenWhileDown = count("SELECT COUNT(*) FROM audit_event WHERE id > ?", start);
        rsyslog.start();
        int made = stream.get(2, TimeUnit.MINUTES);
        writer.shutdown();
        List<Long> all = ids("SELECT id FROM audit_event WHERE id > ? ORDER BY id", start);
        List<Long> betas = ids("SELECT id FROM audit_event WHERE id > ? AND chain_key = ? ORDER BY id", start, beta);

        // Assert: every event of the stream reached the TCP and the TLS target; beta's target has exactly beta's
        assertThat(made).isEqualTo(240);
        assertThat(writtenWhileDown).isGreaterThan(80);
        await("every event id over TCP", () -> missing(all, rsyslog.eventIds("tcp")), Set::isEmpty);
        await("every event id over TLS", () -> missing(all, rsyslog.eventIds("tls")), Set::isEmpty);
        await("every beta event on beta's target", () -> missing(betas, rsyslog.eventIds("beta")), Set::isEmpty);
        assertThat(new TreeSet<>(rsyslog.eventIds("beta")).tailSet(start + 1)).containsExactlyElementsOf(betas);
        assertThat(rsyslog.eventIds("udp")).isNotEmpty().allSatisfy(id -> assertThat(id).isGreaterThan(0));
        await("the TCP target's stored position reached the last event",
                () -> count("SELECT last_event_id FROM siem_position WHERE target_id = ?", tcpTarget),
                p -> p >= all.get(all.size() - 1));
        assertThat(Fixtures.string(db, "SELECT last_error FROM siem_position WHERE target_id = ?", tlsTarget))
                .containsAnyOf("closed the connection", "Refused");
        System.out.printf("SIEM restart: %d events, %d written before rsyslog was back; TCP received %d lines (%d duplicates)%n",
                all.size(), writtenWhileDown, rsyslog.eventIds("tcp").stream().filter(id -> id > start).count(),
                rsyslog.eventIds("tcp").stream().filter(id -> id > start).count() - all.size());
    }

    private static Set<Long> missing(List<Long> expected, List<Long> received) {
        Set<Long> left = new HashSet<>(expected);
        received.forEach(left::remove);
        return left;
    }

    @Test
    @Order(5)
    @DisplayName("each message is RFC 5424 with APP-NAME keyswitch, MSGID the action and the event's fields as structured"
            + " data (escaped), its hash the trail's; the page and the API show position, lag and the last error")
    void messagesAndStatus() throws Exception {
        // Arrange
        long event = Long.parseLong(Fixtures.string(db, "SELECT MAX(id) FROM audit_event WHERE action = 'project.create'"
                + " AND chain_key = ?", beta));
        String hash = Fixtures.string(db, "SELECT hash FROM audit_event WHERE id = ?", event);
        FacesClient browser = new FacesClient(ArquillianPortal.httpsUrl());
        browser.submit(browser.get("/login.xhtml"), "loginForm",
                Map.of("account", "operator-siem", "username", "root", "password", PASSWORD), "login");

        // Act
        String line = rsyslog.line(event).get("tls");
        Answer status = api(ROOT).get("/siem-targets/" + tcpTarget);
        Page page = browser.get("/siem.xhtml");
        Page badPort = browser.submit(page, "targetForm", Map.of("name", "x", "host", "siem.example.com", "port", "abc",
                "reason", "x"), "save");
        Page noHost = browser.submit(page, "targetForm", Map.of("name", "x", "host", "", "port", "514",
                "transport_input", "TCP", "reason", "trying"), "save");

        // Assert
        assertThat(line).matches("<109>1 \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z \\S+ keyswitch - project\\.create"
                + " \\[audit@32473 eventId=\"" + event + "\" hash=\"" + hash + "\" account=\"beta-siem\" accountId=\"" + beta
                + "\" actor=\"beta-siem/admin[^\"]*\" action=\"project\\.create\" target=\"project:\\d+\" outcome=\"SUCCESS\""
                + " sourceAddress=\"127\\.0\\.0\\.1\" reason=\"plant \\\\\"north\\\\\" \\[hall 2\\\\]\"\\] \uFEFFbeta-siem/admin.*"
                + " project\\.create project:\\d+: SUCCESS .*");
        await("the TCP target's lag is 0 once the login above is forwarded", () -> api(ROOT).get("/siem-targets/" + tcpTarget)
                .json().getJsonObject("status").getJsonNumber("lag").longValue(), lag -> lag == 0);
        assertThat(status.json().getJsonObject("status").getJsonNumber("forwarded").longValue()).isGreaterThanOrEqualTo(240);
        // a system administrator's page lists the appliance-wide targets and their own account's, not beta's
        assertThat(page.body()).contains("SOC tls", "localhost:" + tlsPort + " (TLS)").doesNotContain("Beta&#39;s SIEM",
                "Beta's SIEM", "Internal Server Error");
        // the outage of rsyslog is the TCP target's last error (the connection it closed, or its refusals meanwhile)
        assertThat(page.body()).containsAnyOf("The server closed the connection (127.0.0.1:" + tcpPort + " (TCP))",
                "Refused: nothing listens on 127.0.0.1:" + tcpPort + " (TCP)");
        assertThat(fieldMessage(badPort.body(), "targetForm:port")).contains("The port must be a number.");
        assertThat(fieldMessage(noHost.body(), "targetForm:host")).contains("Please enter the syslog server");
        assertThat(count("SELECT COUNT(*) FROM siem_target WHERE name = 'x'")).isZero();
    }

    /** The text of the form row whose input is {@code id}: the label, the input and the message next to it. */
    private static String fieldMessage(String body, String id) {
        int at = body.indexOf("id=\"" + id + "\"");
        assertThat(at).as("field " + id + " on the page").isPositive();
        int end = body.indexOf("class=\"ks-field", at);
        return body.substring(at, end < 0 ? body.length() : end);
    }
}
