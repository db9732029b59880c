package io.keyswitch.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.TestDirs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * The device API as a program uses it: token authentication, paging, RFC 9457 problems, rights,
 * and strict tenancy — a token of another account finds nothing, and cannot tell a device of
 * another account from one that does not exist.
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Device API")
class DeviceApiIT {

    private static final String ALPHA_TOKEN = "ks_" + "A".repeat(16) + "alphaAdminToken1";
    private static final String BETA_TOKEN = "ks_" + "B".repeat(16) + "betaAdminToken22";
    private static final String VIEWER_TOKEN = "ks_" + "C".repeat(16) + "alphaViewerToken";
    private static DatabaseCoordinates db;
    private static long alpha;
    private static String deviceId;
    private static long alphaTokenId;

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war").importFrom(TestDirs.war().toFile()).as(WebArchive.class);
    }

    @BeforeAll
    static void arrange() throws Exception {
        db = ArquillianPortal.database();
        alpha = Fixtures.account(db, "alpha-api");
        long beta = Fixtures.account(db, "beta-api");
        List<String> editor = List.of("device:view", "device:edit", "component:edit");
        alphaTokenId = Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "api-admin", "Alpha-Admin-2026", editor), ALPHA_TOKEN);
        Fixtures.apiToken(db, beta, Fixtures.user(db, beta, "api-admin", "Beta-Admin-2026", editor), BETA_TOKEN);
        Fixtures.apiToken(db, alpha, Fixtures.user(db, alpha, "viewer", "Alpha-Viewer-2026", List.of("device:view")), VIEWER_TOKEN);
    }

    private static ApiClient as(String token) {
        return new ApiClient(ArquillianPortal.httpsUrl() + "api/v1", token);
    }

    @Test
    @Order(1)
    @DisplayName("without a valid token every call is 401 problem+json")
    void needsAToken() {
        Answer none = as(null).get("/devices");
        Answer wrong = as("ks_" + "x".repeat(32)).get("/devices");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.json().getInt("status")).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    @DisplayName("a device is created with a reason, gets its virtual subnet, and is listed with paging")
    void createAndList() throws Exception {
        Answer created = as(ALPHA_TOKEN).post("/devices",
                "{\"name\":\"Mill 1\",\"serialNumber\":\"M-1\",\"lanSubnet\":\"192.168.0.0/24\",\"reason\":\"new mill\"}");
        Answer list = as(ALPHA_TOKEN).get("/devices?page=0&size=10");

        assertThat(created.status()).isEqualTo(201);
        deviceId = String.valueOf(created.json().getJsonNumber("id").longValue());
        assertThat(created.json().getString("virtualSubnet")).isEqualTo(Fixtures.firstVirtualSubnet(db, alpha));
        assertThat(list.json().getInt("total")).isEqualTo(1);
        assertThat(list.json().getJsonArray("items").getJsonObject(0).getString("name")).isEqualTo("Mill 1");
        assertThat(Fixtures.string(db, "SELECT CONCAT(actor, ' | ', reason) FROM audit_event WHERE account_id = ? AND action = 'device.create'", alpha))
                .isEqualTo("alpha-api/api-admin (API token test token) | new mill");
    }

    @Test
    @Order(3)
    @DisplayName("bad input is a 400 problem naming each field, and nothing is stored")
    void validation() throws Exception {
        Answer bad = as(ALPHA_TOKEN).post("/devices", "{\"name\":\"\",\"lanSubnet\":\"192.168.0.1/24\",\"reason\":\"x\"}");
        Answer noReason = as(ALPHA_TOKEN).post("/devices", "{\"name\":\"Mill 2\",\"lanSubnet\":\"192.168.0.0/24\"}");
        Answer outside = as(ALPHA_TOKEN).post("/devices/" + deviceId + "/components",
                "{\"name\":\"PLC\",\"ip\":\"10.0.0.5\",\"services\":\"tcp/102\",\"reason\":\"the PLC\"}");
        Answer unreadable = as(ALPHA_TOKEN).post("/devices", "{not json");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().getJsonObject("errors").getString("reason")).contains("Please say why");
        assertThat(noReason.json().getJsonObject("errors").getString("reason")).contains("Please say why");
        assertThat(outside.json().getJsonObject("errors").getString("ip"))
                .isEqualTo("10.0.0.5 is not a host address in the device's LAN 192.168.0.0/24.");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.body()).doesNotContain("Exception", "at org.");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM device WHERE account_id = ?", alpha)).isOne();
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM component WHERE account_id = ?", alpha)).isZero();
    }

    @Test
    @Order(4)
    @DisplayName("another account's token cannot read, change, delete or list the device: 404, as for an id that does not exist")
    void tenancy() throws Exception {
        ApiClient beta = as(BETA_TOKEN);
        Answer missing = beta.get("/devices/999999999");

        List<Answer> across = List.of(
                beta.get("/devices/" + deviceId),
                beta.put("/devices/" + deviceId, "{\"name\":\"stolen\",\"lanSubnet\":\"192.168.0.0/24\",\"reason\":\"x-account\"}"),
                beta.delete("/devices/" + deviceId + "?reason=x-account"),
                beta.get("/devices/" + deviceId + "/components"),
                beta.post("/devices/" + deviceId + "/components",
                        "{\"name\":\"PLC\",\"ip\":\"192.168.0.5\",\"services\":\"tcp/102\",\"reason\":\"x-account\"}"));

        assertThat(across).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(404);
            assertThat(a.body()).isEqualTo(missing.body());
        });
        assertThat(beta.get("/devices").json().getInt("total")).isZero();
        assertThat(Fixtures.string(db, "SELECT name FROM device WHERE id = ?", Long.parseLong(deviceId))).isEqualTo("Mill 1");
    }

    @Test
    @Order(5)
    @DisplayName("a token carries only its user's rights: a viewer may read but not create (403)")
    void rights() {
        Answer read = as(VIEWER_TOKEN).get("/devices/" + deviceId);
        Answer write = as(VIEWER_TOKEN).post("/devices", "{\"name\":\"Mill 3\",\"lanSubnet\":\"192.168.0.0/24\",\"reason\":\"try\"}");

        assertThat(read.status()).isEqualTo(200);
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().getString("detail")).isEqualTo("This needs the right device:edit.");
    }

    @Test
    @Order(6)
    @DisplayName("paging parameters out of range are a 400 problem")
    void paging() {
        Answer tooBig = as(ALPHA_TOKEN).get("/devices?size=500");

        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().getJsonObject("errors").getString("size")).isEqualTo("size is 1 to 200.");
    }

    @Test
    @Order(6)
    @DisplayName("devices created at the same moment in one account each get their own virtual subnet: all created, none"
            + " refused for a subnet another took")
    void concurrentCreates() throws Exception {
        int devices = 12;
        ExecutorService pool = Executors.newFixedThreadPool(devices);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < devices; i++) {
                String body = "{\"name\":\"Parallel " + i + "\",\"lanSubnet\":\"10.20." + i + ".0/24\",\"reason\":\"rollout\"}";
                answers.add(pool.submit(() -> {
                    start.await();
                    return as(ALPHA_TOKEN).post("/devices", body);
                }));
            }
            start.countDown();
            List<String> refused = new ArrayList<>();
            for (Future<Answer> a : answers) {
                Answer answer = a.get(2, TimeUnit.MINUTES);
                if (answer.status() != 201) {
                    refused.add(answer.status() + " " + answer.body());
                }
            }

            assertThat(refused).isEmpty();
        } finally {
            pool.shutdownNow();
        }
        assertThat(Fixtures.string(db, "SELECT COUNT(DISTINCT virtual_subnet) FROM device WHERE account_id = ? AND name LIKE"
                + " 'Parallel %'", alpha)).isEqualTo(String.valueOf(devices));
    }

    @Test
    @Order(7)
    @DisplayName("a revoked token is refused at once")
    void revoked() throws Exception {
        Fixtures.update(db, "UPDATE api_token SET revoked_at = UTC_TIMESTAMP(3) WHERE id = ?", alphaTokenId);

        assertThat(as(ALPHA_TOKEN).get("/devices").status()).isEqualTo(401);
    }

    @Test
    @Order(9)
    @DisplayName("wrong tokens count in the login jail: after five the address gets 429, even with a valid token")
    void jail() {
        for (int i = 0; i < 5; i++) {
            assertThat(as("ks_" + "w".repeat(31) + i).get("/devices").status()).isIn(401, 429);
        }

        Answer banned = as(VIEWER_TOKEN).get("/devices");

        assertThat(banned.status()).isEqualTo(429);
        assertThat(banned.contentType()).startsWith("application/problem+json");
        assertThat(banned.json().getString("detail")).isEqualTo("Too many failed logins from this address; try again later.");
    }

    @Test
    @Order(8)
    @DisplayName("the OpenAPI document describes the device API")
    void openApi() {
        Answer doc = new ApiClient(ArquillianPortal.httpsUrl(), null).get("/openapi");

        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.body()).contains("/api/v1/devices", "/api/v1/devices/{id}/components", "bearer");
    }
}
