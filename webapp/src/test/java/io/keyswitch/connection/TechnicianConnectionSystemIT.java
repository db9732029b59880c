package io.keyswitch.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.security.totp.TotpSecret;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.SystemTier;
import io.keyswitch.testing.VpnLab;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * System tier, the product's main job end to end: the REAL portal runs its OpenVPN instances, the appliance's forward
 * ruleset is loaded and the firewall helper runs in the appliance namespace; two reference devices of one account,
 * both with the real LAN 192.168.0.0/24 and a PLC (.10) and an HMI (.20) that answer tcp/102, tcp/80, udp/47808 and
 * ping, dial in with their profiles and the router settings the portal shows for them (nftables on one, iptables on
 * the other); technicians dial in from their laptops with password and authenticator code. A technician granted only
 * the first device's PLC reaches exactly tcp/102 there; everything else stays closed; End cuts an open session; the
 * tunnel going down closes the connection; a portal killed with a connection open leaves nothing open after its
 * restart; a device that needs its key switch (reporting with the reference device's report loop, tunnel on demand)
 * takes connections only while it is on, and turning it off cuts them. Every check is real traffic through the tunnels and the appliance's forward path.
 */
@DisplayName("Technician connections on the data path: exactly the granted components, cut at once (system tier)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TechnicianConnectionSystemIT {

    private static final String ADMIN_A = "ks_" + "M".repeat(16) + "tcAlphaAdmin0001";
    private static final String ADMIN_B = "ks_" + "N".repeat(16) + "tcBetaAdmin00001";
    private static final String TECH = "ks_" + "O".repeat(16) + "tcAlphaTech00001";
    private static final String NO_GRANT = "ks_" + "P".repeat(16) + "tcAlphaTech00002";
    private static final String TECH_B = "ks_" + "Q".repeat(16) + "tcBetaTech000001";
    private static final String PASSWORD = "Technician-Path-2026";

    private static VpnLab lab;
    private static long accountA;
    private static long techId;
    private static long noGrantId;
    private static long techBId;
    private static TotpSecret techTotp;
    private static TotpSecret noGrantTotp;
    private static TotpSecret techBTotp;
    private static VpnLab.Device press1;
    private static VpnLab.Device press2;
    private static long plc1;
    private static long betaDevice;
    private static VpnLab.Technician technician;
    private static String plc;
    private static String hmi;
    private static String plcOfPress2;

    @BeforeAll
    static void arrange() throws Exception {
        SystemTier.require("/usr/bin/python3", "/usr/sbin/iptables");
        // the VPN's periodic supervision is slow here, so that a login meets a withdrawn right before a revocation does
        lab = new VpnLab("tc", 63, 12060, Map.of("keyswitch.connections.sweep-seconds", "1",
                "keyswitch.vpn.watch-seconds", "600"));
        lab.startFirewallHelper();
        lab.startPortal();
        var db = lab.db();
        accountA = Fixtures.account(db, "alpha-tc");
        long accountB = Fixtures.account(db, "beta-tc");
        // administrators hold what they hand out and take away (device:connect of a technician's group)
        List<String> admin = List.of("device:view", "device:edit", "device:connect", "component:edit", "user:manage",
                "group:manage", "connection:view", "connection:end", "alarm:manage", "alarm:view");
        Fixtures.apiToken(db, accountA, Fixtures.user(db, accountA, "admin", PASSWORD, admin), ADMIN_A);
        Fixtures.apiToken(db, accountB, Fixtures.user(db, accountB, "admin", PASSWORD, admin), ADMIN_B);
        techId = Fixtures.user(db, accountA, "tech", PASSWORD, List.of("device:connect"));
        Fixtures.apiToken(db, accountA, techId, TECH);
        techTotp = lab.enrolTotp(techId);
        noGrantId = Fixtures.user(db, accountA, "nogrant", PASSWORD, List.of("device:connect"));
        Fixtures.apiToken(db, accountA, noGrantId, NO_GRANT);
        noGrantTotp = lab.enrolTotp(noGrantId);
        techBId = Fixtures.user(db, accountB, "tech", PASSWORD, List.of("device:connect"));
        Fixtures.apiToken(db, accountB, techBId, TECH_B);
        techBTotp = lab.enrolTotp(techBId);

        press1 = lab.newDevice(ADMIN_A, "Press 1", "192.168.0.0/24");
        press2 = lab.newDevice(ADMIN_A, "Press 2", "192.168.0.0/24");
        plc1 = lab.newComponent(ADMIN_A, press1.id(), "PLC", "192.168.0.10", "tcp/102");
        lab.newComponent(ADMIN_A, press1.id(), "HMI", "192.168.0.20", "tcp/80");
        lab.newComponent(ADMIN_A, press2.id(), "PLC", "192.168.0.10", "tcp/102");
        lab.newComponent(ADMIN_A, press2.id(), "HMI", "192.168.0.20", "tcp/80");
        Answer grant = lab.api(ADMIN_A).post("/grants", "{\"subjectType\":\"USER\",\"userId\":" + techId
                + ",\"scopeType\":\"COMPONENTS\",\"deviceId\":" + press1.id() + ",\"componentIds\":[" + plc1
                + "],\"reason\":\"PLC of press 1 only\"}");
        assertThat(grant.status()).as(grant.body()).isEqualTo(201);
        VpnLab.Device beta = lab.newDevice(ADMIN_B, "Beta 1", "192.168.0.0/24");
        betaDevice = beta.id();
        lab.newComponent(ADMIN_B, beta.id(), "PLC", "192.168.0.10", "tcp/102");
        assertThat(lab.api(ADMIN_B).post("/grants", "{\"subjectType\":\"USER\",\"userId\":" + techBId
                + ",\"scopeType\":\"DEVICE\",\"deviceId\":" + beta.id() + ",\"reason\":\"their machine\"}").status()).isEqualTo(201);

        // the routers are set up with what the portal's device page shows for their family
        lab.referenceDevice("d1", press1, routerSettings(press1.id(), "nftables"));
        lab.referenceDevice("d2", press2, routerSettings(press2.id(), "iptables"));
        for (VpnLab.Device d : List.of(press1, press2)) {
            assertThat(awaitJson(ADMIN_A, "/devices/" + d.id(), j -> j.getJsonObject("vpn").getBoolean("online"), 20_000))
                    .as(d.identity() + " online:\n" + lab.portalLog()).isNotNull();
        }
        plc = press1.virtualSubnet().replace(".0/24", ".10");
        hmi = press1.virtualSubnet().replace(".0/24", ".20");
        plcOfPress2 = press2.virtualSubnet().replace(".0/24", ".10");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("the technician's VPN login gets the account's pool as one route, whatever the grants; without the right"
            + " device:connect the login is refused")
    void vpnLogin() throws Exception {
        // Act
        technician = startTechnician(TECH, "tech", techTotp, "tech1");
        String pushed = pushReply(technician);

        // Assert
        String pool = Fixtures.pool(lab.db(), accountA);
        assertThat(pushed.split(",route ", -1).length - 1).as("one pushed route: " + pushed).isEqualTo(1);
        assertThat(pushed).contains("route " + pool.replace("/16", " 255.255.0.0"));

        // The right is gone (changed in the database, so nothing but the login itself notices): refused at login.
        String noRightProfile = profile(NO_GRANT);
        Fixtures.update(lab.db(), "DELETE FROM group_right WHERE group_id = ? AND permission = 'device:connect'",
                group(noGrantId));
        VpnLab.Technician refused = lab.technician(noRightProfile, "nogrant", PASSWORD, VpnLab.code(noGrantTotp, 0), "noright");
        assertThat(VpnLab.awaitLog(refused.log(), "AUTH_FAILED", 20_000)).as(lab.log("noright")).isTrue();
        assertThat(awaitAudit("vpn.auth", "user:" + noGrantId)).contains("the user no longer holds the right device:connect");
        SystemTier.stop(refused.process());

        // An administrator takes the right away on the groups API: the technician's profile is revoked at once.
        Fixtures.update(lab.db(), "INSERT INTO group_right (group_id, permission) VALUES (?, 'device:connect')", group(noGrantId));
        profile(NO_GRANT);
        Answer withdrawn = lab.api(ADMIN_A).put("/groups/" + group(noGrantId), "{\"name\":\"group of nogrant\","
                + "\"rights\":[\"device:view\"],\"reason\":\"no more remote service\"}");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(awaitAudit("vpn.technician-revoke", "user:" + noGrantId)).isEqualTo("the right device:connect was withdrawn");
        Fixtures.update(lab.db(), "INSERT INTO group_right (group_id, permission) VALUES (?, 'device:connect')", group(noGrantId));
    }

    @Test
    @Order(2)
    @DisplayName("before Connect nothing is reachable; after it exactly tcp/102 of press 1's PLC answers — not its other"
            + " ports, not the HMI, not press 2 (same LAN), not UDP or ICMP outside the service list")
    void exactlyTheGrantedComponent() throws Exception {
        // Arrange
        assertThat(lab.probe("tcp", plc, "102").answered()).as("no connection, no path").isFalse();

        // Act
        long started = System.nanoTime();
        Answer made = lab.api(TECH).post("/connections", "{\"deviceId\":" + press1.id() + ",\"reason\":\"PLC update\"}");
        long connectMillis = (System.nanoTime() - started) / 1_000_000;
        VpnLab.Probe allowed = lab.probe("tcp", plc, "102");
        long reachMillis = (System.nanoTime() - started) / 1_000_000;

        // Assert
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(made.json().getString("state")).isEqualTo("OPEN");
        System.out.println("Connect answered OPEN in " + connectMillis + " ms; PLC answered " + reachMillis + " ms after Connect");
        assertThat(connectMillis).as("open within a second").isLessThan(1000);
        assertThat(allowed.answered()).as(allowed.output()).isTrue();
        assertThat(allowed.output()).isEqualTo("keyswitch reference s7 102");
        assertThat(lab.probe("http", plc, "80").answered()).as("tcp/80 of the same PLC address").isFalse();
        assertThat(lab.probe("http", hmi, "80").answered()).as("the HMI of the same device").isFalse();
        assertThat(lab.probe("tcp", hmi, "102").answered()).as("tcp/102 of the HMI").isFalse();
        assertThat(lab.probe("tcp", plcOfPress2, "102").answered()).as("press 2's PLC, same real LAN").isFalse();
        assertThat(lab.probe("udp", plc, "47808").answered()).as("udp not in the PLC's services").isFalse();
        assertThat(lab.probe("icmp", plc).answered()).as("icmp not in the PLC's services").isFalse();
        assertThat(lab.rules()).singleElement().asString()
                .startsWith("R ks" + accountA + " " + made.json().getString("technicianAddress") + " " + plc + "/tcp/102 ");
        assertThat(lab.elements("out")).isOne();
        assertThat(lab.elements("back")).isOne();
        assertThat(made.json().getJsonArray("components")).singleElement()
                .satisfies(c -> assertThat(c.asJsonObject().getString("virtualAddress")).isEqualTo(plc));
    }

    @Test
    @Order(3)
    @DisplayName("the PLC's service list gains udp/47808 and icmp: the open connection follows within seconds")
    void serviceListChangeFollows() throws Exception {
        // Act
        Answer changed = lab.api(ADMIN_A).put("/devices/" + press1.id() + "/components/" + plc1, "{\"name\":\"PLC\","
                + "\"ip\":\"192.168.0.10\",\"services\":\"tcp/102, udp/47808, icmp\",\"reason\":\"BACnet and ping\"}");
        boolean followed = awaitRules(3, 10_000);

        // Assert
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(followed).as("three rules now: " + lab.rules()).isTrue();
        assertThat(lab.probe("udp", plc, "47808").output()).isEqualTo("keyswitch probe");
        assertThat(lab.probe("icmp", plc).output()).isEqualTo("reply");
        assertThat(lab.probe("http", plc, "80").answered()).as("still not tcp/80").isFalse();
        assertThat(lab.probe("udp", hmi, "47808").answered()).as("still not the HMI").isFalse();
    }

    @Test
    @Order(4)
    @DisplayName("an administrator's End cuts a TCP session carrying data within a second, and the record has the bytes"
            + " both ways and the reason")
    void endCutsTheSession() throws Exception {
        // Arrange: a session that echoes a line every 50 ms for up to 20 s
        long id = liveConnection(TECH);
        Process stream = lab.probeInBackground("stream1", "stream", plc, "102", "20");
        assertThat(VpnLab.awaitLog(lab.dir().resolve("stream1.log"), "echo", 10_000)).as(lab.log("stream1")).isTrue();
        Thread.sleep(1000);

        // Act
        long endedAt = System.currentTimeMillis();
        Answer ended = lab.api(ADMIN_A).post("/connections/" + id + "/end", "{\"reason\":\"production restarts\"}");
        long answeredAt = System.currentTimeMillis();
        stream.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);

        // Assert
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        List<String> lines = Files.readAllLines(lab.dir().resolve("stream1.log"));
        assertThat(lines.get(lines.size() - 1)).as("the session stalled: " + lines).startsWith("stalled");
        long lastEcho = lines.stream().filter(l -> l.startsWith("echo ")).mapToLong(l -> Long.parseLong(l.substring(5)))
                .max().orElseThrow();
        System.out.println("End called -> last echo through the session: " + (lastEcho - endedAt) + " ms (the End call"
                + " answered after " + (answeredAt - endedAt) + " ms)");
        assertThat(lastEcho - endedAt).as("no data more than 1 s after End was called").isLessThan(1000);
        assertThat(lab.rules()).isEmpty();
        JsonObject record = ended.json();
        assertThat(record.getString("closeCause")).isEqualTo("ENDED");
        assertThat(record.getString("closeReason")).isEqualTo("production restarts");
        assertThat(record.getJsonNumber("bytesToDevice").longValue()).isPositive();
        assertThat(record.getJsonNumber("bytesFromDevice").longValue()).isPositive();
        assertThat(lab.probe("tcp", plc, "102").answered()).isFalse();
    }

    @Test
    @Order(5)
    @DisplayName("a technician without a grant, and one of another account with a connection of their own, reach nothing"
            + " of press 1 even with a route written by hand")
    void othersReachNothing() throws Exception {
        // Arrange
        VpnLab.Technician noGrant = startTechnician(NO_GRANT, "nogrant", noGrantTotp, "nogrant");
        VpnLab.Technician other = startTechnician(TECH_B, "tech", techBTotp, "techb");
        Answer refused = lab.api(NO_GRANT).post("/connections", "{\"deviceId\":" + press1.id() + ",\"reason\":\"try\"}");
        Answer theirs = lab.api(TECH_B).post("/connections", "{\"deviceId\":" + betaDevice + ",\"reason\":\"their own\"}");

        // Act: each writes a route to press 1's virtual subnet through their own tunnel
        String routeOwn = lab.inLaptops("ip", "route", "replace", press1.virtualSubnet(), "dev", noGrant.tun());
        boolean fromNoGrant = lab.probe("tcp", plc, "102").answered();
        String routeOther = lab.inLaptops("ip", "route", "replace", press1.virtualSubnet(), "dev", other.tun());
        boolean fromOther = lab.probe("tcp", plc, "102").answered();
        boolean otherIcmp = lab.probe("icmp", plc).answered();

        // Assert
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(theirs.status()).as(theirs.body()).isEqualTo(201);
        assertThat(theirs.json().getString("state")).isEqualTo("OPEN");
        assertThat(routeOwn + routeOther).isEmpty();
        assertThat(fromNoGrant).as("no grant, no path").isFalse();
        assertThat(fromOther).as("another account's technician").isFalse();
        assertThat(otherIcmp).isFalse();
        lab.inLaptops("ip", "route", "del", press1.virtualSubnet());
        lab.api(TECH_B).post("/connections/" + theirs.json().getJsonNumber("id").longValue() + "/disconnect", "{}");
        SystemTier.stop(noGrant.process());
        SystemTier.stop(other.process());
    }

    @Test
    @Order(6)
    @DisplayName("the technician's VPN goes down: the connection closes by itself and its rules go")
    void tunnelDownCloses() throws Exception {
        // Arrange
        Answer made = lab.api(TECH).post("/connections", "{\"deviceId\":" + press1.id() + ",\"reason\":\"second visit\"}");
        assertThat(made.json().getString("state")).as(made.body()).isEqualTo("OPEN");
        long id = made.json().getJsonNumber("id").longValue();

        // Act
        SystemTier.stop(technician.process());

        // Assert: OpenVPN keeps a session 5 s after the client's exit notification
        JsonObject closed = awaitJson(TECH, "/connections/" + id, c -> c.getString("state").equals("CLOSED"), 15_000);
        assertThat(closed).isNotNull();
        assertThat(closed.getString("closeCause")).isEqualTo("VPN_DOWN");
        assertThat(lab.rules()).isEmpty();
    }

    @Test
    @Order(7)
    @DisplayName("no traffic for the account's idle time (1 minute here): the connection closes by itself")
    void idleCloses() throws Exception {
        // Arrange
        Fixtures.update(lab.db(), "INSERT INTO account_policy (account_id, connection_idle_minutes) VALUES (?, 1)"
                + " ON DUPLICATE KEY UPDATE connection_idle_minutes = 1", accountA);
        technician = startTechnician(TECH, "tech", techTotp, "tech2");
        Answer made = lab.api(TECH).post("/connections", "{\"deviceId\":" + press1.id() + ",\"reason\":\"short look\"}");
        assertThat(made.json().getString("state")).as(made.body()).isEqualTo("OPEN");
        long id = made.json().getJsonNumber("id").longValue();

        // Act: nothing crosses the connection's rules
        JsonObject closed = awaitJson(TECH, "/connections/" + id, c -> c.getString("state").equals("CLOSED"), 90_000);

        // Assert
        assertThat(closed).as("closed within the idle time and a sweep").isNotNull();
        assertThat(closed.getString("closeCause")).isEqualTo("IDLE");
        assertThat(closed.getJsonNumber("seconds").longValue()).isBetween(60L, 80L);
        assertThat(lab.rules()).isEmpty();
        Fixtures.update(lab.db(), "UPDATE account_policy SET connection_idle_minutes = 30 WHERE account_id = ?", accountA);
    }

    @Test
    @Order(8)
    @DisplayName("the portal is stopped (SIGTERM, as systemctl stop) with a connection open: the connection closes"
            + " (\"the portal was stopped\") and nothing is reachable while no portal runs")
    void stopClosesConnections() throws Exception {
        // Arrange (the technician's tunnel is still up)
        Answer made = lab.api(TECH).post("/connections", "{\"deviceId\":" + press1.id() + ",\"reason\":\"before an update\"}");
        assertThat(made.json().getString("state")).as(made.body()).isEqualTo("OPEN");
        long id = made.json().getJsonNumber("id").longValue();

        // Act
        lab.stopPortal();

        // Assert
        assertThat(lab.rules()).as("no rule while no portal runs").isEmpty();
        assertThat(lab.probe("tcp", plc, "102").answered()).isFalse();
        assertThat(Fixtures.string(lab.db(), "SELECT close_cause FROM connection WHERE id = ?", id)).isEqualTo("PORTAL_STOPPED");
        lab.startPortal();
    }

    @Test
    @Order(9)
    @DisplayName("the portal is killed (SIGKILL) with a connection open; started again, nothing is reachable and the"
            + " record is closed \"portal restarted\"")
    void crashLeavesNothingOpen() throws Exception {
        // Arrange (the technician's tunnel is still up: OpenVPN outlived the portal, which reconciled it)
        Answer made = lab.api(TECH).post("/connections", "{\"deviceId\":" + press1.id() + ",\"reason\":\"third visit\"}");
        assertThat(made.json().getString("state")).as(made.body()).isEqualTo("OPEN");
        long id = made.json().getJsonNumber("id").longValue();
        assertThat(lab.probe("tcp", plc, "102").answered()).isTrue();

        // Act
        lab.killPortal();
        long restarting = System.nanoTime();
        lab.startPortal();
        long restartMillis = (System.nanoTime() - restarting) / 1_000_000;

        // Assert
        System.out.println("portal restarted (Payara start included) in " + restartMillis + " ms");
        assertThat(lab.rules()).as("the firewall was emptied at start").isEmpty();
        assertThat(lab.probe("tcp", plc, "102").answered()).isFalse();
        JsonObject record = lab.api(ADMIN_A).get("/connections/" + id).json();
        assertThat(record.getString("state")).isEqualTo("CLOSED");
        assertThat(record.getString("closeCause")).isEqualTo("PORTAL_RESTARTED");
        assertThat(record.getString("closeReason")).isEqualTo("portal restarted");
        assertThat(Fixtures.count(lab.db(), "SELECT COUNT(*) FROM connection WHERE state <> 'CLOSED'")).isZero();
    }

    @Test
    @Order(10)
    @DisplayName("the key switch: a reference device on demand reports IN1 with report.sh over the WAN; off, Connect is"
            + " refused; on, the connection opens, the answer dials the tunnel and a TCP session carries data through"
            + " it; input.sh turns it off and the session stops within 2 s, the record saying \"key switch off\"")
    void keySwitch() throws Exception {
        // Arrange: Press 3 needs its key switch, dials its tunnel only when the portal wants it, and reports every 2 s
        if (technician == null || !lab.awaitUp(technician, 1_000)) {
            technician = startTechnician(TECH, "tech", techTotp, "tech3");
        }
        VpnLab.Device press3 = lab.newDevice(ADMIN_A, "Press 3", "192.168.0.0/24");
        lab.newComponent(ADMIN_A, press3.id(), "PLC", "192.168.0.10", "tcp/102");
        assertThat(lab.api(ADMIN_A).post("/grants", "{\"subjectType\":\"USER\",\"userId\":" + techId
                + ",\"scopeType\":\"DEVICE\",\"deviceId\":" + press3.id() + ",\"reason\":\"press 3\"}").status()).isEqualTo(201);
        Answer onDemand = lab.api(ADMIN_A).put("/devices/" + press3.id(), "{\"name\":\"Press 3\",\"lanSubnet\":"
                + "\"192.168.0.0/24\",\"tunnelMode\":\"ON_DEMAND\",\"reason\":\"mobile data\"}");
        assertThat(onDemand.status()).as(onDemand.body()).isEqualTo(200);
        Answer needed = lab.api(ADMIN_A).put("/devices/" + press3.id() + "/key-switch", "{\"choice\":\"on\","
                + "\"reason\":\"the operator turns the key\"}");
        assertThat(needed.status()).as(needed.body()).isEqualTo(200);
        Answer alarmRule = lab.api(ADMIN_A).post("/alarm-rules", "{\"builtin\":\"key-switch\",\"deviceId\":" + press3.id()
                + ",\"reason\":\"tell us when the key turns\"}");
        assertThat(alarmRule.status()).as(alarmRule.body()).isEqualTo(201);
        java.nio.file.Path certificate = lab.forwardPublicPort();
        lab.referenceDevice("d3", press3, routerSettings(press3.id(), "nftables"), Map.of("KS_TUNNEL", "on-demand"));
        lab.input("d3", "in1", "off");
        lab.reportLoop("d3", press3, certificate, 2);
        String plc3 = press3.virtualSubnet().replace(".0/24", ".10");
        assertThat(awaitJson(ADMIN_A, "/devices/" + press3.id() + "/key-switch", j -> j.getString("keySwitch").equals("off"),
                20_000)).as("reported off by report.sh:\n" + lab.log("report-d3")).isNotNull();

        // Act 1: Connect while the switch is off
        Answer refused = lab.api(TECH).post("/connections", "{\"deviceId\":" + press3.id() + ",\"reason\":\"PLC update\"}");

        // Assert 1
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().getJsonObject("errors").getString("deviceId"))
                .startsWith("Press 3: the key switch at the machine is off");

        // Act 2: the operator turns the key; the technician connects; the answer dials the tunnel
        lab.input("d3", "in1", "on");
        assertThat(awaitJson(ADMIN_A, "/devices/" + press3.id() + "/key-switch", j -> j.getString("keySwitch").equals("on"),
                10_000)).as(lab.log("report-d3")).isNotNull();
        Answer made = lab.api(TECH).post("/connections", "{\"deviceId\":" + press3.id() + ",\"reason\":\"PLC update\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(made.json().getString("state")).isEqualTo("OPEN");
        long id = made.json().getJsonNumber("id").longValue();
        assertThat(awaitJson(ADMIN_A, "/devices/" + press3.id(), j -> j.getJsonObject("vpn").getBoolean("online"), 30_000))
                .as("the report loop dialled the tunnel:\n" + lab.log("report-d3")).isNotNull();
        Process stream = lab.probeInBackground("stream3", "stream", plc3, "102", "30");
        assertThat(VpnLab.awaitLog(lab.dir().resolve("stream3.log"), "echo", 15_000)).as(lab.log("stream3")).isTrue();
        assertThat(VpnLab.awaitLog(lab.dir().resolve("report-d3.log"), "via tunnel", 10_000))
                .as("reports go through the tunnel while it is up:\n" + lab.log("report-d3")).isTrue();
        Thread.sleep(1000);

        // Act 3: the operator turns the key off while the session carries data
        long offAt = System.currentTimeMillis();
        lab.input("d3", "in1", "off");
        stream.waitFor(40, java.util.concurrent.TimeUnit.SECONDS);

        // Assert 3
        List<String> lines = Files.readAllLines(lab.dir().resolve("stream3.log"));
        assertThat(lines.get(lines.size() - 1)).as("the session stalled: " + lines).startsWith("stalled");
        long lastEcho = lines.stream().filter(l -> l.startsWith("echo ")).mapToLong(l -> Long.parseLong(l.substring(5)))
                .max().orElseThrow();
        System.out.println("input.sh in1 off -> last echo through the session: " + (lastEcho - offAt) + " ms");
        assertThat(lastEcho - offAt).as("no data more than 2 s after the key was turned off").isLessThan(2000);
        JsonObject record = lab.api(TECH).get("/connections/" + id).json();
        assertThat(record.getString("state")).isEqualTo("CLOSED");
        assertThat(record.getString("closeCause")).isEqualTo("KEY_SWITCH_OFF");
        assertThat(Fixtures.string(lab.db(), "SELECT reason FROM audit_event WHERE action = 'connection.close' AND target = ?",
                "connection:" + id)).isEqualTo("key switch off");
        assertThat(lab.rules()).isEmpty();
        assertThat(Fixtures.count(lab.db(), "SELECT COUNT(*) FROM audit_event WHERE action = 'device.key-switch-changed'"
                + " AND target = ?", "device:" + press3.id())).as("on, off (the first report, off, is no turn)").isEqualTo(2);
        assertThat(VpnLab.awaitLog(lab.dir().resolve("report-d3.log"), "Stopping the OpenVPN client", 10_000))
                .as("the answer no longer wants the tunnel: the loop hung it up:\n" + lab.log("report-d3")).isTrue();
        // ... and each turn is a data point in the device's history and an alarm of the built-in rule
        JsonObject in1 = awaitJson(ADMIN_A, "/devices/" + press3.id() + "/data-points/in1/history?period=day&aggregate=raw",
                j -> j.getJsonArray("values").stream().map(v -> v.asJsonObject().get("value").toString()).toList()
                        .containsAll(List.of("false", "true")), 10_000);
        assertThat(in1).as("in1 off and on in the history").isNotNull();
        JsonObject alarms = awaitJson(ADMIN_A, "/alarms?deviceId=" + press3.id(), j -> j.getInt("total") >= 1, 10_000);
        assertThat(alarms).as("the turns raised the rule's alarm (one open alarm, its value following each turn)").isNotNull();
        assertThat(alarms.getJsonArray("items").getJsonObject(0).getString("rule")).isEqualTo("Key switch changed");
    }

    // ---- helpers ----

    private static VpnLab.Technician startTechnician(String token, String user, TotpSecret totp, String run) throws Exception {
        VpnLab.Technician t = lab.technician(profile(token), user, PASSWORD, VpnLab.code(totp, 0), run);
        if (!lab.awaitUp(t, 20_000)) {
            // a code used a moment ago by this user is refused as replayed: the next step's code
            SystemTier.stop(t.process());
            t = lab.technician(profile(token), user, PASSWORD, VpnLab.code(totp, 30), run + "b");
            assertThat(lab.awaitUp(t, 20_000)).as(lab.log(run + "b")).isTrue();
        }
        return t;
    }

    private static long group(long userId) throws Exception {
        return Long.parseLong(Fixtures.string(lab.db(), "SELECT group_id FROM group_membership WHERE user_id = ?", userId));
    }

    private static String profile(String token) {
        Answer made = lab.api(token).post("/vpn/technician-profile", "{\"reason\":\"service laptop\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        return made.json().getString("profile");
    }

    private static String pushReply(VpnLab.Technician t) throws Exception {
        String log = Files.readString(t.log());
        int at = log.indexOf("PUSH_REPLY,");
        assertThat(at).as(log).isNotNegative();
        return log.substring(at, log.indexOf('\'', at) < 0 ? log.indexOf('\n', at) : log.indexOf('\'', at));
    }

    private static String routerSettings(long deviceId, String family) {
        Answer settings = lab.api(ADMIN_A).get("/devices/" + deviceId + "/router-settings");
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        return settings.array().getValuesAs(JsonObject.class).stream().filter(f -> f.getString("id").equals(family))
                .findFirst().orElseThrow().getString("text");
    }

    private static long liveConnection(String token) {
        JsonObject live = lab.api(token).get("/connections").json();
        assertThat(live.getInt("total")).as(live.toString()).isOne();
        return live.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue();
    }

    private static boolean awaitRules(int count, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        do {
            if (lab.rules().size() == count) {
                return true;
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < end);
        return false;
    }

    private static JsonObject awaitJson(String token, String path, Predicate<JsonObject> condition, long millis)
            throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        do {
            Answer a = lab.api(token).get(path);
            if (a.status() == 200 && condition.test(a.json())) {
                return a.json();
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < end);
        return null;
    }

    private static String awaitAudit(String action, String target) throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        String reasons;
        do {
            reasons = String.valueOf(Fixtures.string(lab.db(), "SELECT GROUP_CONCAT(reason) FROM audit_event WHERE action = ?"
                    + " AND target = ?", action, target));
            if (!reasons.equals("null")) {
                return reasons;
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < end);
        return reasons;
    }
}
