package io.keyswitch.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.platform.Rights;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.TestDirs;
import io.keyswitch.user.internal.BcryptPasswordHasher;
import jakarta.json.JsonObject;
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
 * The accounts API as a system administrator's program uses it, doing what the page "Accounts" does: create an account
 * with its first administrator, list and read accounts, disable and enable one, change its virtual pool — each with a
 * reason, audited in the system administrator's trail and the account's. Everyone else, even an account's
 * administrator with every right of their account, gets 403 for every call and learns nothing of any account.
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Accounts API")
class AccountsApiIT {

    private static final String SYSTEM_ADMIN_TOKEN = "ks_" + "G".repeat(16) + "accountsSysAdmin";
    private static final String TENANT_ADMIN_TOKEN = "ks_" + "H".repeat(16) + "accountsTenantAd";
    private static final String TENANT_USER_TOKEN = "ks_" + "J".repeat(16) + "accountsTenantUs";

    private static DatabaseCoordinates db;
    private static long operator;
    private static long tenant;
    private static long created;

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war").importFrom(TestDirs.war().toFile()).as(WebArchive.class);
    }

    @BeforeAll
    static void arrange() throws Exception {
        db = ArquillianPortal.database();
        operator = Fixtures.account(db, "operator-accapi");
        long systemAdmin = Fixtures.user(db, operator, "root", "Operator-Root-2026", List.of());
        Fixtures.makeSystemAdmin(db, systemAdmin);
        Fixtures.apiToken(db, operator, systemAdmin, SYSTEM_ADMIN_TOKEN);
        tenant = Fixtures.account(db, "tenant-accapi");
        Fixtures.apiToken(db, tenant, Fixtures.user(db, tenant, "adm", "Tenant-Admin-2026", Rights.ALL), TENANT_ADMIN_TOKEN);
        Fixtures.apiToken(db, tenant, Fixtures.user(db, tenant, "worker", "Tenant-Worker-2026", List.of(Rights.DEVICE_VIEW)),
                TENANT_USER_TOKEN);
        Fixtures.setPool(db, tenant, "172.26.0.0/16");
        Fixtures.device(db, tenant, "press", "192.168.0.0/24", "172.26.0.0/24");
    }

    private static ApiClient as(String token) {
        return new ApiClient(ArquillianPortal.httpsUrl() + "api/v1", token);
    }

    @Test
    @Order(1)
    @DisplayName("a system administrator creates an account: 201 with its first administrator's one-time password, once;"
            + " the administrator must change it at the first login; audited in both trails with the reason")
    void create() throws Exception {
        Answer answer = as(SYSTEM_ADMIN_TOKEN).post("/accounts", "{\"name\":\"Acme-AccApi\",\"adminUsername\":\"boss\","
                + "\"adminFullName\":\"Berta Boss\",\"reason\":\"new customer, order 4711\"}");

        assertThat(answer.status()).isEqualTo(201);
        JsonObject account = answer.json().getJsonObject("account");
        created = account.getJsonNumber("id").longValue();
        assertThat(account.getString("name")).isEqualTo("acme-accapi");
        assertThat(account.getString("status")).isEqualTo("ACTIVE");
        assertThat(account.getString("virtualPool")).endsWith("/16");
        assertThat(account.getInt("users")).isOne();
        assertThat(answer.json().getString("adminUsername")).isEqualTo("boss");
        String password = answer.json().getString("oneTimePassword");
        String hash = Fixtures.string(db, "SELECT password_hash FROM app_user WHERE account_id = ? AND username = 'boss'", created);
        assertThat(new BcryptPasswordHasher().matches(password.toCharArray(), hash)).isTrue();
        assertThat(answer.body()).doesNotContain(hash);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM app_user WHERE account_id = ? AND must_change_password", created)).isOne();
        assertThat(as(SYSTEM_ADMIN_TOKEN).get("/accounts/" + created).body()).doesNotContain(password);
        assertThat(Fixtures.string(db, "SELECT GROUP_CONCAT(CONCAT(account_id, ' ', actor, ' | ', reason) ORDER BY account_id)"
                + " FROM audit_event WHERE action = 'account.create' AND target = 'account:acme-accapi'"))
                .isEqualTo(operator + " operator-accapi/root (API token test token) | new customer, order 4711,"
                        + created + " operator-accapi/root (API token test token) | new customer, order 4711");
    }

    @Test
    @Order(2)
    @DisplayName("accounts are listed by name, paged and filtered by name prefix; one account shows its pool, users and devices")
    void listAndRead() {
        ApiClient root = as(SYSTEM_ADMIN_TOKEN);

        Answer filtered = root.get("/accounts?filter=tenant-acc&page=0&size=10");
        Answer firstPage = root.get("/accounts?page=0&size=1");
        Answer one = root.get("/accounts/" + tenant);

        assertThat(filtered.json().getInt("total")).isOne();
        assertThat(filtered.json().getJsonArray("items").getJsonObject(0).getString("name")).isEqualTo("tenant-accapi");
        assertThat(firstPage.json().getJsonArray("items")).hasSize(1);
        assertThat(firstPage.json().getInt("total")).isGreaterThanOrEqualTo(3);
        assertThat(one.json().getString("virtualPool")).isEqualTo("172.26.0.0/16");
        assertThat(one.json().getInt("users")).isEqualTo(2);
        assertThat(one.json().getInt("devices")).isOne();
        assertThat(one.json().getJsonArray("poolOverlaps")).isEmpty();
        assertThat(root.get("/accounts/999999999").status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    @DisplayName("bad input is a 400 problem naming each field (name, virtualPool, adminFullName, reason), and nothing is stored")
    void badInput() throws Exception {
        ApiClient root = as(SYSTEM_ADMIN_TOKEN);
        long accounts = Fixtures.count(db, "SELECT COUNT(*) FROM account");
        long events = Fixtures.count(db, "SELECT COUNT(*) FROM audit_event");
        String tenantPool = "172.26.0.0/16";

        Answer badName = root.post("/accounts", "{\"name\":\"acme inc!\",\"reason\":\"new customer\"}");
        Answer taken = root.post("/accounts", "{\"name\":\"acme-accapi\",\"reason\":\"new customer\"}");
        Answer overlapping = root.post("/accounts", "{\"name\":\"overlap-accapi\",\"virtualPool\":\"" + tenantPool + "\","
                + "\"reason\":\"new customer\"}");
        Answer badFullName = root.post("/accounts", "{\"name\":\"ctl-accapi\",\"adminFullName\":\"a\\u0007b\",\"reason\":\"new\"}");
        Answer noReason = root.post("/accounts", "{\"name\":\"silent-accapi\"}");
        Answer tooNarrow = root.put("/accounts/" + tenant + "/virtual-pool", "{\"virtualPool\":\"172.29.5.0/25\",\"reason\":\"tidy\"}");
        Answer losesDevices = root.put("/accounts/" + tenant + "/virtual-pool", "{\"virtualPool\":\"172.29.0.0/16\",\"reason\":\"tidy\"}");
        Answer ownAccount = root.post("/accounts/" + operator + "/disable", "{\"reason\":\"oops\"}");
        Answer noBody = root.post("/accounts", "");

        assertThat(List.of(badName, taken, overlapping, badFullName, noReason, tooNarrow, losesDevices, ownAccount, noBody))
                .allSatisfy(a -> {
                    assertThat(a.status()).isEqualTo(400);
                    assertThat(a.contentType()).startsWith("application/problem+json");
                });
        assertThat(badName.json().getJsonObject("errors").getString("name")).startsWith("2 to 64 characters");
        assertThat(taken.json().getJsonObject("errors").getString("name")).isEqualTo("There is already an account named 'acme-accapi'.");
        assertThat(overlapping.json().getJsonObject("errors").getString("virtualPool")).contains("account 'tenant-accapi'");
        assertThat(badFullName.json().getJsonObject("errors").getString("adminFullName")).contains("control character");
        assertThat(noReason.json().getJsonObject("errors").getString("reason")).contains("Please say why");
        assertThat(tooNarrow.json().getJsonObject("errors").getString("virtualPool")).isEqualTo("A virtual pool must be from /8 to /24.");
        assertThat(losesDevices.json().getJsonObject("errors").getString("virtualPool"))
                .startsWith("1 device(s) of this account have virtual subnets outside 172.29.0.0/16");
        assertThat(ownAccount.json().getJsonObject("errors").getString("reason")).isEqualTo("You cannot disable your own account.");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM account")).isEqualTo(accounts);
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM audit_event")).isEqualTo(events);
        assertThat(Fixtures.pool(db, tenant)).isEqualTo(tenantPool);
    }

    @Test
    @Order(4)
    @DisplayName("a disabled account's tokens are refused at once; enabled again, they work; both audited with the reason")
    void disableAndEnable() throws Exception {
        ApiClient root = as(SYSTEM_ADMIN_TOKEN);

        Answer disabled = root.post("/accounts/" + tenant + "/disable", "{\"reason\":\"contract paused\"}");
        int whileDisabled = as(TENANT_USER_TOKEN).get("/devices").status();
        Answer enabled = root.post("/accounts/" + tenant + "/enable", "{\"reason\":\"contract renewed\"}");
        int afterwards = as(TENANT_USER_TOKEN).get("/devices").status();

        assertThat(disabled.json().getString("status")).isEqualTo("DISABLED");
        assertThat(whileDisabled).isEqualTo(401);
        assertThat(enabled.json().getString("status")).isEqualTo("ACTIVE");
        assertThat(afterwards).isEqualTo(200);
        assertThat(Fixtures.string(db, "SELECT GROUP_CONCAT(CONCAT(details, ' ', reason) ORDER BY id) FROM audit_event"
                + " WHERE action = 'account.status' AND account_id = ?", tenant))
                .isEqualTo("{\"status\":[\"ACTIVE\",\"DISABLED\"]} contract paused,{\"status\":[\"DISABLED\",\"ACTIVE\"]} contract renewed");
    }

    @Test
    @Order(5)
    @DisplayName("the virtual pool changes to one that holds the account's devices, with a reason, audited")
    void virtualPool() throws Exception {
        Answer changed = as(SYSTEM_ADMIN_TOKEN).put("/accounts/" + tenant + "/virtual-pool",
                "{\"virtualPool\":\"172.26.0.0/15\",\"reason\":\"room for the new plant\"}");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().getString("virtualPool")).isEqualTo("172.26.0.0/15");
        assertThat(Fixtures.pool(db, tenant)).isEqualTo("172.26.0.0/15");
        assertThat(Fixtures.string(db, "SELECT CONCAT(details, ' ', reason) FROM audit_event WHERE action = 'account.virtual-pool'"
                + " AND account_id = ?", tenant))
                .isEqualTo("{\"virtualPool\":[\"172.26.0.0/16\",\"172.26.0.0/15\"]} room for the new plant");
    }

    @Test
    @Order(6)
    @DisplayName("an account's administrator (every right of the account) and its users get 403 problem+json for every call,"
            + " the same for their own account, another one and one that does not exist; nothing changes")
    void onlySystemAdministrators() throws Exception {
        long events = Fixtures.count(db, "SELECT COUNT(*) FROM audit_event");
        String accountsBefore = Fixtures.string(db, "SELECT GROUP_CONCAT(CONCAT(a.id, a.name, a.status, b.block) ORDER BY a.id, b.first_address)"
                + " FROM account a LEFT JOIN account_pool_block b ON b.account_id = a.id");

        for (String token : List.of(TENANT_ADMIN_TOKEN, TENANT_USER_TOKEN)) {
            ApiClient tenantSide = as(token);
            List<Answer> answers = List.of(
                    tenantSide.get("/accounts"),
                    tenantSide.get("/accounts/" + tenant),
                    tenantSide.get("/accounts/" + operator),
                    tenantSide.get("/accounts/999999999"),
                    tenantSide.post("/accounts", "{\"name\":\"mine-accapi\",\"reason\":\"my own tenant\"}"),
                    tenantSide.post("/accounts/" + created + "/disable", "{\"reason\":\"competitor\"}"),
                    tenantSide.post("/accounts/" + tenant + "/enable", "{\"reason\":\"me\"}"),
                    tenantSide.put("/accounts/" + created + "/virtual-pool", "{\"virtualPool\":\"172.27.0.0/16\",\"reason\":\"x\"}"));

            assertThat(answers).allSatisfy(a -> {
                assertThat(a.status()).isEqualTo(403);
                assertThat(a.contentType()).startsWith("application/problem+json");
                assertThat(a.json().getString("detail")).isEqualTo("This needs the right account:manage.");
                assertThat(a.body()).doesNotContain("acme-accapi", "operator-accapi", "tenant-accapi");
            });
        }
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM audit_event")).isEqualTo(events);
        assertThat(Fixtures.string(db, "SELECT GROUP_CONCAT(CONCAT(a.id, a.name, a.status, b.block) ORDER BY a.id, b.first_address)"
                + " FROM account a LEFT JOIN account_pool_block b ON b.account_id = a.id"))
                .isEqualTo(accountsBefore);
    }

    @Test
    @Order(7)
    @DisplayName("without a valid token every call is 401 problem+json")
    void needsAToken() {
        Answer none = as(null).get("/accounts");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
    }
}
