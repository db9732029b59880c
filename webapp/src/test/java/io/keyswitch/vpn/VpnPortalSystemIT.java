package io.keyswitch.vpn;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.security.totp.TotpAlgorithm;
import io.keyswitch.security.totp.TotpGenerator;
import io.keyswitch.security.totp.TotpSecret;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.Browser;
import io.keyswitch.testing.Databases;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.LoginPage;
import io.keyswitch.testing.Steps;
import io.keyswitch.testing.SystemTier;
import io.keyswitch.testing.VpnLab.Device;
import io.keyswitch.testing.VpnLab;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * System tier, the whole product: the REAL portal (Payara Micro, as the launcher starts it, as root so its
 * {@code process} supervisor can start OpenVPN) makes the CA and one OpenVPN instance per account in a network
 * namespace this test made; devices get their profile and secret through the API and dial in with real OpenVPN
 * clients from other namespaces; every decision is made by the portal's own authenticator against its database, and
 * the live status the API shows comes from its own event listener. Needs root, ip, nft, openvpn, /dev/net/tun.
 */
@DisplayName("The portal runs the VPN: profiles, authentication, live status (system tier)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VpnPortalSystemIT {

    private static final String SERVER_ADDRESS = "10.255.61.1";
    private static final String ATTACK_SERVER_ADDRESS = "10.255.62.1";
    private static final int PORT_BASE = 11960;
    private static final int MAX_FAILURES = 3;
    private static final String ADMIN_A = "ks_" + "V".repeat(16) + "vpnAlphaAdmin001";
    private static final String ADMIN_B = "ks_" + "W".repeat(16) + "vpnBetaAdmin0001";
    private static final String ADMIN_C = "ks_" + "Y".repeat(16) + "vpnGammaAdmin001";
    private static final String TECH_C = "ks_" + "Z".repeat(16) + "vpnGammaTech0001";
    private static final String TECH_A = "ks_" + "X".repeat(16) + "vpnAlphaTech0001";

    private static final String OPERATOR_PASSWORD = "System-Operator-2026";
    private static VpnLab lab;
    private static DatabaseCoordinates db;
    private static String serverNs;
    private static String clientNs;
    private static String attackNs;
    private static Device saw;
    private static Process sawClient;
    private static long accountA;
    private static long accountB;
    private static long technicianId;
    private static TotpSecret technicianTotp;

    @BeforeAll
    static void startPortal() throws Exception {
        // the lab's portal runs as on the appliance: its OpenVPN instances outlive a portal restart
        lab = new VpnLab("ksp", 61, PORT_BASE, Map.of("keyswitch.jail.max-failures", Integer.toString(MAX_FAILURES)));
        db = lab.db();
        serverNs = lab.appliance();
        clientNs = lab.laptops();
        attackNs = lab.addClientNamespace("atk", 62);
        lab.startPortal();
        // The system account's instance is made at the first start, before any device exists.
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM vpn_instance")).isEqualTo(1);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM vpn_ca")).isEqualTo(1);

        accountA = Fixtures.account(db, "alpha-vpn");
        accountB = Fixtures.account(db, "beta-vpn");
        // Each account's devices are routed into its own instance: their virtual pools must not overlap.
        Fixtures.setPool(db, accountA, "10.241.0.0/16");
        Fixtures.setPool(db, accountB, "10.242.0.0/16");
        List<String> admin = List.of("device:view", "device:edit", "device:connect", "component:edit", "user:manage");
        Fixtures.apiToken(db, accountA, Fixtures.user(db, accountA, "admin", "Alpha-Admin-2026", admin), ADMIN_A);
        Fixtures.apiToken(db, accountB, Fixtures.user(db, accountB, "admin", "Beta-Admin-2026", admin), ADMIN_B);
        Fixtures.makeSystemAdmin(db, Fixtures.user(db, Fixtures.accountId(db, "system"), "operator", OPERATOR_PASSWORD,
                List.of("user:manage")));
        technicianId = Fixtures.user(db, accountA, "tech", "Tech-Password-2026", List.of("device:view", "device:connect"));
        Fixtures.apiToken(db, accountA, technicianId, TECH_A);
        technicianTotp = lab.enrolTotp(technicianId);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("a device made through the API dials in with its downloaded profile: online within 5 s, in the API and"
            + " in the open device table (no reload), offline when it goes")
    void deviceConnectsAndDisconnects() throws Exception {
        // Arrange
        Device device = newDevice(ADMIN_A, "Press 1", "192.168.0.0/24");
        awaitInstanceReady(accountA);
        try (DeviceTablePage table = DeviceTablePage.open("alpha-vpn", "admin", "Alpha-Admin-2026")) {
            assertThat(table.vpn("Press 1")).isEqualTo("never connected");

            // Act
            long started = System.nanoTime();
            Process client = startDevice(device, device.secret(), clientNs, "press-1");
            JsonObject online = awaitStatus(ADMIN_A, device.id(), s -> s.getBoolean("online"), 5_000);
            long millis = (System.nanoTime() - started) / 1_000_000;
            String shown = table.awaitVpn("Press 1", "online since");

            // Assert
            assertThat(online).as("online within 5 s; client log:\n" + log("press-1") + "\nserver log:\n"
                    + serverLog("acct-" + accountA)).isNotNull();
            System.out.println("device online in the portal " + millis + " ms after the client started");
            assertThat(online.getString("tunnelAddress")).startsWith("10.254.");
            assertThat(online.getString("wanAddress")).isEqualTo("10.255.61.2");
            assertThat(shown).as("the open device table shows it").startsWith("online since");
            assertThat(table.notReloaded()).as("the table updated itself, the page was not reloaded").isTrue();
            assertThat(audit(accountA, "vpn.connect", "device:" + device.id())).isEqualTo(1);
            assertThat(presenceChanges(device.id())).as("the presence history (devices report)").isEqualTo("TUNNEL on");
            assertThat(awaitStatus(ADMIN_A, device.id(), s -> s.getJsonNumber("bytesIn").longValue() > 0, 10_000))
                    .as("byte counts arrive in batches").isNotNull();

            // Act: the device goes (SIGTERM; the profile's explicit-exit-notify tells the server)
            long stopping = System.nanoTime();
            SystemTier.stop(client);
            // OpenVPN 2.6 keeps a session 5 s after the client's exit notification (its fixed scheduled exit)
            // before >CLIENT:DISCONNECT: ≈ 4.3–4.8 s measured from SIGTERM to offline in the portal.
            JsonObject offline = awaitStatus(ADMIN_A, device.id(), s -> !s.getBoolean("online"), 8_000);

            // Assert
            assertThat(offline).as("offline within 8 s").isNotNull();
            System.out.println("device offline in the portal " + (System.nanoTime() - stopping) / 1_000_000
                    + " ms after it stopped");
            assertThat(table.awaitVpn("Press 1", "offline since")).startsWith("offline since");
            assertThat(audit(accountA, "vpn.disconnect", "device:" + device.id())).isEqualTo(1);
            assertThat(presenceChanges(device.id())).isEqualTo("TUNNEL on|TUNNEL off");
            assertThat(Fixtures.count(db, "SELECT bytes_in + bytes_out FROM device_presence_change WHERE device_id = ?"
                    + " AND NOT online", device.id())).as("the session's bytes, for the devices report's tunnel data")
                    .isGreaterThan(0);
        }
    }

    /** The device's recorded presence changes in order, e.g. {@code TUNNEL on|TUNNEL off}. */
    private static String presenceChanges(long deviceId) throws Exception {
        return Fixtures.string(db, "SELECT GROUP_CONCAT(CONCAT(channel, IF(online, ' on', ' off')) ORDER BY at SEPARATOR '|')"
                + " FROM device_presence_change WHERE device_id = ?", deviceId);
    }

    @Test
    @Order(2)
    @DisplayName("a wrong secret gets AUTH_FAILED, audited with its reason; after " + MAX_FAILURES + " the address is jailed")
    void wrongSecretIsRefusedAndJailed() throws Exception {
        // Arrange
        Device device = newDevice(ADMIN_A, "Press 2", "192.168.0.0/24");

        // Act
        for (int i = 1; i <= MAX_FAILURES; i++) {
            Process client = startDevice(device, "wrong" + "a".repeat(27), attackNs, "press-2-wrong-" + i);
            assertThat(client.waitFor(20, TimeUnit.SECONDS)).as("the client gives up after AUTH_FAILED").isTrue();
            assertThat(log("press-2-wrong-" + i)).contains("AUTH_FAILED");
        }
        Process rightSecret = startDevice(device, device.secret(), attackNs, "press-2-jailed");
        boolean exited = rightSecret.waitFor(20, TimeUnit.SECONDS);

        // Assert
        assertThat(exited && log("press-2-jailed").contains("AUTH_FAILED"))
                .as("even the right secret is refused from a jailed address:\n" + log("press-2-jailed")).isTrue();
        assertThat(awaitAuditReasons(accountA, "vpn.auth", "vpn:" + device.identity(), 4)).containsExactly(
                "wrong device secret", "wrong device secret", "wrong device secret", "source address jailed");
        assertThat(status(ADMIN_A, device.id()).getBoolean("online")).isFalse();
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE action = 'jail.ban'")).isPositive();
    }

    @Test
    @Order(3)
    @DisplayName("revoked while connected: killed within 2 s, and refused when it comes back")
    void revokedDeviceIsKilledAndRefused() throws Exception {
        // Arrange
        Device device = newDevice(ADMIN_A, "Press 3", "192.168.0.0/24");
        startDevice(device, device.secret(), clientNs, "press-3");
        assertThat(awaitStatus(ADMIN_A, device.id(), s -> s.getBoolean("online"), 10_000)).isNotNull();

        // Act
        long started = System.nanoTime();
        ApiClient.Answer revoked = api(ADMIN_A).post("/devices/" + device.id() + "/vpn-revoke", "{\"reason\":\"router stolen\"}");
        JsonObject offline = awaitStatus(ADMIN_A, device.id(), s -> !s.getBoolean("online"), 2_000);
        long millis = (System.nanoTime() - started) / 1_000_000;

        // Assert
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
        assertThat(offline).as("offline within 2 s of the revocation").isNotNull();
        System.out.println("revoked device offline in the portal " + millis + " ms after the API call");
        assertThat(awaitLog(serverLogPath("acct-" + accountA), "certificate revoked", 30_000))
                .as("the reconnect is refused by the CRL:\n" + serverLog("acct-" + accountA)).isTrue();
        assertThat(status(ADMIN_A, device.id()).getBoolean("online")).isFalse();
        assertThat(Fixtures.string(db, "SELECT reason FROM audit_event WHERE action = 'vpn.device-revoke' AND target = ?",
                "device:" + device.id())).isEqualTo("router stolen");
    }

    @Test
    @Order(4)
    @DisplayName("deleted while connected: its session ends and its certificate is on the CRL")
    void deletedDeviceIsKilledAndRevoked() throws Exception {
        // Arrange
        Device device = newDevice(ADMIN_A, "Press 9", "192.168.0.0/24");
        startDevice(device, device.secret(), clientNs, "press-9");
        assertThat(awaitStatus(ADMIN_A, device.id(), s -> s.getBoolean("online"), 10_000)).isNotNull();
        long refusedBefore = count(serverLog("acct-" + accountA), "certificate revoked");

        // Act
        ApiClient.Answer deleted = api(ADMIN_A).delete("/devices/" + device.id() + "?reason=decommissioned");

        // Assert
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(Fixtures.string(db, "SELECT c.revoke_reason FROM vpn_credential c JOIN vpn_client v ON v.id = c.client_id"
                + " WHERE v.common_name = ?", device.identity())).isEqualTo("device deleted");
        long end = System.currentTimeMillis() + 30_000;
        while (count(serverLog("acct-" + accountA), "certificate revoked") <= refusedBefore && System.currentTimeMillis() < end) {
            Thread.sleep(200);
        }
        assertThat(count(serverLog("acct-" + accountA), "certificate revoked"))
                .as("the deleted device was disconnected and its reconnect refused by the CRL:\n" + log("press-9"))
                .isGreaterThan(refusedBefore);
    }

    @Test
    @Order(5)
    @DisplayName("two accounts, two instances with their own ports and subnets: a device of A cannot log into B's")
    void accountsAreSeparate() throws Exception {
        // Arrange
        Device deviceB = newDevice(ADMIN_B, "Mill B", "192.168.0.0/24");
        Device deviceA = newDevice(ADMIN_A, "Press 4", "192.168.0.0/24");
        awaitInstanceReady(accountB);

        // Act
        startDevice(deviceB, deviceB.secret(), clientNs, "mill-b");
        JsonObject onlineB = awaitStatus(ADMIN_B, deviceB.id(), s -> s.getBoolean("online"), 10_000);
        String intruderProfile = deviceA.profile()
                .replaceAll("(?m)^remote .*$", "remote " + SERVER_ADDRESS + " " + port(accountB) + " udp")
                .replaceAll("(?m)^verify-x509-name .*$", "verify-x509-name vpn-acct-" + accountB + " name")
                .replaceAll("(?s)<tls-crypt>.*</tls-crypt>", java.util.regex.Matcher.quoteReplacement(block(deviceB.profile(), "tls-crypt")));
        Process intruder = startDevice(new Device(deviceA.id(), deviceA.identity(), deviceA.secret(), intruderProfile, null),
                deviceA.secret(), clientNs, "press-4-at-b");
        boolean exited = intruder.waitFor(20, TimeUnit.SECONDS);

        // Assert
        assertThat(onlineB).as("B's device on B's instance:\n" + log("mill-b")).isNotNull();
        assertThat(port(accountA)).isNotEqualTo(port(accountB));
        assertThat(Fixtures.string(db, "SELECT tunnel_subnet FROM vpn_instance WHERE account_id = ?", accountA))
                .isNotEqualTo(Fixtures.string(db, "SELECT tunnel_subnet FROM vpn_instance WHERE account_id = ?", accountB));
        assertThat(onlineB.getString("tunnelAddress"))
                .startsWith(Fixtures.string(db, "SELECT tunnel_subnet FROM vpn_instance WHERE account_id = ?", accountB)
                        .replaceAll("0/24$", ""));
        assertThat(exited && log("press-4-at-b").contains("AUTH_FAILED"))
                .as("A's device, with a valid certificate and secret, is refused by B:\n" + log("press-4-at-b")).isTrue();
        assertThat(awaitAuditReasons(accountB, "vpn.auth", "vpn:" + deviceA.identity(), 1))
                .containsExactly("certificate " + deviceA.identity() + " belongs to no identity of this account");
        assertThat(status(ADMIN_A, deviceA.id()).getBoolean("online")).isFalse();
    }

    @Test
    @Order(6)
    @DisplayName("a technician logs in with password and TOTP (static challenge); a wrong code or a disabled user is refused")
    void technicianNeedsTheRightCodeAndAnActiveUser() throws Exception {
        // Arrange
        ApiClient.Answer made = api(TECH_A).post("/vpn/technician-profile", "{\"reason\":\"service laptop\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        String profile = made.json().getString("profile");
        assertThat(profile).contains("static-challenge \"Authenticator code\" 1").contains("auth-nocache");
        TotpGenerator totp = new TotpGenerator(TotpAlgorithm.SHA1, 6, 30);

        // Act + Assert: the right code
        String challenge = startTechnician(profile, "tech", "Tech-Password-2026", totp.codeAt(technicianTotp, Instant.now()), "tech-ok");
        assertThat(challenge).isEqualTo("Need 'Auth' username/password SC:1,Authenticator code");
        assertThat(awaitCount("SELECT COUNT(*) FROM audit_event WHERE action = 'vpn.connect' AND target = 'user:"
                + technicianId + "'", 1, 10_000)).as("technician connected:\n" + log("tech-ok")).isTrue();
        assertThat(auditReasons(accountA, "vpn.login", "user:tech")).isEmpty();
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE action = 'vpn.login' AND outcome = 'SUCCESS'"
                + " AND actor_user_id = ?", technicianId)).isEqualTo(1);

        // Act + Assert: a wrong code
        startTechnician(profile, "tech", "Tech-Password-2026", "000000", "tech-wrong");
        assertThat(awaitLog(lab.dir().resolve("tech-wrong.log"), "AUTH_FAILED", 20_000)).as(log("tech-wrong")).isTrue();
        assertThat(auditDetails(accountA, "vpn.login", "FAILURE")).contains("wrong authenticator code");

        // Act + Assert: an administrator disables the user on the users page: the running VPN session ends at once
        disableUserInTheBrowser("tech", "technician left the company");
        long started = System.nanoTime();
        assertThat(awaitCount("SELECT COUNT(*) FROM audit_event WHERE action = 'vpn.disconnect' AND target = 'user:"
                + technicianId + "'", 1, 5_000)).as("the disabled user's session ended:\n" + log("tech-ok")).isTrue();
        System.out.println("disabled technician disconnected " + (System.nanoTime() - started) / 1_000_000
                + " ms after the dialog closed");

        // Act + Assert: the disabled user, with the right password and code, is refused
        startTechnician(profile, "tech", "Tech-Password-2026", totp.codeAt(technicianTotp, Instant.now().plusSeconds(30)),
                "tech-disabled");
        assertThat(awaitLog(lab.dir().resolve("tech-disabled.log"), "AUTH_FAILED", 20_000)).as(log("tech-disabled")).isTrue();
        assertThat(auditReasons(accountA, "vpn.login", "user:tech")).contains("This user is disabled. Please contact your administrator.");
    }

    @Test
    @Order(7)
    @DisplayName("portal restarted while devices are connected: state reconciled (still online, gone ones offline)")
    void restartReconciles() throws Exception {
        // Arrange: five devices online
        List<Device> devices = new ArrayList<>();
        List<Process> processes = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Device d = newDevice(ADMIN_A, "Line " + i, "192.168.0.0/24");
            devices.add(d);
            processes.add(startDevice(d, d.secret(), clientNs, "line-" + i));
        }
        for (Device d : devices) {
            assertThat(awaitStatus(ADMIN_A, d.id(), s -> s.getBoolean("online"), 15_000)).as(d.identity()).isNotNull();
        }
        String sinceBefore = status(ADMIN_A, devices.get(0).id()).getString("since");

        // Act: the portal stops; meanwhile one device goes; the portal starts again
        lab.stopPortal();
        Path log = lab.portalLogPath();
        Files.copy(log, log.resolveSibling("payara-before-restart.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        SystemTier.stop(processes.get(4));
        long restarting = System.nanoTime();
        lab.startPortal();
        JsonObject gone = awaitStatus(ADMIN_A, devices.get(4).id(), s -> !s.getBoolean("online"), 15_000);
        long millis = (System.nanoTime() - restarting) / 1_000_000;

        // Assert
        assertThat(gone).as("the device that left while the portal was down is offline after reconciliation").isNotNull();
        System.out.println("portal restarted and reconciled in " + millis + " ms");
        for (Device d : devices.subList(0, 4)) {
            assertThat(status(ADMIN_A, d.id()).getBoolean("online")).as(d.identity() + " still online").isTrue();
        }
        assertThat(status(ADMIN_A, devices.get(0).id()).getString("since")).as("the session was not restarted").isEqualTo(sinceBefore);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE action = 'vpn.disconnect' AND target = ?"
                + " AND details LIKE '%reconciled%'", "device:" + devices.get(4).id())).isEqualTo(1);
        assertThat(presenceChanges(devices.get(0).id())).as("still online: no change in the presence history")
                .isEqualTo("TUNNEL on");
        assertThat(presenceChanges(devices.get(4).id())).as("gone while the portal was down: offline when it was found")
                .isEqualTo("TUNNEL on|TUNNEL off");
    }

    @Test
    @Order(8)
    @DisplayName("an account disabled while its device is online: the session ends and its instance stops; enabled again,"
            + " the instance is back and takes the device")
    void disabledAccountEndsItsSessions() throws Exception {
        // Arrange
        saw = newDevice(ADMIN_B, "Saw B", "192.168.0.0/24");
        Process client = startDevice(saw, saw.secret(), clientNs, "saw-b");
        assertThat(awaitStatus(ADMIN_B, saw.id(), s -> s.getBoolean("online"), 15_000)).as(log("saw-b")).isNotNull();
        long serverBefore = serverPid(accountB);
        long startsBefore = count(serverLog("acct-" + accountB), "Initialization Sequence Completed");

        // Act
        long disabling = System.nanoTime();
        onAccountsPage(accountRow("beta-vpn") + "//button[span[text()='Disable']]", "statusForm", "statusForm:confirm",
                "contract paused");
        boolean offline = awaitCount("SELECT COUNT(*) FROM device_vpn_status WHERE online = FALSE AND device_id = " + saw.id(),
                1, 15_000);
        long millis = (System.nanoTime() - disabling) / 1_000_000;

        // Assert
        assertThat(offline).as("offline in the database:\n" + serverLog("acct-" + accountB)).isTrue();
        System.out.println("disabled account's device offline " + millis + " ms after the administrator's browser started (sign-in included)");
        assertThat(awaitGone(serverBefore, 10_000)).as("the account's OpenVPN instance stopped").isTrue();
        assertThat(audit(accountB, "vpn.disconnect", "device:" + saw.id())).isEqualTo(1);
        assertThat(serverPid(accountB)).isZero();

        // Act: enabled again; the router (restarted, as its retry would after its next timeout) dials in
        onAccountsPage(accountRow("beta-vpn") + "//button[span[text()='Enable']]", "statusForm", "statusForm:confirm",
                "contract resumed");
        SystemTier.stop(client);
        awaitInstanceStarts(accountB, startsBefore + 1);
        sawClient = startDevice(saw, saw.secret(), clientNs, "saw-b-again");

        // Assert
        assertThat(awaitStatus(ADMIN_B, saw.id(), s -> s.getBoolean("online"), 20_000)).as(log("saw-b-again")).isNotNull();
        assertThat(serverPid(accountB)).isNotZero().isNotEqualTo(serverBefore);
    }

    @Test
    @Order(9)
    @DisplayName("an instance that dies is started again by the portal within seconds, and takes its devices again")
    void deadInstanceIsRestarted() throws Exception {
        // Arrange
        long before = serverPid(accountB);
        assertThat(before).isNotZero();
        long startsBefore = count(serverLog("acct-" + accountB), "Initialization Sequence Completed");
        String serverStarts = "SELECT COUNT(*) FROM audit_event WHERE chain_key = 0 AND action = 'vpn.server-start'"
                + " AND outcome = 'SUCCESS' AND target = 'openvpn-server@acct-" + accountB + "'";
        long recordedBefore = Fixtures.count(db, serverStarts);

        // Act: the server process is killed (as a crash would end it)
        long killing = System.nanoTime();
        ProcessHandle.of(before).orElseThrow().destroyForcibly();
        awaitInstanceStarts(accountB, startsBefore + 1);
        long millis = (System.nanoTime() - killing) / 1_000_000;
        // the router notices a vanished server only at its ping timeout (60 s); restarted, as it then would be
        SystemTier.stop(sawClient);
        sawClient = startDevice(saw, saw.secret(), clientNs, "saw-b-third");

        // Assert
        System.out.println("dead instance serving again " + millis + " ms after it was killed");
        assertThat(serverPid(accountB)).isNotZero().isNotEqualTo(before);
        assertThat(awaitStatus(ADMIN_B, saw.id(), s -> s.getBoolean("online") && s.getString("since") != null, 20_000))
                .as(log("saw-b-third")).isNotNull();
        assertThat(awaitCount("SELECT COUNT(*) FROM audit_event WHERE action = 'vpn.connect' AND target = 'device:"
                + saw.id() + "'", 3, 20_000)).as("a third connect of the device, to the restarted instance").isTrue();
        assertThat(recordedBefore).as("the earlier starts are in the system protocol's records").isPositive();
        assertThat(Fixtures.count(db, serverStarts)).as("the start after the crash is recorded too").isEqualTo(recordedBefore + 1);
    }

    @Test
    @Order(10)
    @DisplayName("a system administrator widens an account's virtual pool: its instance is restarted to route the new pool")
    void changedPoolIsRouted() throws Exception {
        // Arrange
        long before = serverPid(accountB);
        long startsBefore = count(serverLog("acct-" + accountB), "Initialization Sequence Completed");
        Path conf = lab.dir().resolve("openvpn").resolve("acct-" + accountB + ".conf");
        assertThat(Files.readString(conf)).contains("route 10.242.0.0 255.255.0.0");

        // Act
        onAccountsPage(accountRow("beta-vpn") + "//button[span[text()='Pool']]", "poolForm", null, null);

        // Assert
        awaitInstanceStarts(accountB, startsBefore + 1);
        assertThat(Files.readString(conf)).contains("route 10.242.0.0 255.254.0.0").doesNotContain("255.255.0.0");
        assertThat(serverPid(accountB)).isNotZero().isNotEqualTo(before);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE action = 'account.virtual-pool' AND account_id = ?",
                accountB)).isEqualTo(1);
    }

    @Test
    @Order(11)
    @DisplayName("an account's full pool grows by a block for a new device: while a technician's tunnel is up the instance"
            + " keeps running; once it is down the instance is restarted to route the block (audited vpn.instance-restart),"
            + " and the device in the new block dials in, routed into the account's interface")
    void grownPoolIsRouted() throws Exception {
        // Arrange: an account whose pool is one /24, filled by its first device, and its technician connected
        long accountC = Fixtures.account(db, "gamma-vpn");
        Fixtures.setPool(db, accountC, "10.243.0.0/24");
        Fixtures.apiToken(db, accountC, Fixtures.user(db, accountC, "admin", "Gamma-Admin-2026",
                List.of("device:view", "device:edit")), ADMIN_C);
        long techC = Fixtures.user(db, accountC, "tech", "Tech-Gamma-2026", List.of("device:view", "device:connect"));
        Fixtures.apiToken(db, accountC, techC, TECH_C);
        TotpSecret totp = lab.enrolTotp(techC);
        Path conf = lab.dir().resolve("openvpn").resolve("acct-" + accountC + ".conf");
        Device first = newDevice(ADMIN_C, "Lathe 1", "192.168.0.0/24");
        assertThat(first.virtualSubnet()).isEqualTo("10.243.0.0/24");
        long end = System.currentTimeMillis() + 30_000;
        while (!(Files.exists(conf) && Files.readString(conf).contains("route 10.243.0.0 255.255.255.0"))
                && System.currentTimeMillis() < end) {
            Thread.sleep(200);
        }
        awaitInstanceReady(accountC);
        Thread.sleep(3_000); // two supervision rounds: the instance routes the /24 and runs
        ApiClient.Answer made = api(TECH_C).post("/vpn/technician-profile", "{\"reason\":\"service laptop\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        VpnLab.Technician technician = lab.technician(made.json().getString("profile"), "tech", "Tech-Gamma-2026",
                new TotpGenerator(TotpAlgorithm.SHA1, 6, 30).codeAt(totp, Instant.now()), "tech-gamma");
        assertThat(awaitCount("SELECT COUNT(*) FROM audit_event WHERE action = 'vpn.connect' AND target = 'user:" + techC
                + "'", 1, 15_000)).as("technician connected:\n" + log("tech-gamma")).isTrue();
        long startsBefore = count(serverLog("acct-" + accountC), "Initialization Sequence Completed");
        long before = serverPid(accountC);

        // Act: the second device fits in no block
        Device second = newDevice(ADMIN_C, "Lathe 2", "192.168.0.0/24");

        // Assert: the pool grew; three supervision rounds later the instance still runs, for the technician
        String block = Fixtures.string(db, "SELECT block FROM account_pool_block WHERE account_id = ? AND grown", accountC);
        assertThat(block).isNotNull();
        assertThat(io.keyswitch.platform.Ipv4Subnet.parse(block).subnet()
                .overlaps(io.keyswitch.platform.Ipv4Subnet.parse(second.virtualSubnet()).subnet()))
                .as("the second device's subnet " + second.virtualSubnet() + " lies in the grown block " + block).isTrue();
        Thread.sleep(6_000);
        assertThat(serverPid(accountC)).as("not restarted while the technician works").isEqualTo(before);
        assertThat(audit(accountC, "vpn.instance-restart", "vpn-instance:acct-" + accountC)).isZero();

        // Act: the technician disconnects
        SystemTier.stop(technician.process());

        // Assert: restarted, routing the new block
        awaitInstanceStarts(accountC, startsBefore + 1);
        io.keyswitch.vpn.config.Ipv4Network network = io.keyswitch.vpn.config.Ipv4Network.parse(block);
        assertThat(Files.readString(conf)).contains("route " + network.openvpn(), "route 10.243.0.0 255.255.255.0");
        assertThat(serverPid(accountC)).isNotZero().isNotEqualTo(before);
        assertThat(auditReasons(accountC, "vpn.instance-restart", "vpn-instance:acct-" + accountC))
                .containsExactly("virtual pool grown; no technician tunnel was up");
        Process ip = new ProcessBuilder("ip", "-n", serverNs, "-4", "route", "show", block).redirectErrorStream(true).start();
        String route = new String(ip.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ip.waitFor()).as(route).isZero();
        assertThat(route).as("the host routes the grown block into the account's interface").contains("dev ");

        // Act: the device in the new block dials in
        Process client = startDevice(second, second.secret(), clientNs, "lathe-2");
        try {
            // Assert
            assertThat(awaitStatus(ADMIN_C, second.id(), s -> s.getBoolean("online"), 15_000))
                    .as("online; client log:\n" + log("lathe-2") + "\nserver log:\n" + serverLog("acct-" + accountC))
                    .isNotNull();
        } finally {
            SystemTier.stop(client);
        }
    }

    // ---- the portal ----

    private static String accountRow(String name) {
        return "//tbody[@id='listForm:accounts_data']/tr[td[text()='" + name + "']]";
    }

    /**
     * As the system administrator on the accounts page: clicks {@code button}, then (status dialog) gives a reason and
     * confirms, or (pool dialog) types the pool 10.242.0.0/15 and a reason and saves; waits until the dialog closed.
     */
    private static void onAccountsPage(String button, String form, String confirm, String reason) {
        WebDriver browser = Browser.start();
        try {
            Steps steps = new Steps(browser);
            signIn(browser, "system", "operator", OPERATOR_PASSWORD);
            browser.get(lab.portal().url() + "accounts.xhtml");
            steps.visible(By.xpath(button)).click();
            if (confirm == null) {
                steps.type("poolForm:virtualPool", "10.242.0.0/15");
                steps.type("poolForm:reason", "room for more machines");
                steps.click("poolForm:savePool");
                new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.findElement(By.id("poolDialog")).isDisplayed());
            } else {
                steps.type(form + ":reason", reason);
                steps.click(confirm);
                new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.findElement(By.id("statusDialog")).isDisplayed());
            }
        } catch (RuntimeException e) {
            Browser.screenshot(browser, "vpn-accounts-page");
            throw e;
        } finally {
            browser.quit();
        }
    }

    /** The PID of the account's OpenVPN server in the server namespace, 0 when none runs. */
    private static long serverPid(long accountId) throws Exception {
        for (long pid : SystemTier.pids(serverNs)) {
            Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
            if (Files.exists(cmdline) && Files.readString(cmdline).contains("acct-" + accountId + ".conf")) {
                return pid;
            }
        }
        return 0;
    }

    private static boolean awaitGone(long pid, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.currentTimeMillis() > end) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** Waits (up to 30 s) until the account's server log says "Initialization Sequence Completed" {@code times} times. */
    private static void awaitInstanceStarts(long accountId, long times) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        while (count(serverLog("acct-" + accountId), "Initialization Sequence Completed") < times) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("instance of account " + accountId + " not started " + times + " times:\n"
                        + serverLog("acct-" + accountId));
            }
            Thread.sleep(200);
        }
    }


    /** Signs in and waits for the start page, so the next page is opened signed in. */
    private static void signIn(WebDriver browser, String account, String user, String password) {
        LoginPage.open(browser, lab.portal().url()).signIn(account, user, password);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/index.xhtml"));
    }

    /** As account A's administrator, on the users page: edit the user, untick "Active", give a reason, save. */
    private static void disableUserInTheBrowser(String username, String reason) {
        WebDriver browser = Browser.start();
        try {
            Steps steps = new Steps(browser);
            signIn(browser, "alpha-vpn", "admin", "Alpha-Admin-2026");
            browser.get(lab.portal().url() + "users.xhtml");
            steps.visible(By.xpath("//tbody[@id='listForm:users_data']/tr[td[normalize-space()='" + username + "']]//button[@title='Edit']"))
                    .click();
            steps.visible(By.id("userForm:active")).findElement(By.cssSelector(".ui-chkbox-box")).click();
            steps.type("userForm:reason", reason);
            steps.click("userForm:save");
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.findElement(By.id("userDialog")).isDisplayed());
        } catch (RuntimeException e) {
            Browser.screenshot(browser, "vpn-disable-user");
            throw e;
        } finally {
            browser.quit();
        }
    }

    /** The device table in a real browser, opened once and then only watched (it must update itself). */
    private static final class DeviceTablePage implements AutoCloseable {
        private final WebDriver browser = Browser.start();
        private final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));

        static DeviceTablePage open(String account, String user, String password) {
            DeviceTablePage page = new DeviceTablePage();
            try {
                signIn(page.browser, account, user, password);
                page.browser.get(lab.portal().url() + "devices.xhtml");
                page.wait.ignoring(StaleElementReferenceException.class);
                ((JavascriptExecutor) page.browser).executeScript("window.ksNotReloaded = true;");
                return page;
            } catch (RuntimeException e) {
                page.close();
                throw e;
            }
        }

        private static By cell(String device) {
            return By.xpath("//tbody[@id='listForm:devices_data']/tr[td//a[text()='" + device + "']]"
                    + "//span[contains(@class,'ks-live')]");
        }

        String vpn(String device) {
            return wait.until(d -> d.findElement(cell(device))).getText();
        }

        /** Waits (up to 15 s) until the device's VPN cell starts with {@code prefix}, without touching the page. */
        String awaitVpn(String device, String prefix) {
            return wait.until(d -> {
                String text = d.findElement(cell(device)).getText();
                return text.startsWith(prefix) ? text : null;
            });
        }

        boolean notReloaded() {
            return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript("return window.ksNotReloaded === true;"));
        }

        @Override
        public void close() {
            browser.quit();
        }
    }

    private static ApiClient api(String token) {
        return lab.api(token);
    }

    private static Device newDevice(String token, String name, String lan) {
        return lab.newDevice(token, name, lan);
    }

    private static JsonObject status(String token, long deviceId) {
        ApiClient.Answer answer = api(token).get("/devices/" + deviceId);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().getJsonObject("vpn");
    }

    private static JsonObject awaitStatus(String token, long deviceId, Predicate<JsonObject> condition, long millis)
            throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        do {
            JsonObject s = status(token, deviceId);
            if (condition.test(s)) {
                return s;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < end);
        return null;
    }

    /** The account's instance, started by the portal at its first profile, took its first client (hold released). */
    private static void awaitInstanceReady(long accountId) throws Exception {
        assertThat(awaitLog(serverLogPath("acct-" + accountId), "Initialization Sequence Completed", 15_000))
                .as("instance of account " + accountId + ":\n" + serverLog("acct-" + accountId)).isTrue();
    }

    private static long count(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).count();
    }

    private static int port(long accountId) throws Exception {
        return Integer.parseInt(Fixtures.string(db, "SELECT port FROM vpn_instance WHERE account_id = ?", accountId));
    }

    private static long audit(long accountId, String action, String target) throws Exception {
        return Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE account_id = ? AND action = ? AND target = ?",
                accountId, action, target);
    }

    private static List<String> auditReasons(long accountId, String action, String targetOrActor) throws Exception {
        return strings("SELECT reason FROM audit_event WHERE account_id = ? AND action = ? AND (target = ? OR actor = ?)"
                + " AND reason IS NOT NULL ORDER BY id", accountId, action, targetOrActor, targetOrActor);
    }

    /** Refusals are audited by the VPN's writer thread, a moment after the client heard AUTH_FAILED: up to 5 s. */
    private static List<String> awaitAuditReasons(long accountId, String action, String actor, int expected) throws Exception {
        long end = System.currentTimeMillis() + 5_000;
        List<String> reasons = auditReasons(accountId, action, actor);
        while (reasons.size() < expected && System.currentTimeMillis() < end) {
            Thread.sleep(100);
            reasons = auditReasons(accountId, action, actor);
        }
        return reasons;
    }

    private static List<String> auditDetails(long accountId, String action, String outcome) throws Exception {
        return strings("SELECT reason FROM audit_event WHERE account_id = ? AND action = ? AND outcome = ? ORDER BY id",
                accountId, action, outcome);
    }

    private static List<String> strings(String sql, Object... params) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = Databases.connect(db); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (var rows = s.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getString(1));
                }
            }
        }
        return out;
    }

    private static boolean awaitCount(String sql, long expected, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        do {
            if (Fixtures.count(db, sql) >= expected) {
                return true;
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < end);
        return false;
    }

    // ---- OpenVPN clients ----

    /** A device's OpenVPN client with its downloaded profile; identity and secret from a 0600 file, as a router keeps them. */
    private static Process startDevice(Device device, String secret, String namespace, String run) throws IOException {
        return lab.device(device, secret, namespace, namespace.equals(attackNs) ? ATTACK_SERVER_ADDRESS : null, run);
    }

    /**
     * A technician's OpenVPN with the downloaded profile, its static challenge answered on the client's own management
     * socket as a GUI would; returns the challenge OpenVPN asked.
     */
    private static String startTechnician(String profile, String username, String password, String code, String run)
            throws Exception {
        return lab.technician(profile, username, password, code, run).challenge();
    }

    private static String block(String profile, String tag) {
        int start = profile.indexOf("<" + tag + ">");
        int end = profile.indexOf("</" + tag + ">") + tag.length() + 3;
        return profile.substring(start, end);
    }

    // ---- files ----

    private static Path serverLogPath(String instance) {
        return lab.serverLogPath(instance);
    }

    private static String serverLog(String instance) throws IOException {
        return lab.serverLog(instance);
    }

    private static String log(String run) {
        return lab.log(run);
    }

    private static boolean awaitLog(Path file, String text, long millis) throws Exception {
        return VpnLab.awaitLog(file, text, millis);
    }

}
