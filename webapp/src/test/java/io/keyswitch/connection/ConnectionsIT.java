package io.keyswitch.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.MovableClock;
import io.keyswitch.testing.TestDirs;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * Technician connections through the API of the running portal, where no technician has a VPN tunnel and no firewall
 * helper runs (the container tier): a Connect is checked (right, grant, reason, order number, limits of the device,
 * the technician, the account and the appliance), recorded and waits for the VPN; a Disconnect and an administrator's
 * End close it with their reason; a waiting connection closes by itself when its grant, the right, the technician,
 * the device or the temporary access goes; the lists are scoped to the account and, without connection:view, to the
 * technician's own; everything is audited. The data path itself (rules, flows) is the system tier's
 * ({@code TechnicianConnectionSystemIT}). The deployment carries {@link MovableClock}; the portal runs with
 * {@code keyswitch.connections.max=6} (ArquillianPortal).
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Technician connections: Connect, limits, Disconnect, End, conditions and lists (API)")
class ConnectionsIT {

    private static final String PASSWORD = "Connections-IT-2026";
    private static final String ADMIN = "ks_" + "G".repeat(16) + "connAlphaAdmin01";
    private static final String TECH = "ks_" + "H".repeat(16) + "connAlphaTech001";
    private static final String TECH2 = "ks_" + "I".repeat(16) + "connAlphaTech002";
    private static final String NO_RIGHT = "ks_" + "J".repeat(16) + "connAlphaViewer1";
    private static final String OTHER = "ks_" + "K".repeat(16) + "connBetaAdmin001";

    private static DatabaseCoordinates db;
    private static long alpha;
    private static long beta;
    private static long press;
    private static long pressPlc;
    private static long mill;
    private static long betaDevice;
    private static long techId;
    private static long techGroup;

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war").importFrom(TestDirs.war().toFile()).as(WebArchive.class)
                .addClass(MovableClock.class).addClass(MovableClock.class.getName() + "$Offset");
    }

    @BeforeAll
    static void arrange() throws Exception {
        db = ArquillianPortal.database();
        alpha = Fixtures.account(db, "alpha-conn");
        beta = Fixtures.account(db, "beta-conn");
        List<String> admin = List.of("device:view", "device:edit", "component:edit", "user:manage", "group:manage",
                "connection:view", "connection:end", "audit:view");
        Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "admin", PASSWORD, admin), ADMIN);
        Fixtures.apiToken(db, beta, Fixtures.user(db, beta, "admin", PASSWORD, admin), OTHER);
        techId = Fixtures.user(db, alpha, "tech", PASSWORD, List.of("device:connect"));
        techGroup = Long.parseLong(Fixtures.string(db, "SELECT group_id FROM group_membership WHERE user_id = ?", techId));
        Fixtures.apiToken(db, alpha, techId, TECH);
        long tech2 = Fixtures.user(db, alpha, "tech2", PASSWORD, List.of("device:connect"));
        Fixtures.apiToken(db, alpha, tech2, TECH2);
        Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "viewer", PASSWORD, List.of("device:view")), NO_RIGHT);

        String pool = Fixtures.firstVirtualSubnet(db, alpha);
        press = Fixtures.device(db, alpha, "Press 1", "192.168.0.0/24", pool);
        pressPlc = Fixtures.component(db, alpha, press, "PLC", "192.168.0.10", "tcp/102");
        Fixtures.component(db, alpha, press, "HMI", "192.168.0.20", "tcp/80, tcp/443");
        mill = Fixtures.device(db, alpha, "Mill 2", "192.168.0.0/24", pool.replace(".0.0/24", ".1.0/24"));
        Fixtures.component(db, alpha, mill, "PLC", "192.168.0.10", "tcp/102");
        betaDevice = Fixtures.device(db, beta, "Beta press", "192.168.0.0/24", Fixtures.firstVirtualSubnet(db, beta));
        Fixtures.component(db, beta, betaDevice, "PLC", "192.168.0.10", "tcp/102");
        grant(techId, "component_id", pressPlc);
        grant(techId, "device_id", mill);
        grant(tech2, "device_id", press);
    }

    @AfterAll
    static void realTimeAgain() throws Exception {
        Files.deleteIfExists(ArquillianPortal.home().resolve("test-clock-offset"));
    }

    @Test
    @Order(1)
    @DisplayName("a technician's machines are the devices their grants reach, with only the granted components at their"
            + " virtual addresses")
    void myMachines() {
        // Act
        Answer machines = as(TECH).get("/machines");

        // Assert
        assertThat(machines.status()).as(machines.body()).isEqualTo(200);
        assertThat(machines.json().getInt("total")).isEqualTo(2);
        JsonObject first = machines.json().getJsonArray("items").getJsonObject(1);
        assertThat(first.getString("name")).isEqualTo("Press 1");
        assertThat(first.getJsonArray("components")).hasSize(1);
        JsonObject plc = first.getJsonArray("components").getJsonObject(0);
        assertThat(plc.getString("name")).isEqualTo("PLC");
        assertThat(plc.getString("realAddress")).isEqualTo("192.168.0.10");
        assertThat(plc.getString("virtualAddress")).endsWith(".10").doesNotStartWith("192.168.");
        assertThat(plc.getString("services")).isEqualTo("tcp/102");
        assertThat(as(TECH).get("/machines?filter=mill").json().getInt("total")).isOne();
        assertThat(as(NO_RIGHT).get("/machines").status()).isEqualTo(403);
    }

    @Test
    @Order(2)
    @DisplayName("Connect without a VPN tunnel: recorded as waiting for the VPN, with its reason, order number and audit event")
    void connectWaitsForTheVpn() throws Exception {
        // Act
        Answer made = as(TECH).post("/connections",
                "{\"deviceId\":" + press + ",\"reason\":\"PLC program update\",\"orderNumber\":\"SO-4711\"}");

        // Assert
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        JsonObject c = made.json();
        assertThat(c.getString("state")).isEqualTo("WAITING");
        assertThat(c.getString("waitingFor")).isEqualTo("waiting for your VPN");
        assertThat(c.getString("user")).isEqualTo("tech");
        assertThat(c.getString("device")).isEqualTo("Press 1");
        assertThat(c.getString("reason")).isEqualTo("PLC program update");
        assertThat(c.getString("orderNumber")).isEqualTo("SO-4711");
        assertThat(c.getJsonArray("components")).as("nothing opened yet").isEmpty();
        long id = c.getJsonNumber("id").longValue();
        assertThat(Fixtures.string(db, "SELECT reason FROM audit_event WHERE action = 'connection.request' AND target = ?",
                "connection:" + id)).isEqualTo("PLC program update");
        assertThat(as(TECH).get("/machines?filter=press").json().getJsonArray("items").getJsonObject(0)
                .getString("connectionState")).isEqualTo("WAITING");
        assertThat(liveCount(ADMIN)).as("the administrator sees it").isOne();
        JsonObject listed = as(ADMIN).get("/connections").json().getJsonArray("items").getJsonObject(0);
        assertThat(listed.getString("reason", null)).as("the list shows the reason: " + listed).isEqualTo("PLC program update");
        assertThat(listed.getString("orderNumber", null)).isEqualTo("SO-4711");
        assertThat(liveCount(OTHER)).as("another account sees nothing").isZero();
        assertThat(as(OTHER).get("/connections/" + id).status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    @DisplayName("Connect is refused with a clear reason: no reason, an overlong order number, no grant, no right, another"
            + " account's device, twice to one device, more devices than the account allows, more technicians on a device")
    void connectRefusals() throws Exception {
        assertProblem(as(TECH).post("/connections", "{\"deviceId\":" + mill + "}"), 400, "reason", "Please say why");
        assertProblem(as(TECH).post("/connections", "{\"deviceId\":" + mill + ",\"reason\":\"maintenance\",\"orderNumber\":\""
                + "9".repeat(65) + "\"}"), 400, "orderNumber", "at most 64");
        assertProblem(as(TECH).post("/connections", "{\"reason\":\"no device\"}"), 400, "deviceId", "Name the device");
        Answer foreign = as(TECH).post("/connections", "{\"deviceId\":" + betaDevice + ",\"reason\":\"curious\"}");
        Answer missing = as(TECH).post("/connections", "{\"deviceId\":999999999,\"reason\":\"curious\"}");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).as("another account's device reads exactly like a missing one").isEqualTo(missing.body());
        Answer noGrant = as(TECH2).post("/connections", "{\"deviceId\":" + mill + ",\"reason\":\"maintenance\"}");
        assertThat(noGrant.status()).as(noGrant.body()).isEqualTo(403);
        assertThat(noGrant.json().getString("detail")).contains("no grant");
        assertThat(as(NO_RIGHT).post("/connections", "{\"deviceId\":" + press + ",\"reason\":\"look\"}").status()).isEqualTo(403);
        assertProblem(as(TECH).post("/connections", "{\"deviceId\":" + press + ",\"reason\":\"again\"}"), 400, "deviceId",
                "connected to Press 1 already");
        assertProblem(as(TECH).post("/connections", "{\"deviceId\":" + mill + ",\"reason\":\"second machine\"}"), 400,
                "deviceId", "the account allows 1 at a time");
        assertProblem(as(TECH2).post("/connections", "{\"deviceId\":" + press + ",\"reason\":\"me too\"}"), 400,
                "deviceId", "1 technician(s) connected to Press 1 already");
        assertThat(liveCount(ADMIN)).as("nothing was stored by a refused Connect").isOne();

        // the account allows two technicians on a device and no reason: tech2 connects without one
        Fixtures.update(db, "INSERT INTO account_policy (account_id, connections_per_device, connection_reason_required)"
                + " VALUES (?, 2, FALSE)", alpha);
        Answer profile = as(TECH2).post("/vpn/technician-profile", "{\"reason\":\"laptop\"}");
        assertThat(profile.status()).as("an account with rules of its own still gives profiles: " + profile.body())
                .isEqualTo(200);
        Answer second = as(TECH2).post("/connections", "{\"deviceId\":" + press + "}");
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.json().containsKey("reason")).as("no reason given, none recorded").isFalse();
        assertThat(liveCount(ADMIN)).isEqualTo(2);
    }

    @Test
    @Order(4)
    @DisplayName("Disconnect ends one's own connection (another's is not even there for a technician); an administrator's"
            + " End needs the right and a reason, and says who ended it and why; both are audited")
    void disconnectAndEnd() throws Exception {
        long mine = liveId(TECH);
        long theirs = liveId(TECH2);

        assertThat(as(TECH).post("/connections/" + theirs + "/disconnect", "{}").status())
                .as("another technician's connection is not there for them").isEqualTo(404);
        assertThat(as(TECH).post("/connections/" + theirs + "/end", "{\"reason\":\"mine now\"}").status())
                .as("End needs connection:end").isEqualTo(403);
        assertProblem(as(ADMIN).post("/connections/" + theirs + "/end", "{}"), 400, "reason", "Please say why");

        Answer disconnected = as(TECH).post("/connections/" + mine + "/disconnect", "{}");
        Answer ended = as(ADMIN).post("/connections/" + theirs + "/end", "{\"reason\":\"machine in production\"}");

        assertThat(disconnected.status()).as(disconnected.body()).isEqualTo(200);
        assertThat(disconnected.json().getString("state")).isEqualTo("CLOSED");
        assertThat(disconnected.json().getString("closeCause")).isEqualTo("DISCONNECTED");
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        assertThat(ended.json().getString("closeCause")).isEqualTo("ENDED");
        assertThat(ended.json().getString("closeReason")).isEqualTo("machine in production");
        assertThat(ended.json().getString("closedBy")).startsWith("alpha-conn/admin");
        assertThat(liveCount(ADMIN)).isZero();
        assertThat(Fixtures.string(db, "SELECT reason FROM audit_event WHERE action = 'connection.close' AND target = ?",
                "connection:" + theirs)).isEqualTo("machine in production");
        assertThat(Fixtures.string(db, "SELECT reason FROM audit_event WHERE action = 'connection.close' AND target = ?",
                "connection:" + mine)).isEqualTo("disconnected by the technician");
        assertProblem(as(TECH).post("/connections/" + mine + "/disconnect", "{}"), 400, "id", "ended already");
    }

    @Test
    @Order(5)
    @DisplayName("a waiting connection closes by itself within seconds when its grant, the right, the technician, the"
            + " device or the account goes, each with its cause")
    void conditionsCloseIt() throws Exception {
        // the grant goes (an administrator withdraws it through the API)
        long byGrant = connect(TECH, press);
        long grant = Long.parseLong(Fixtures.string(db, "SELECT id FROM access_grant WHERE user_id = ? AND component_id = ?",
                techId, pressPlc));
        assertThat(as(ADMIN).delete("/grants/" + grant + "?reason=project%20finished").status()).isEqualTo(204);
        assertThat(awaitClosed(TECH, byGrant).getString("closeCause")).isEqualTo("GRANT_REMOVED");

        // the right device:connect is withdrawn from the technician's group
        long byRight = connect(TECH, mill);
        Fixtures.update(db, "DELETE FROM group_right WHERE group_id = ? AND permission = 'device:connect'", techGroup);
        assertThat(awaitClosed(ADMIN, byRight).getString("closeCause")).isEqualTo("RIGHT_WITHDRAWN");
        Fixtures.update(db, "INSERT INTO group_right (group_id, permission) VALUES (?, 'device:connect')", techGroup);

        // the device is disabled (through the API, with a reason)
        long byDevice = connect(TECH, mill);
        Answer disabled = as(ADMIN).put("/devices/" + mill, "{\"name\":\"Mill 2\",\"lanSubnet\":\"192.168.0.0/24\","
                + "\"active\":false,\"reason\":\"machine scrapped\"}");
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().getString("status")).isEqualTo("DISABLED");
        assertThat(awaitClosed(ADMIN, byDevice).getString("closeCause")).isEqualTo("DEVICE_DISABLED");
        assertProblem(as(TECH).post("/connections", "{\"deviceId\":" + mill + ",\"reason\":\"again\"}"), 400, "deviceId",
                "is disabled");
        as(ADMIN).put("/devices/" + mill, "{\"name\":\"Mill 2\",\"lanSubnet\":\"192.168.0.0/24\",\"active\":true,"
                + "\"reason\":\"back in use\"}");

        // the technician is disabled
        long byUser = connect(TECH, mill);
        Fixtures.update(db, "UPDATE app_user SET status = 'DISABLED' WHERE id = ?", techId);
        assertThat(awaitClosed(ADMIN, byUser).getString("closeCause")).isEqualTo("USER_DISABLED");
        Fixtures.update(db, "UPDATE app_user SET status = 'ACTIVE' WHERE id = ?", techId);

        // the account is disabled (its tokens stop working with it: the record is read in the database)
        long byAccount = connect(TECH, mill);
        Fixtures.update(db, "UPDATE account SET status = 'DISABLED' WHERE id = ?", alpha);
        try {
            long end = System.currentTimeMillis() + 10_000;
            while (!"CLOSED".equals(Fixtures.string(db, "SELECT state FROM connection WHERE id = ?", byAccount))
                    && System.currentTimeMillis() < end) {
                Thread.sleep(200);
            }
            assertThat(Fixtures.string(db, "SELECT close_cause FROM connection WHERE id = ?", byAccount))
                    .isEqualTo("ACCOUNT_DISABLED");
        } finally {
            Fixtures.update(db, "UPDATE account SET status = 'ACTIVE' WHERE id = ?", alpha);
        }
    }

    @Test
    @Order(6)
    @DisplayName("a temporary technician's connection closes when the access ends (clock moved past valid-until)")
    void temporaryAccessEnds() throws Exception {
        Fixtures.update(db, "UPDATE app_user SET valid_until = ? WHERE id = ?",
                java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusHours(1), techId);
        long id = connect(TECH, mill);

        MovableClock.set(ArquillianPortal.home(), Duration.ofHours(2));
        try {
            assertThat(awaitClosed(ADMIN, id).getString("closeCause")).isEqualTo("TEMPORARY_ACCESS_ENDED");
        } finally {
            MovableClock.set(ArquillianPortal.home(), Duration.ZERO);
            Fixtures.update(db, "UPDATE app_user SET valid_until = NULL WHERE id = ?", techId);
        }
    }

    @Test
    @Order(7)
    @DisplayName("no more than the appliance's limit are open at once (6 here), across accounts, with a clear message")
    void applianceLimit() throws Exception {
        for (int i = 0; i < 6; i++) {
            String token = "ks_" + "L".repeat(16) + "connLimitTech00" + i;
            long user = Fixtures.user(db, alpha, "limit" + i, PASSWORD, List.of("device:connect"));
            Fixtures.apiToken(db, alpha, user, token);
            long device = Fixtures.device(db, alpha, "Limit " + i, "192.168.0.0/24",
                    Fixtures.firstVirtualSubnet(db, alpha).replace(".0.0/24", "." + (10 + i) + ".0/24"));
            Fixtures.component(db, alpha, device, "PLC", "192.168.0.10", "tcp/102");
            grant(user, "device_id", device);
            Answer a = as(token).post("/connections", "{\"deviceId\":" + device + ",\"reason\":\"limit test\"}");
            assertThat(a.status()).as("connection " + (i + 1) + ": " + a.body()).isEqualTo(201);
        }
        Answer seventh = as(TECH).post("/connections", "{\"deviceId\":" + mill + ",\"reason\":\"one too many\"}");

        assertProblem(seventh, 400, "deviceId", "The appliance has 6 connections open at once");
    }

    @Test
    @Order(8)
    @DisplayName("the history: filtered by state, device, user, period and name, paged; technicians see their own only")
    void history() throws Exception {
        Answer closed = as(ADMIN).get("/connections?state=closed&size=2");
        Answer ofMill = as(ADMIN).get("/connections?state=all&deviceId=" + mill);
        Answer ofTech = as(ADMIN).get("/connections?state=all&userId=" + techId);
        Answer named = as(ADMIN).get("/connections?state=all&text=limit");
        Answer future = as(ADMIN).get("/connections?state=all&from=" + Instant.now().plusSeconds(3600));
        Answer own = as(TECH2).get("/connections?state=all");

        assertThat(closed.json().getInt("total")).isGreaterThanOrEqualTo(6);
        assertThat(closed.json().getJsonArray("items")).hasSize(2);
        assertThat(ofMill.json().getJsonArray("items").getValuesAs(JsonObject.class))
                .allMatch(c -> c.getString("device").equals("Mill 2")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(ofTech.json().getJsonArray("items").getValuesAs(JsonObject.class)).allMatch(c -> c.getString("user").equals("tech"));
        assertThat(named.json().getInt("total")).isEqualTo(6);
        assertThat(future.json().getInt("total")).isZero();
        assertThat(own.json().getJsonArray("items").getValuesAs(JsonObject.class)).hasSize(1)
                .allMatch(c -> c.getString("user").equals("tech2"));
        assertProblem(as(ADMIN).get("/connections?state=sideways"), 400, "state", "live, closed or all");
        assertProblem(as(ADMIN).get("/connections?from=yesterday"), 400, "from", "ISO-8601");
        assertThat(as(OTHER).get("/connections?state=all").json().getInt("total")).as("another account").isZero();
    }

    @Test
    @Order(9)
    @DisplayName("the device's router settings: a 1:1 NETMAP of its virtual subnet onto its LAN for four router families")
    void routerSettings() throws Exception {
        Answer settings = as(ADMIN).get("/devices/" + press + "/router-settings");
        String virtual = Fixtures.string(db, "SELECT virtual_subnet FROM device WHERE id = ?", press);

        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        assertThat(settings.array().getValuesAs(JsonObject.class)).extracting(f -> f.getString("id"))
                .containsExactly("nftables", "openwrt", "iptables", "routeros");
        assertThat(settings.array().getJsonObject(2).getString("text"))
                .contains("iptables -t nat -A PREROUTING -i tun+ -d " + virtual + " -j NETMAP --to 192.168.0.0/24");
        assertThat(settings.array().getJsonObject(3).getString("text"))
                .contains("dst-address=" + virtual + " action=netmap to-addresses=192.168.0.0/24");
        assertThat(as(OTHER).get("/devices/" + press + "/router-settings").status()).isEqualTo(404);
    }

    // ---- helpers ----

    private static ApiClient as(String token) {
        return new ApiClient(ArquillianPortal.httpsUrl() + "api/v1", token);
    }

    private static void grant(long userId, String column, long id) throws Exception {
        long account = Long.parseLong(Fixtures.string(db, "SELECT account_id FROM app_user WHERE id = ?", userId));
        Fixtures.update(db, "INSERT INTO access_grant (account_id, user_id, " + column + ", created_at)"
                + " VALUES (?, ?, ?, UTC_TIMESTAMP(3))", account, userId, id);
    }

    private static long connect(String token, long deviceId) {
        Answer a = as(token).post("/connections", "{\"deviceId\":" + deviceId + ",\"reason\":\"maintenance\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().getJsonNumber("id").longValue();
    }

    private static long liveCount(String token) {
        return as(token).get("/connections").json().getJsonNumber("total").longValue();
    }

    private static long liveId(String token) {
        return as(token).get("/connections").json().getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue();
    }

    /** The connection once it is closed (the portal checks live ones every 2 s), within 10 s. */
    private static JsonObject awaitClosed(String token, long id) throws InterruptedException {
        return await(token, id, c -> c.getString("state").equals("CLOSED"), 10_000);
    }

    private static JsonObject await(String token, long id, Predicate<JsonObject> condition, long millis)
            throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        JsonObject c;
        do {
            c = as(token).get("/connections/" + id).json();
            if (condition.test(c)) {
                return c;
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < end);
        throw new AssertionError("connection " + id + " did not get there within " + millis + " ms: " + c);
    }

    private static void assertProblem(Answer a, int status, String field, String text) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().getJsonObject("errors").getString(field)).as(a.body()).contains(text);
    }
}
