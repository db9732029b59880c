package io.keyswitch.administration;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.FacesClient;
import io.keyswitch.testing.FacesClient.Page;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.MovableClock;
import io.keyswitch.testing.TestDirs;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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
 * Issue 3 across every resource, in the running portal: two accounts that cannot see each other,
 * rights that hold for every action, the account's rules (temporary users, days without login,
 * password policy and age) under a clock the test moves, the CSV import, and an audit chain that
 * shows a changed row, and the IEC 62443 evidence with its numbers. The deployment carries {@link MovableClock}, which
 * replaces the portal's clock.
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Administration across accounts, rights, rules and the audit trail")
class AdministrationIT {

    private static final String ALPHA = "alpha-adm";
    private static final String ALPHA_TOKEN = "ks_" + "D".repeat(16) + "alphaAdmAdminTok";
    private static final String BETA_TOKEN = "ks_" + "E".repeat(16) + "betaAdmAdminToke";
    private static final String VIEWER_TOKEN = "ks_" + "F".repeat(16) + "alphaAdmViewerTk";
    private static final String SYSTEM_ADMIN_TOKEN = "ks_" + "K".repeat(16) + "operatorAdmRootT";
    private static final String FLEET_TOKEN = "ks_" + "L".repeat(16) + "fleetAdmImporter";
    private static final String PASSWORD = "Administration-IT-2026";

    private static DatabaseCoordinates db;
    private static long alpha;
    private static long beta;
    private static final Map<String, Long> ids = new java.util.HashMap<>();

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war").importFrom(TestDirs.war().toFile()).as(WebArchive.class)
                .addClass(MovableClock.class).addClass(MovableClock.class.getName() + "$Offset")
                // this portal alone walks the audit chains every 10 s (iec62443Evidence reads the result); elsewhere the
                // first run, an hour after the start, never comes, so no audit.verify event lands in another test's count
                .addAsResource(new org.jboss.shrinkwrap.api.asset.StringAsset("keyswitch.audit.verify-interval=PT10S\n"),
                        "META-INF/microprofile-config.properties");
    }

    @BeforeAll
    static void arrange() throws Exception {
        db = ArquillianPortal.database();
        alpha = Fixtures.account(db, ALPHA);
        beta = Fixtures.account(db, "beta-adm");
        // an account's administrators hold every right: nobody hands out a right (device:connect to a group) they lack
        List<String> all = io.keyswitch.platform.Rights.ALL;
        Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "adm", PASSWORD, all), ALPHA_TOKEN);
        Fixtures.apiToken(db, beta, Fixtures.user(db, beta, "adm", PASSWORD, all), BETA_TOKEN);
        Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "viewer", PASSWORD, List.of("device:view")), VIEWER_TOKEN);
    }

    @AfterAll
    static void realTimeAgain() throws Exception {
        Files.deleteIfExists(ArquillianPortal.home().resolve("test-clock-offset"));
    }

    private static ApiClient as(String token) {
        return new ApiClient(ArquillianPortal.httpsUrl() + "api/v1", token);
    }

    private static long id(Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().getJsonNumber("id").longValue();
    }

    @Test
    @Order(1)
    @DisplayName("an administrator sets up a project, a device with a component, a group, a user and a grant, each with a reason")
    void setUpAlpha() {
        ApiClient a = as(ALPHA_TOKEN);
        ids.put("project", id(a.post("/projects", "{\"name\":\"Line 3\",\"reason\":\"new line\"}")));
        ids.put("device", id(a.post("/devices", "{\"name\":\"Press 7\",\"lanSubnet\":\"192.168.0.0/24\",\"projectId\":"
                + ids.get("project") + ",\"reason\":\"commissioning\"}")));
        ids.put("component", id(a.post("/devices/" + ids.get("device") + "/components",
                "{\"name\":\"PLC\",\"ip\":\"192.168.0.10\",\"services\":\"tcp/102\",\"reason\":\"the PLC\"}")));
        ids.put("group", id(a.post("/groups", "{\"name\":\"Service\",\"rights\":[\"device:view\",\"device:connect\"],\"reason\":\"team\"}")));
        Answer user = a.post("/users", "{\"username\":\"tech\",\"fullName\":\"Tess Tech\",\"groupIds\":[" + ids.get("group")
                + "],\"reason\":\"new technician\"}");
        ids.put("user", user.json().getJsonObject("user").getJsonNumber("id").longValue());
        Answer grant = a.post("/grants", "{\"subjectType\":\"GROUP\",\"groupId\":" + ids.get("group")
                + ",\"scopeType\":\"COMPONENTS\",\"deviceId\":" + ids.get("device") + ",\"componentIds\":[" + ids.get("component")
                + "],\"reason\":\"PLC only\"}");
        ids.put("grant", grant.array().getJsonObject(0).getJsonNumber("id").longValue());

        assertThat(user.json().getString("oneTimePassword")).hasSizeGreaterThanOrEqualTo(12);
        assertThat(a.get("/users?filter=tech").json().getJsonArray("items").getJsonObject(0).getJsonArray("groupIds"))
                .as("the list gives each user's groups (one query for the page)")
                .extracting(v -> ((jakarta.json.JsonNumber) v).longValue()).containsExactly(ids.get("group"));
        Answer reach = a.get("/users/" + ids.get("user") + "/reach");
        assertThat(reach.json().getInt("total")).isOne();
        assertThat(reach.json().getJsonArray("items").getJsonObject(0).getString("via")).isEqualTo("group Service → component PLC");
        assertThat(a.get("/grants/components/" + ids.get("component")).json().getJsonArray("items").getString(0))
                .isEqualTo("tech (Tess Tech) — group Service → component PLC of device Press 7");
        assertThat(a.get("/audit?action=grant.").json().getJsonArray("items").getJsonObject(0).getString("reason")).isEqualTo("PLC only");
    }

    @Test
    @Order(2)
    @DisplayName("another account cannot read, change, delete or count any of it: every answer is the one for an id that does not exist")
    void tenancyAcrossEveryResource() throws Exception {
        ApiClient b = as(BETA_TOKEN);
        Map<String, List<String>> reads = Map.of(
                "project", List.of("/projects/%d"),
                "device", List.of("/devices/%d", "/devices/%d/components"),
                "user", List.of("/users/%d", "/users/%d/reach"),
                "group", List.of("/groups/%d"),
                "component", List.of("/grants/components/%d"));
        reads.forEach((kind, paths) -> paths.forEach(path -> {
            Answer across = b.get(path.formatted(ids.get(kind)));
            Answer missing = b.get(path.formatted(987_654_321L));
            assertThat(across.status()).as(path).isEqualTo(404);
            assertThat(across.body()).as(path).isEqualTo(missing.body());
        }));
        List<String[]> writes = List.of(
                new String[] {"PUT", "/projects/%d", "project", "{\"name\":\"taken\",\"reason\":\"across\"}"},
                new String[] {"DELETE", "/projects/%d?reason=across", "project", null},
                new String[] {"PUT", "/users/%d", "user", "{\"fullName\":\"Taken\",\"reason\":\"across\"}"},
                new String[] {"POST", "/users/%d/password-reset?reason=across", "user", "{}"},
                new String[] {"PUT", "/groups/%d", "group", "{\"name\":\"taken\",\"rights\":[],\"reason\":\"across\"}"},
                new String[] {"DELETE", "/groups/%d?reason=across", "group", null},
                new String[] {"DELETE", "/grants/%d?reason=across", "grant", null},
                new String[] {"DELETE", "/devices/%d?reason=across", "device", null});
        for (String[] w : writes) {
            Answer across = send(b, w[0], w[1].formatted(ids.get(w[2])), w[3]);
            Answer missing = send(b, w[0], w[1].formatted(987_654_321L), w[3]);
            assertThat(across.status()).as(w[0] + " " + w[1]).isEqualTo(404);
            assertThat(across.body()).as(w[0] + " " + w[1]).isEqualTo(missing.body());
        }
        long betaGroup = id(b.post("/groups", "{\"name\":\"Beta service\",\"rights\":[],\"reason\":\"team\"}"));
        Answer grantAcross = b.post("/grants", "{\"subjectType\":\"GROUP\",\"groupId\":" + betaGroup
                + ",\"scopeType\":\"DEVICE\",\"deviceId\":" + ids.get("device") + ",\"reason\":\"across\"}");
        Answer grantMissing = b.post("/grants", "{\"subjectType\":\"GROUP\",\"groupId\":" + betaGroup
                + ",\"scopeType\":\"DEVICE\",\"deviceId\":987654321,\"reason\":\"across\"}");
        assertThat(grantAcross.status()).isEqualTo(400);
        assertThat(grantAcross.body()).isEqualTo(grantMissing.body());

        assertThat(b.get("/projects").json().getInt("total")).isZero();
        assertThat(b.get("/devices").json().getInt("total")).isZero();
        assertThat(b.get("/grants").json().getInt("total")).isZero();
        assertThat(b.get("/users").json().getJsonArray("items")).extracting(v -> v.asJsonObject().getString("username"))
                .containsExactly("adm");
        assertThat(b.get("/audit?size=200").body()).doesNotContain("Press 7", "Line 3", "tech", "PLC");
        assertThat(Fixtures.string(db, "SELECT CONCAT(p.name, '/', d.name, '/', g.name) FROM project p, device d, user_group g "
                + "WHERE p.id = ? AND d.id = ? AND g.id = ?", ids.get("project"), ids.get("device"), ids.get("group")))
                .isEqualTo("Line 3/Press 7/Service");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM access_grant WHERE account_id = ?", alpha)).isOne();
    }

    private static Answer send(ApiClient c, String method, String path, String body) {
        return switch (method) {
            case "PUT" -> c.put(path, body);
            case "POST" -> c.post(path, body);
            default -> c.delete(path);
        };
    }

    @Test
    @Order(3)
    @DisplayName("a token holds only its user's rights: a device viewer gets 403 for every other action, and nothing changes")
    void rightsHoldForEveryAction() throws Exception {
        ApiClient v = as(VIEWER_TOKEN);
        List<Answer> refused = List.of(
                v.post("/projects", "{\"name\":\"x\",\"reason\":\"no right\"}"),
                v.delete("/projects/" + ids.get("project") + "?reason=no%20right"),
                v.post("/devices", "{\"name\":\"x\",\"lanSubnet\":\"10.0.0.0/24\",\"reason\":\"no right\"}"),
                v.post("/devices/" + ids.get("device") + "/components", "{\"name\":\"x\",\"ip\":\"192.168.0.3\",\"services\":\"tcp/80\",\"reason\":\"no right\"}"),
                v.postCsv("/devices/import?dryRun=true", "device,lan_subnet\nx,10.0.0.0/24\n"),
                v.get("/users"),
                v.post("/users", "{\"username\":\"x1\",\"fullName\":\"X\",\"reason\":\"no right\"}"),
                v.get("/groups"),
                v.put("/groups/" + ids.get("group"), "{\"name\":\"x\",\"rights\":[\"user:manage\"],\"reason\":\"no right\"}"),
                v.get("/grants"),
                v.post("/grants", "{\"subjectType\":\"USER\",\"userId\":1,\"scopeType\":\"DEVICE\",\"deviceId\":" + ids.get("device") + ",\"reason\":\"no right\"}"),
                v.get("/users/" + ids.get("user") + "/reach"),
                v.get("/audit"),
                v.get("/audit/verify"),
                v.get("/compliance/iec62443"));

        assertThat(refused).allSatisfy(a -> {
            assertThat(a.status()).as(a.body()).isEqualTo(403);
            assertThat(a.contentType()).startsWith("application/problem+json");
        });
        assertThat(v.get("/devices").status()).isEqualTo(200);
        assertThat(v.get("/projects").json().getInt("total")).isOne();
        assertThat(Fixtures.string(db, "SELECT name FROM user_group WHERE id = ?", ids.get("group"))).isEqualTo("Service");
    }

    @Test
    @Order(4)
    @DisplayName("a CSV with one bad line: the check names the line, the import stores nothing; the corrected file imports every device")
    void csvImportIsAllOrNothing() throws Exception {
        ApiClient a = as(ALPHA_TOKEN);
        String bad = "device,project,lan_subnet,component,component_ip,services\n"
                + "Mill 1,Line 3,10.1.0.0/24,plc,10.1.0.5,tcp/102\n"
                + "Mill 2,,10.2.0.0/24,plc,10.9.9.9,tcp/102\n"
                + "Mill 3,,10.3.0.0/24,,,\n";
        Answer check = a.postCsv("/devices/import?dryRun=true", bad);
        Answer commit = a.postCsv("/devices/import?reason=order%204711", bad);

        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().getInt("devices")).isEqualTo(3);
        assertThat(check.json().getJsonArray("problems")).singleElement().satisfies(p -> {
            assertThat(p.asJsonObject().getInt("line")).isEqualTo(3);
            assertThat(p.asJsonObject().getString("message")).contains("10.9.9.9 is not a host address in the device's LAN 10.2.0.0/24");
        });
        assertThat(commit.status()).isEqualTo(400);
        assertThat(commit.json().getJsonObject("errors").getString("file")).contains("1 line has a problem; nothing was imported");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM device WHERE account_id = ? AND name LIKE 'Mill%'", alpha)).isZero();

        Answer good = a.postCsv("/devices/import?reason=order%204711", bad.replace("10.9.9.9", "10.2.0.9"));
        assertThat(good.status()).as(good.body()).isEqualTo(201);
        assertThat(good.json().getBoolean("imported")).isTrue();
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM device WHERE account_id = ? AND name LIKE 'Mill%'", alpha)).isEqualTo(3);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM component c JOIN device d ON d.id = c.device_id "
                + "WHERE d.account_id = ? AND d.name LIKE 'Mill%'", alpha)).isEqualTo(2);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE account_id = ? AND action = 'device.import' "
                + "AND reason = 'order 4711'", alpha)).isEqualTo(3);
        assertThat(a.get("/audit/verify").json().getBoolean("intact")).isTrue();
    }

    @Test
    @Order(5)
    @DisplayName("a changed audit row is found by verify, which names the first broken event; restored, the chain is whole again")
    void auditChainShowsAChangedRow() throws Exception {
        ApiClient a = as(ALPHA_TOKEN);
        long eventId = Long.parseLong(Fixtures.string(db,
                "SELECT MIN(id) FROM audit_event WHERE account_id = ? AND action = 'grant.create'", alpha));
        String reason = Fixtures.string(db, "SELECT reason FROM audit_event WHERE id = ?", eventId);
        Fixtures.update(db, "UPDATE audit_event SET reason = 'nothing to see here' WHERE id = ?", eventId);
        Answer broken = a.get("/audit/verify");
        Fixtures.update(db, "UPDATE audit_event SET reason = ? WHERE id = ?", reason, eventId);
        Answer whole = a.get("/audit/verify");

        assertThat(broken.json().getBoolean("intact")).isFalse();
        assertThat(broken.json().getJsonNumber("firstBrokenEventId").longValue()).isEqualTo(eventId);
        assertThat(broken.json().getString("problem")).contains("was changed");
        assertThat(whole.json().getBoolean("intact")).isTrue();
        assertThat(as(BETA_TOKEN).get("/audit/verify").json().getBoolean("intact")).isTrue();
    }

    @Test
    @Order(6)
    @DisplayName("a new password must follow the account's policy, each missing rule named, and may not repeat a recent one")
    void passwordPolicy() throws Exception {
        Fixtures.user(db, alpha, "pw", PASSWORD, List.of());
        FacesClient browser = new FacesClient(ArquillianPortal.httpsUrl());
        login(browser, "pw", PASSWORD);
        Page weak = change(browser, PASSWORD, "short");
        Page ok = change(browser, PASSWORD, "Another-Password-2027");
        Page reused = change(browser, "Another-Password-2027", PASSWORD);

        assertThat(weak.body()).contains("The new password needs at least 12 characters (this one has 5), an upper-case letter, a digit.");
        assertThat(ok.body()).contains("Your password has been changed.");
        assertThat(reused.body()).contains("The new password must differ from your last 5 passwords.");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM password_history h JOIN app_user u ON u.id = h.user_id "
                + "WHERE u.account_id = ? AND u.username = 'pw'", alpha)).isOne();
    }

    @Test
    @Order(7)
    @DisplayName("a temporary user is refused, with a clear message, after their last allowed login and after their end")
    void temporaryUsers() throws Exception {
        ApiClient a = as(ALPHA_TOKEN);
        Instant until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String once = a.post("/users", "{\"username\":\"once\",\"fullName\":\"One Login\",\"temporary\":true,\"maxLogins\":1,"
                + "\"reason\":\"one visit\"}").json().getString("oneTimePassword");
        String hour = a.post("/users", "{\"username\":\"hour\",\"fullName\":\"One Hour\",\"temporary\":true,\"validUntil\":\""
                + until + "\",\"reason\":\"one hour\"}").json().getString("oneTimePassword");

        Page first = login(new FacesClient(ArquillianPortal.httpsUrl()), "once", once);
        Page second = login(new FacesClient(ArquillianPortal.httpsUrl()), "once", once);
        Page inTime = login(new FacesClient(ArquillianPortal.httpsUrl()), "hour", hour);
        MovableClock.set(ArquillianPortal.home(), Duration.ofHours(2));
        Page late = login(new FacesClient(ArquillianPortal.httpsUrl()), "hour", hour);

        assertThat(first.path()).isEqualTo("/password.xhtml");
        assertThat(second.body()).contains("This temporary access has used all of its 1 logins.");
        assertThat(inTime.path()).isEqualTo("/password.xhtml");
        assertThat(late.body()).contains("This temporary access has expired: it ended at " + until);
    }

    @Test
    @Order(8)
    @DisplayName("after the account's maximum age a password must be changed; after 90 days without login the user is disabled")
    void passwordAgeAndInactivity() throws Exception {
        Fixtures.update(db, "INSERT INTO account_policy (account_id, password_max_age_days) VALUES (?, 30)", alpha);
        Fixtures.user(db, alpha, "aging", PASSWORD, List.of());
        Fixtures.user(db, alpha, "idle", PASSWORD, List.of());

        MovableClock.set(ArquillianPortal.home(), Duration.ofDays(31));
        Page aged = login(new FacesClient(ArquillianPortal.httpsUrl()), "aging", PASSWORD);
        MovableClock.set(ArquillianPortal.home(), Duration.ofDays(91));
        Page idle = login(new FacesClient(ArquillianPortal.httpsUrl()), "idle", PASSWORD);
        MovableClock.set(ArquillianPortal.home(), Duration.ZERO);

        assertThat(aged.path()).isEqualTo("/password.xhtml");
        assertThat(aged.body()).contains("Your password is older than 30 days");
        assertThat(idle.body()).contains("This user is disabled.");
        assertThat(Fixtures.string(db, "SELECT status FROM app_user WHERE account_id = ? AND username = 'idle'", alpha)).isEqualTo("DISABLED");
        assertThat(Fixtures.string(db, "SELECT reason FROM audit_event WHERE account_id = ? AND action = 'user.disable.inactive' "
                + "AND target = 'user:idle'", alpha)).isEqualTo("no login for 90 days (account rule)");
    }

    @Test
    @Order(9)
    @DisplayName("an account that does not ask for reasons accepts a change without one; the default account still refuses it")
    void reasonRequirementIsTheAccounts() throws Exception {
        Fixtures.update(db, "INSERT INTO account_policy (account_id, reason_required) VALUES (?, FALSE)", beta);
        Answer noReasonBeta = as(BETA_TOKEN).post("/projects", "{\"name\":\"Quick\"}");
        Answer noReasonAlpha = as(ALPHA_TOKEN).post("/projects", "{\"name\":\"Quick\"}");

        assertThat(noReasonBeta.status()).isEqualTo(201);
        assertThat(noReasonAlpha.status()).isEqualTo(400);
        assertThat(noReasonAlpha.json().getJsonObject("errors").getString("reason")).contains("Please say why");
    }

    @Test
    @Order(10)
    @DisplayName("a device whose LAN grows from a /24 to a /23 gets a /23 virtual subnet of its account's pool, audited")
    void lanOfAnotherSize() throws Exception {
        ApiClient a = as(ALPHA_TOKEN);
        String before = Fixtures.string(db, "SELECT virtual_subnet FROM device WHERE id = ?", ids.get("device"));

        Answer changed = a.put("/devices/" + ids.get("device"), "{\"name\":\"Press 7\",\"lanSubnet\":\"192.168.0.0/23\","
                + "\"projectId\":" + ids.get("project") + ",\"reason\":\"second cell\"}");

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        String after = changed.json().getString("virtualSubnet");
        assertThat(after).endsWith("/23").isNotEqualTo(before);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM account_pool_block WHERE account_id = ? AND first_address <="
                + " INET_ATON(SUBSTRING_INDEX(?, '/', 1)) AND last_address >= INET_ATON(SUBSTRING_INDEX(?, '/', 1))", alpha, after, after))
                .as("inside alpha's pool").isOne();
        assertThat(Fixtures.string(db, "SELECT details FROM audit_event WHERE account_id = ? AND action = 'device.update'"
                + " AND reason = 'second cell'", alpha)).contains("\"virtualSubnet\":[\"" + before + "\",\"" + after + "\"]");
    }

    @Test
    @Order(11)
    @DisplayName("bulk profiles: one request makes the profiles and secrets of four devices as one ZIP that opens with the"
            + " passphrase and not without or with another; audited; bad input is a problem naming the field, nothing made")
    void bulkProfiles() throws Exception {
        // Arrange
        ApiClient a = as(ALPHA_TOKEN);
        String ids = Fixtures.string(db, "SELECT GROUP_CONCAT(id ORDER BY id) FROM device WHERE account_id = ?"
                + " AND (name = 'Press 7' OR name LIKE 'Mill %')", alpha);
        long betaDevice = Long.parseLong(as(BETA_TOKEN).post("/devices", "{\"name\":\"Beta press\",\"lanSubnet\":"
                + "\"192.168.0.0/24\",\"reason\":\"beta's own\"}").json().getJsonNumber("id").toString());
        long credentialsBefore = Fixtures.count(db, "SELECT COUNT(*) FROM vpn_credential");

        // Act
        ApiClient.Download shortPass = a.postForFile("/devices/profiles", "{\"deviceIds\":[" + ids + "],\"passphrase\":"
                + "\"too short\",\"reason\":\"commissioning\"}");
        ApiClient.Download foreign = a.postForFile("/devices/profiles", "{\"deviceIds\":[" + ids + "," + betaDevice + "],"
                + "\"passphrase\":\"Correct-Horse-Battery-9\",\"reason\":\"commissioning\"}");
        long credentialsAfterRefusals = Fixtures.count(db, "SELECT COUNT(*) FROM vpn_credential");
        ApiClient.Download made = a.postForFile("/devices/profiles", "{\"deviceIds\":[" + ids + "],\"passphrase\":"
                + "\"Correct-Horse-Battery-9\",\"reason\":\"commissioning line 3\"}");

        // Assert: refusals name the field and make nothing
        assertThat(shortPass.status()).isEqualTo(400);
        assertThat(new String(shortPass.bytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"passphrase\"", "at least 12");
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(new String(foreign.bytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"deviceIds\"",
                "1 of the devices do not exist (e.g. " + betaDevice + ")");
        assertThat(credentialsAfterRefusals).isEqualTo(credentialsBefore);
        // the archive: four profiles and the secrets, readable with the passphrase only
        assertThat(made.status()).isEqualTo(200);
        assertThat(made.contentType()).isEqualTo("application/zip");
        java.nio.file.Path zip = Files.createTempFile("bulk-profiles-", ".zip");
        Files.write(zip, made.bytes());
        try (net.lingala.zip4j.ZipFile archive = new net.lingala.zip4j.ZipFile(zip.toFile(), "Correct-Horse-Battery-9".toCharArray())) {
            List<net.lingala.zip4j.model.FileHeader> files = archive.getFileHeaders();
            assertThat(files).extracting(net.lingala.zip4j.model.FileHeader::getFileName)
                    .containsExactlyInAnyOrder("Press-7.ovpn", "Mill-1.ovpn", "Mill-2.ovpn", "Mill-3.ovpn", "secrets.csv");
            assertThat(files).allMatch(net.lingala.zip4j.model.FileHeader::isEncrypted)
                    .allMatch(f -> f.getEncryptionMethod() == net.lingala.zip4j.model.enums.EncryptionMethod.AES
                            && f.getAesExtraDataRecord().getAesKeyStrength() == net.lingala.zip4j.model.enums.AesKeyStrength.KEY_STRENGTH_256);
            String secrets = new String(archive.getInputStream(archive.getFileHeader("secrets.csv")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(secrets.lines()).hasSize(5).first().isEqualTo("device,serial_number,identity,secret,profile");
            assertThat(secrets).contains("Press 7,", "Mill 3,", ",Mill-3.ovpn");
            String profile = new String(archive.getInputStream(archive.getFileHeader("Press-7.ovpn")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(profile).contains("client", "<cert>", "<key>", "<tls-crypt>");
        }
        try (net.lingala.zip4j.ZipFile noPassphrase = new net.lingala.zip4j.ZipFile(zip.toFile());
             net.lingala.zip4j.ZipFile wrong = new net.lingala.zip4j.ZipFile(zip.toFile(), "Correct-Horse-Battery-8".toCharArray())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> noPassphrase.getInputStream(noPassphrase.getFileHeader("secrets.csv")).readAllBytes())
                    .isInstanceOf(net.lingala.zip4j.exception.ZipException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> wrong.getInputStream(wrong.getFileHeader("secrets.csv")).readAllBytes())
                    .isInstanceOf(net.lingala.zip4j.exception.ZipException.class).hasMessageContaining("Wrong Password");
        }
        Files.delete(zip);
        assertThat(Fixtures.string(db, "SELECT CONCAT(COUNT(*), ' ', MIN(reason)) FROM audit_event WHERE account_id = ?"
                + " AND action = 'vpn.device-profiles-bulk'", alpha)).isEqualTo("1 commissioning line 3");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE account_id = ? AND action LIKE 'vpn.device-profile%'"
                + " AND action <> 'vpn.device-profiles-bulk' AND reason = 'commissioning line 3'", alpha)).isEqualTo(4);
        assertThat(new String(made.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).as("nothing in clear")
                .doesNotContain("BEGIN CERTIFICATE", "device,serial_number");
    }

    @Test
    @Order(12)
    @DisplayName("20,000 devices with /24 LANs and 5 components each go into one new account in one request: each gets a"
            + " virtual subnet of its own, the pool grows by itself (audited: pool full) into 10.0.0.0/9 once 100.64.0.0/10"
            + " is used up, and no block overlaps another account's, not even one that grows at the same time")
    void twentyThousandDevicesInOneNewAccount() throws Exception {
        // Arrange: a new account, made by a system administrator with the default pool (one /16: 256 device /24s)
        long operator = Fixtures.account(db, "operator-adm");
        long root = Fixtures.user(db, operator, "root", PASSWORD, List.of());
        Fixtures.makeSystemAdmin(db, root);
        Fixtures.apiToken(db, operator, root, SYSTEM_ADMIN_TOKEN);
        Answer made = as(SYSTEM_ADMIN_TOKEN).post("/accounts", "{\"name\":\"fleet-adm\",\"reason\":\"20,000 machines\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        long fleet = made.json().getJsonObject("account").getJsonNumber("id").longValue();
        Fixtures.apiToken(db, fleet, Fixtures.user(db, fleet, "importer", PASSWORD, io.keyswitch.platform.Rights.ALL), FLEET_TOKEN);
        String csv = devices("Machine", 20_000, 5);
        String betaCsv = devices("Beta machine", 300, 1); // beta's one /16 holds 256 of them: it grows too, meanwhile

        // Act
        Answer check = as(FLEET_TOKEN).postCsv("/devices/import?dryRun=true", csv);
        long blocksAfterCheck = Fixtures.count(db, "SELECT COUNT(*) FROM account_pool_block WHERE account_id = ?", fleet);
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.Future<Answer> betaImport = other.submit(
                () -> as(BETA_TOKEN).postCsv("/devices/import?reason=beta%20plant", betaCsv));
        long started = System.nanoTime();
        Answer stored = as(FLEET_TOKEN).postCsv("/devices/import?reason=20%2C000%20machines", csv);
        double seconds = (System.nanoTime() - started) / 1e9;
        Answer betaStored = betaImport.get(5, java.util.concurrent.TimeUnit.MINUTES);
        other.shutdown();
        System.out.printf("Imported 20,000 devices with 100,000 components in one request in %.1f s%n", seconds);

        // Assert: the check planned the growth and stored nothing
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(check.json().getInt("devices")).isEqualTo(20_000);
        assertThat(check.json().getJsonArray("problems")).isEmpty();
        assertThat(blocksAfterCheck).isOne();
        // every device stored, each with its own virtual subnet inside one of the account's blocks
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM device WHERE account_id = ?", fleet)).isEqualTo(20_000);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM component c JOIN device d ON d.id = c.device_id"
                + " WHERE d.account_id = ?", fleet)).isEqualTo(100_000);
        assertThat(Fixtures.count(db, "SELECT COUNT(DISTINCT virtual_subnet) FROM device WHERE account_id = ?", fleet))
                .isEqualTo(20_000);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM device d WHERE d.account_id = ? AND NOT EXISTS (SELECT 1 FROM"
                + " account_pool_block b WHERE b.account_id = d.account_id AND INET_ATON(SUBSTRING_INDEX(d.virtual_subnet, '/', 1))"
                + " BETWEEN b.first_address AND b.last_address)", fleet)).as("devices outside the account's blocks").isZero();
        // the pool grew from one /16 to 79 (20,000 / 256), 100.64.0.0/10 first, then 10.0.0.0/9, never the tunnel pool
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM account_pool_block WHERE account_id = ?", fleet)).isEqualTo(79);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM account_pool_block WHERE account_id = ? AND grown", fleet))
                .isEqualTo(78);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM account_pool_block WHERE account_id = ?"
                + " AND first_address >= INET_ATON('10.0.0.0') AND last_address <= INET_ATON('10.127.255.255')", fleet))
                .as("blocks from the second range").isPositive();
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM account_pool_block WHERE account_id = ?"
                + " AND last_address >= INET_ATON('10.128.0.0') AND first_address <= INET_ATON('10.255.255.255')", fleet)).isZero();
        assertThat(Fixtures.string(db, "SELECT CONCAT(COUNT(*), ' ', MIN(actor), ' ', MIN(reason), ' ', MAX(reason))"
                + " FROM audit_event WHERE account_id = ? AND action = 'account.pool-grown'", fleet))
                .isEqualTo("78 system pool full pool full");
        assertThat(Fixtures.string(db, "SELECT details FROM audit_event WHERE account_id = ? AND action = 'account.pool-grown'"
                + " ORDER BY id LIMIT 1", fleet)).matches("\\{\"block\":\\[null,\"[0-9.]+/16\"],\"blocks\":\\[\"1\",\"2\"]}");
        jakarta.json.JsonObject shown = as(SYSTEM_ADMIN_TOKEN).get("/accounts/" + fleet).json();
        assertThat(shown.getJsonArray("poolBlocks")).hasSize(79);
        assertThat(shown.getJsonArray("poolBlocks").stream().filter(b -> b.asJsonObject().getBoolean("grown")).count())
                .isEqualTo(78);
        assertThat(as(FLEET_TOKEN).get("/audit/verify").json().getBoolean("intact")).isTrue();
        // beta grew at the same time; no block of either overlaps another account's
        assertThat(betaStored.status()).as(betaStored.body()).isEqualTo(201);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM account_pool_block WHERE account_id = ? AND grown", beta)).isOne();
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM account_pool_block a JOIN account_pool_block b"
                + " ON a.account_id <> b.account_id AND a.first_address <= b.last_address AND b.first_address <= a.last_address"
                + " WHERE a.account_id IN (?, ?)", fleet, beta)).as("blocks shared with another account").isZero();
    }

    /** An import file: {@code count} devices named {@code prefix n}, each with the LAN 192.168.0.0/24 and {@code components} components. */
    @Test
    @Order(13)
    @DisplayName("IEC 62443 page's API: 51 SRs with the docs' text; an account's auditor gets their account's evidence with the"
            + " fixtures' numbers (2 of 3 users enrolled: 67 %) and nothing of others; a system administrator every account;"
            + " a technician 403; the scheduled chain check's result shows")
    void iec62443Evidence() throws Exception {
        // Arrange: an account of its own, so that its numbers are exactly the fixtures'
        long gamma = Fixtures.account(db, "gamma-iec");
        List<String> all = io.keyswitch.platform.Rights.ALL;
        long adm = Fixtures.user(db, gamma, "adm", PASSWORD, all);
        long auditor = Fixtures.user(db, gamma, "auditor", PASSWORD, List.of("audit:view"));
        long tech = Fixtures.user(db, gamma, "tech", PASSWORD, List.of("device:connect"));
        long gone = Fixtures.user(db, gamma, "gone", PASSWORD, List.of());
        Fixtures.update(db, "UPDATE app_user SET status = 'DISABLED' WHERE id = ?", gone);
        for (long enrolled : new long[] {adm, auditor, gone}) { // gone is disabled: not counted
            Fixtures.update(db, "INSERT INTO totp_enrolment (user_id, secret_enc, key_id, enrolled_at) VALUES (?, ?, 'it', NOW(3))",
                    enrolled, new byte[] {1, 2, 3});
        }
        Fixtures.update(db, "UPDATE user_group SET second_factor_required = TRUE WHERE account_id = ? AND name = 'group of tech'", gamma);
        Fixtures.update(db, "INSERT INTO account_policy (account_id, password_min_length) VALUES (?, 14)", gamma);
        String admToken = "ks_" + "M".repeat(16) + "gammaIecAdminTok";
        String auditorToken = "ks_" + "N".repeat(16) + "gammaIecAuditorT";
        String techToken = "ks_" + "P".repeat(16) + "gammaIecTechnici";
        String rootToken = "ks_" + "Q".repeat(16) + "operatorIecRootT";
        Fixtures.apiToken(db, gamma, adm, admToken);
        Fixtures.apiToken(db, gamma, auditor, auditorToken);
        Fixtures.apiToken(db, gamma, tech, techToken);
        long operator = Fixtures.account(db, "operator-iec");
        long root = Fixtures.user(db, operator, "root", PASSWORD, List.of());
        Fixtures.makeSystemAdmin(db, root);
        Fixtures.apiToken(db, operator, root, rootToken);
        // one audited change: gamma's chain begins, and the scheduled check (every 10 s in the tests) walks it
        id(as(admToken).post("/projects", "{\"name\":\"Line 1\",\"reason\":\"first line\"}"));

        // Act
        Answer mine = as(auditorToken).get("/compliance/iec62443");
        Instant deadline = Instant.now().plusSeconds(40);
        while (!evidence(mine, "3.9").get(0).contains("intact") && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            mine = as(auditorToken).get("/compliance/iec62443");
        }
        Answer technician = as(techToken).get("/compliance/iec62443");
        Answer appliance = as(rootToken).get("/compliance/iec62443");
        long started = System.nanoTime();
        Answer again = as(rootToken).get("/compliance/iec62443");
        System.out.printf("IEC 62443 report for the appliance (%d accounts, %d devices, %d audit events): %d ms%n",
                Fixtures.count(db, "SELECT COUNT(*) FROM account"), Fixtures.count(db, "SELECT COUNT(*) FROM device"),
                Fixtures.count(db, "SELECT COUNT(*) FROM audit_event"), (System.nanoTime() - started) / 1_000_000);

        // Assert: the mapping's 51 rows, with the docs' statuses and text
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        jakarta.json.JsonArray rows = mine.json().getJsonArray("requirements");
        assertThat(rows).hasSize(51);
        assertThat(rows.getJsonObject(0).getString("id")).isEqualTo("1.1");
        assertThat(rows.getJsonObject(50).getString("id")).isEqualTo("7.8");
        assertThat(rows.getValuesAs(jakarta.json.JsonObject.class)).extracting(r -> r.getString("status"))
                .containsOnly("implemented", "partly", "planned", "operator");
        assertThat(mine.json().getJsonArray("operatorDuties").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).contains("1.6", "2.2", "7.5");
        // the auditor's account, with the fixtures' numbers
        assertThat(mine.json().getString("scope")).isEqualTo("account");
        assertThat(mine.json().getJsonNumber("accountId").longValue()).isEqualTo(gamma);
        assertThat(evidence(mine, "1.1")).containsExactly("authenticator app enrolled by 67 % (2 of 3) of active users;"
                + " second factor required of the members of 1 of 4 groups (not by the account)");
        assertThat(evidence(mine, "1.3")).containsExactly("3 active users, 1 disabled; a user without login for 90 days is disabled");
        assertThat(evidence(mine, "1.7")).containsExactly("passwords of at least 14 characters with a lower-case letter,"
                + " an upper-case letter, a digit; no part that is the user name; the last 5 not reused; no maximum age");
        assertThat(evidence(mine, "1.11")).singleElement().asString().startsWith("login jail: ")
                .endsWith("; 0 failed logins in this account in the last 30 days");
        String today = java.time.format.DateTimeFormatter.ofPattern("MM-dd").format(java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        assertThat(evidence(mine, "2.8")).singleElement().asString()
                .startsWith("audit events per day (UTC), last 7 days: " + today + " 1 · ").endsWith("(total 1)");
        assertThat(evidence(mine, "3.9")).singleElement().asString().startsWith("audit chain verified ")
                .contains("checked every 10 s").endsWith("intact, 1 event");
        assertThat(evidence(mine, "4.1")).containsExactly("HTTPS accepts TLSv1.3, TLSv1.2 only");
        assertThat(evidence(mine, "7.8")).containsExactly(
                "inventory: 0 devices with 0 components (address and allowed services each) in 1 project");
        assertThat(evidence(mine, "7.3")).singleElement().asString().startsWith("no backup function in the appliance");
        assertThat(mine.json().getJsonArray("problems")).isEmpty();
        assertThat(mine.body()).doesNotContain("alpha-adm", "fleet-adm", "operator-iec");
        // each run of the check is audited in the appliance's trail and remembered per chain
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE action = 'audit.verify' AND account_id IS NULL"))
                .isPositive();
        assertThat(Fixtures.count(db, "SELECT events_checked FROM audit_verification WHERE chain_key = ?", gamma)).isOne();
        // a technician: 403 as a problem
        assertThat(technician.status()).as(technician.body()).isEqualTo(403);
        assertThat(technician.contentType()).startsWith("application/problem+json");
        // a system administrator: the appliance, every account by name
        assertThat(appliance.status()).as(appliance.body()).isEqualTo(200);
        assertThat(appliance.json().getString("scope")).isEqualTo("appliance");
        assertThat(evidence(appliance, "1.7")).anyMatch(e -> e.startsWith("gamma-iec: passwords of at least 14 characters"))
                .anyMatch(e -> e.startsWith("alpha-adm: passwords of at least 12 characters"));
        assertThat(evidence(appliance, "1.1")).singleElement().asString().contains(" of active users; second factor required in ");
        assertThat(evidence(appliance, "3.9")).singleElement().asString().startsWith("audit chains verified ").contains(" intact");
        assertThat(evidence(appliance, "2.9")).anyMatch(e -> e.startsWith("audit trail: ") && e.contains(" on disk, about "));
        assertThat(evidence(appliance, "7.8")).singleElement().asString().startsWith("inventory: ");
        assertThat(again.status()).isEqualTo(200);
    }

    @Test
    @Order(14)
    @DisplayName("IEC 62443 PDF for the auditor: title, who made it, the account as scope, every SR under its FR with status and"
            + " the account's live figures (1 of 2 users enrolled: 50 %; 15-character passwords), the operator's duties;"
            + " the appliance for a system administrator; a technician 403 as a problem, not a broken PDF")
    void iec62443Pdf() throws Exception {
        // Arrange: an account of its own, so that its figures are exactly the fixtures'
        long delta = Fixtures.account(db, "delta-iec");
        long adm = Fixtures.user(db, delta, "adm", PASSWORD, io.keyswitch.platform.Rights.ALL);
        long tech = Fixtures.user(db, delta, "tech", PASSWORD, List.of("device:connect"));
        Fixtures.update(db, "INSERT INTO totp_enrolment (user_id, secret_enc, key_id, enrolled_at) VALUES (?, ?, 'it', NOW(3))",
                adm, new byte[] {1, 2, 3});
        Fixtures.update(db, "INSERT INTO account_policy (account_id, password_min_length) VALUES (?, 15)", delta);
        String admToken = "ks_" + "R".repeat(16) + "deltaIecAdminTok";
        String techToken = "ks_" + "S".repeat(16) + "deltaIecTechnici";
        String rootToken = "ks_" + "T".repeat(16) + "operatorPdfRootT";
        Fixtures.apiToken(db, delta, adm, admToken);
        Fixtures.apiToken(db, delta, tech, techToken);
        long operator = Fixtures.account(db, "operator-pdf");
        long root = Fixtures.user(db, operator, "root", PASSWORD, List.of());
        Fixtures.makeSystemAdmin(db, root);
        Fixtures.apiToken(db, operator, root, rootToken);

        // Act
        ApiClient.Download mine = as(admToken).getForFile("/compliance/iec62443/pdf", "application/pdf");
        ApiClient.Download technician = as(techToken).getForFile("/compliance/iec62443/pdf", "application/pdf");
        ApiClient.Download appliance = as(rootToken).getForFile("/compliance/iec62443/pdf", "application/pdf");

        // Assert: the account administrator's PDF, read back as text
        assertThat(mine.status()).as(new String(mine.bytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(mine.contentType()).isEqualTo("application/pdf");
        String text = pdfText(mine.bytes());
        assertThat(text).contains("IEC 62443-3-3: system requirements and live evidence", "by delta-iec/adm",
                "Scope the account delta-iec (#" + delta + ") only", "Measured ");
        for (int fr = 1; fr <= 7; fr++) {
            assertThat(text).contains("FR " + fr + " ");
        }
        assertThat(text).contains("FR 1 Identification and authentication control", "FR 7 Resource availability",
                "1.1 Human user identification", "3.9 Protection of audit information", "7.8 Control system component");
        // live figures of this account, and the chain's evidence under SR 3.9
        assertThat(text).contains("50 % (1 of 2)", "at least 15 characters");
        assertThat(text).doesNotContain("gamma-iec", "alpha-adm");
        // the operator's duties, with their words from the mapping
        assertThat(text).contains("The operator's duties (outside the appliance)", "7.5 Emergency power",
                "The hypervisor's and the plant's.");
        assertThat(text).contains("Page 1 of ");
        // a technician: 403 as problem+json
        assertThat(technician.status()).isEqualTo(403);
        assertThat(technician.contentType()).startsWith("application/problem+json");
        // a system administrator: the appliance, every account
        assertThat(appliance.status()).isEqualTo(200);
        String applianceText = pdfText(appliance.bytes());
        assertThat(applianceText).contains("Scope the appliance and every account", "by operator-pdf/root", "delta-iec:");
    }

    /** The text of every page of a PDF, its white space as single spaces. */
    private static String pdfText(byte[] pdf) throws Exception {
        com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(pdf);
        com.lowagie.text.pdf.parser.PdfTextExtractor extractor = new com.lowagie.text.pdf.parser.PdfTextExtractor(reader);
        StringBuilder all = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            all.append(extractor.getTextFromPage(page)).append(' ');
        }
        return all.toString().replaceAll("\\s+", " ");
    }

    /** The evidence of one SR in a report answer. */
    private static List<String> evidence(Answer report, String sr) {
        return report.json().getJsonArray("requirements").getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(r -> r.getString("id").equals(sr)).findFirst().orElseThrow()
                .getJsonArray("evidence").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    private static String devices(String prefix, int count, int components) {
        StringBuilder csv = new StringBuilder(8 << 20).append("device,lan_subnet,component,component_ip,services\n");
        for (int i = 1; i <= count; i++) {
            for (int c = 1; c <= components; c++) {
                csv.append(prefix).append(' ').append(i).append(",192.168.0.0/24,C").append(c).append(",192.168.0.")
                        .append(10 + c).append(",tcp/102\n");
            }
        }
        return csv.toString();
    }

    private static Page login(FacesClient browser, String user, String password) {
        return browser.submit(browser.get("/login.xhtml"), "loginForm",
                Map.of("account", ALPHA, "username", user, "password", password), "login");
    }

    private static Page change(FacesClient browser, String current, String proposed) {
        return browser.submit(browser.get("/password.xhtml"), "passwordForm",
                Map.of("current", current, "proposed", proposed, "confirmation", proposed), "change");
    }
}
