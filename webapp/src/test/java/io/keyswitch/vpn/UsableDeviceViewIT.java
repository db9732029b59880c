package io.keyswitch.vpn;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.FacesClient.Page;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.LocalAddressClient;
import io.keyswitch.testing.TestDirs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Device decisions from memory ({@code vpn.internal.UsableDeviceView}) follow every change the portal's services make,
 * at once: a device's credentials are checked by its reports ({@code POST /api/v1/device-reports}), which answer from
 * the same in-memory view as the VPN's CONNECT decisions. Each check runs right after the changing call answered (no
 * wait), and once more after the view has read the rows again. Each device reports from a loopback address of its own,
 * so the refusals' jail counts stay apart.
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Device decisions from memory follow profiles, revocations, device and account changes at once")
class UsableDeviceViewIT {

    private static final String PASSWORD = "Usable-Device-View-IT-2026";
    private static final String ADMIN = "ks_" + "U".repeat(16) + "usableViewAdmin1";
    private static final String SYSTEM_ADMIN = "ks_" + "V".repeat(16) + "usableViewSystem";
    private static final String BODY = "{\"system\":{\"in1\":true}}";
    /** Long enough for the view to have read the changed rows again (its reload runs within milliseconds). */
    private static final long RELOADED_MS = 1_500;

    private static DatabaseCoordinates db;
    private static long account;
    private static long rotated;
    private static long toggled;
    private static long deleted;

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war").importFrom(TestDirs.war().toFile()).as(WebArchive.class);
    }

    @BeforeAll
    static void arrange() throws Exception {
        db = ArquillianPortal.database();
        long operator = Fixtures.account(db, "operator-usableview");
        long root = Fixtures.user(db, operator, "root", PASSWORD, List.of());
        Fixtures.makeSystemAdmin(db, root);
        Fixtures.apiToken(db, operator, root, SYSTEM_ADMIN);
        account = Fixtures.account(db, "alpha-usableview");
        Fixtures.apiToken(db, account, Fixtures.user(db, account, "admin", PASSWORD,
                List.of("device:view", "device:edit")), ADMIN);
        String pool = Fixtures.firstVirtualSubnet(db, account);
        rotated = Fixtures.device(db, account, "Rotated", "192.168.0.0/24", pool);
        toggled = Fixtures.device(db, account, "Toggled", "192.168.0.0/24", pool.replace(".0.0/24", ".1.0/24"));
        deleted = Fixtures.device(db, account, "Deleted", "192.168.0.0/24", pool.replace(".0.0/24", ".2.0/24"));
    }

    private record Device(long id, String identity, String secret, LocalAddressClient from) {
        Page report() {
            return report(secret);
        }

        Page report(String withSecret) {
            String basic = "Basic " + Base64.getEncoder().encodeToString((identity + ":" + withSecret)
                    .getBytes(StandardCharsets.UTF_8));
            return from.postJson("/api/v1/device-reports", basic, BODY);
        }
    }

    private static Device profile(long deviceId, String address) {
        Answer made = api(ADMIN).post("/devices/" + deviceId + "/vpn-profile", "{\"reason\":\"router commissioning\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        return new Device(deviceId, made.json().getString("identity"), made.json().getString("secret"),
                new LocalAddressClient(ArquillianPortal.httpsUrl(), address));
    }

    private static ApiClient api(String token) {
        return new ApiClient(ArquillianPortal.httpsUrl() + "api/v1", token);
    }

    private static Answer update(long deviceId, String name, boolean active, String tunnelMode) {
        Answer a = api(ADMIN).put("/devices/" + deviceId, "{\"name\":\"" + name + "\",\"lanSubnet\":\"192.168.0.0/24\","
                + "\"active\":" + active + ",\"tunnelMode\":\"" + tunnelMode + "\",\"reason\":\"view test\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a;
    }

    @Test
    @Order(1)
    @DisplayName("a new profile: its secret is taken at once, the old one refused at once — and still after the view reloaded")
    void newSecret() throws Exception {
        // Arrange
        Device first = profile(rotated, "127.0.0.71");
        assertThat(first.report().status()).as(first.report().body()).isEqualTo(200);

        // Act
        Device second = profile(rotated, "127.0.0.71");
        Page oldSecret = first.report();
        Page newSecret = second.report();
        Thread.sleep(RELOADED_MS);
        Page oldLater = first.report();
        Page newLater = second.report();

        // Assert
        assertThat(second.secret()).isNotEqualTo(first.secret());
        assertThat(oldSecret.status()).as(oldSecret.body()).isEqualTo(401);
        assertThat(newSecret.status()).as(newSecret.body()).isEqualTo(200);
        assertThat(oldLater.status()).as(oldLater.body()).isEqualTo(401);
        assertThat(newLater.status()).as(newLater.body()).isEqualTo(200);
    }

    @Test
    @Order(2)
    @DisplayName("a revoked device is refused at once, and still after the view reloaded")
    void revoked() throws Exception {
        // Arrange
        Device device = profile(rotated, "127.0.0.72");
        assertThat(device.report().status()).isEqualTo(200);

        // Act
        Answer revoke = api(ADMIN).post("/devices/" + rotated + "/vpn-revoke", "{\"reason\":\"router stolen\"}");
        Page now = device.report();
        Thread.sleep(RELOADED_MS);
        Page later = device.report();

        // Assert
        assertThat(revoke.status()).as(revoke.body()).isEqualTo(204);
        assertThat(now.status()).as(now.body()).isEqualTo(401);
        assertThat(later.status()).as(later.body()).isEqualTo(401);
    }

    @Test
    @Order(3)
    @DisplayName("a disabled device is refused at once; enabled again it is taken at once; ON_DEMAND is answered at once")
    void disabledEnabledOnDemand() throws Exception {
        // Arrange
        Device device = profile(toggled, "127.0.0.73");
        Page before = device.report();
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(before.body()).contains("\"tunnel\":\"wanted\"");

        // Act: disabled
        update(toggled, "Toggled", false, "ALWAYS");
        Page disabled = device.report();
        Thread.sleep(RELOADED_MS);
        Page disabledLater = device.report();

        // Act: enabled again, on demand
        update(toggled, "Toggled", true, "ON_DEMAND");
        Page enabled = device.report();
        Thread.sleep(RELOADED_MS);
        Page enabledLater = device.report();

        // Assert
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(403);
        assertThat(disabled.body()).contains("This device is disabled.");
        assertThat(disabledLater.status()).as(disabledLater.body()).isEqualTo(403);
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.body()).contains("\"tunnel\":\"not-needed\"");
        assertThat(enabledLater.status()).as(enabledLater.body()).isEqualTo(200);
        assertThat(enabledLater.body()).contains("\"tunnel\":\"not-needed\"");
    }

    @Test
    @Order(4)
    @DisplayName("a disabled account's device is refused at once; the account enabled again, it is taken at once")
    void accountDisabled() throws Exception {
        // Arrange
        Device device = profile(toggled, "127.0.0.74");
        assertThat(device.report().status()).isEqualTo(200);

        // Act
        Answer off = api(SYSTEM_ADMIN).post("/accounts/" + account + "/disable", "{\"reason\":\"contract paused\"}");
        Page disabled = device.report();
        Thread.sleep(RELOADED_MS);
        Page disabledLater = device.report();
        Answer on = api(SYSTEM_ADMIN).post("/accounts/" + account + "/enable", "{\"reason\":\"contract resumed\"}");
        Page enabled = device.report();
        Thread.sleep(RELOADED_MS);
        Page enabledLater = device.report();

        // Assert
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(403);
        assertThat(disabled.body()).contains("account is disabled");
        assertThat(disabledLater.status()).as(disabledLater.body()).isEqualTo(403);
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabledLater.status()).as(enabledLater.body()).isEqualTo(200);
    }

    @Test
    @Order(5)
    @DisplayName("a deleted device is refused at once, and still after the view reloaded")
    void deleted() throws Exception {
        // Arrange
        Device device = profile(deleted, "127.0.0.75");
        assertThat(device.report().status()).isEqualTo(200);

        // Act
        Answer gone = api(ADMIN).delete("/devices/" + deleted + "?reason=machine+scrapped");
        Page now = device.report();
        Thread.sleep(RELOADED_MS);
        Page later = device.report();

        // Assert
        assertThat(gone.status()).as(gone.body()).isEqualTo(204);
        assertThat(now.status()).as(now.body()).isEqualTo(401);
        assertThat(later.status()).as(later.body()).isEqualTo(401);
    }
}
