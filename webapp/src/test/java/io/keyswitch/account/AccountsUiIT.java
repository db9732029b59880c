package io.keyswitch.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.security.LoginResult;
import io.keyswitch.testing.Browser;
import io.keyswitch.testing.DataTablePart;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.LoginPage;
import io.keyswitch.testing.Steps;
import io.keyswitch.testing.UiPortal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A system administrator opens an account for a new customer, whose administrator logs in with the
 * one-time password shown once and sees only that account; a disabled account's users cannot log in.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Accounts in the browser")
class AccountsUiIT {

    private static final String PASSWORD = "System-Operator-2026";
    private static PortalProcess portal;
    private static DatabaseCoordinates db;
    private static WebDriver browser;
    private static String firstLogin;

    @BeforeAll
    static void arrange() throws Exception {
        portal = UiPortal.get();
        db = UiPortal.database();
        long system = Fixtures.accountId(db, "system");
        Fixtures.makeSystemAdmin(db, Fixtures.user(db, system, "operator", PASSWORD, List.of("user:manage", "audit:view")));
        browser = Browser.start();
        new Steps(browser).signIn(portal.url(), "system", "operator", PASSWORD);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    @DisplayName("a new account comes with its administrator, whose one-time login is shown once")
    void createAccount() throws Exception {
        AccountsPage accounts = AccountsPage.open();
        accounts.startNewAccount("Newco Ltd");
        accounts.type("reason", "new customer, contract 2026-17");
        accounts.create();
        assertThat(accounts.messageFor("accountName")).startsWith("2 to 64 characters");

        accounts.type("accountName", "newco");
        accounts.type("adminUsername", "boss");
        accounts.create();

        firstLogin = accounts.createdLogin();
        assertThat(firstLogin).matches("account newco, user boss, one-time password [A-Za-z0-9]{16}");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE action = 'account.create' AND target = 'account:newco'"))
                .isEqualTo(2);
    }

    @Test
    @Order(2)
    @DisplayName("the new administrator logs in, must choose a password, and sees nothing of other accounts")
    void newAdministrator() {
        String oneTime = firstLogin.substring(firstLogin.lastIndexOf(' ') + 1);
        WebDriver boss = Browser.start();
        try {
            LoginPage.open(boss, portal.url()).signIn("newco", "boss", oneTime);
            new WebDriverWait(boss, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/password.xhtml"));
            for (String[] f : new String[][] {{"current", oneTime}, {"proposed", "Newco-Chief-2026"}, {"confirmation", "Newco-Chief-2026"}}) {
                boss.findElement(By.id("passwordForm:" + f[0])).sendKeys(f[1]);
            }
            boss.findElement(By.id("passwordForm:change")).click();
            new WebDriverWait(boss, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/index.xhtml"));
            boss.get(portal.url() + "users.xhtml");
            String users = new WebDriverWait(boss, Duration.ofSeconds(30))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("listForm:users"))).getText();

            assertThat(users).contains("boss").doesNotContain("operator", "admin\n");
            assertThat(boss.findElements(By.id("menuForm:menuAccounts"))).as("not a system administrator").isEmpty();
        } finally {
            boss.quit();
        }
    }

    @Test
    @Order(3)
    @DisplayName("a disabled account's users are refused at login with a plain message")
    void disableAccount() {
        AccountsPage accounts = AccountsPage.open();
        accounts.disable("newco", "contract ended");
        accounts.waitForStatus("newco", "DISABLED");

        WebDriver boss = Browser.start();
        try {
            LoginPage login = LoginPage.open(boss, portal.url());
            login.signIn("newco", "boss", "Newco-Chief-2026");

            assertThat(login.errors()).isEqualTo("This account is disabled. Please contact your administrator.")
                    .isNotEqualTo(LoginResult.NEUTRAL_FAILURE);
        } finally {
            boss.quit();
        }
    }

    @Test
    @Order(4)
    @DisplayName("each account gets a virtual pool of its own; an overlapping or too small pool is refused with the field named")
    void virtualPools() throws Exception {
        // Arrange: newco (made above with the proposed pool) has a device
        long newco = Fixtures.accountId(db, "newco");
        String newcoPool = Fixtures.pool(db, newco);
        String first = Fixtures.firstVirtualSubnet(db, newco);
        Fixtures.device(db, newco, "Kiln 1", "192.168.0.0/24", first);
        AccountsPage accounts = AccountsPage.open();

        // Act: a second account is proposed the next free pool; typing newco's pool is refused
        accounts.startNewAccount("otherco");
        String proposed = accounts.value("virtualPool");
        accounts.type("virtualPool", newcoPool);
        accounts.type("reason", "second customer");
        accounts.create();
        String overlap = accounts.messageFor("virtualPool");
        long refusedCount = Fixtures.count(db, "SELECT COUNT(*) FROM account WHERE name = 'otherco'");
        accounts.type("virtualPool", proposed);
        accounts.create();
        accounts.createdLogin();

        // Assert
        assertThat(proposed).matches("100\\.\\d+\\.0\\.0/16").isNotEqualTo(newcoPool);
        assertThat(overlap).isEqualTo("It overlaps the virtual pool " + newcoPool + " of account 'newco'.");
        assertThat(refusedCount).as("nothing stored").isZero();
        assertThat(Fixtures.pool(db, Fixtures.accountId(db, "otherco"))).isEqualTo(proposed);

        // Act: newco's pool narrowed so that its device is outside → refused; widened to a /15 that holds it → saved
        accounts = AccountsPage.open();
        accounts.openPool("newco");
        String outside = first.replaceFirst("\\.0\\.0/24$", ".128.0/24");
        accounts.savePool(outside, "narrow it");
        String holds = accounts.poolMessage();

        // Assert
        assertThat(holds).isEqualTo("1 device(s) of this account have virtual subnets outside " + outside + " (e.g. " + first
                + "); choose a pool that holds them.");
        assertThat(Fixtures.pool(db, newco)).isEqualTo(newcoPool);

        // Act: a pool that holds the device and touches no other account
        String narrower = first.replaceFirst("/24$", "/20");
        accounts.savePool(narrower, null);
        accounts.waitForPool("newco", narrower);

        // Assert
        assertThat(Fixtures.string(db, "SELECT details FROM audit_event WHERE action = 'account.virtual-pool' AND account_id = ?",
                newco)).isEqualTo("{\"virtualPool\":[\"" + newcoPool + "\",\"" + narrower + "\"]}");

        // Arrange: otherco's pool grew by a block, as the portal grows a full pool
        long otherco = Fixtures.accountId(db, "otherco");
        Fixtures.update(db, "INSERT INTO account_pool_block (account_id, block, first_address, last_address, grown, created_at)"
                + " VALUES (?, '100.127.0.0/16', INET_ATON('100.127.0.0'), INET_ATON('100.127.255.255'), TRUE, UTC_TIMESTAMP())",
                otherco);

        // Act
        String shown = AccountsPage.open().poolCell("otherco", "grew by");

        // Assert: the list shows both blocks and that the portal added one
        assertThat(shown).startsWith(proposed + ", 100.127.0.0/16").contains("(grew by 1 block (pool full), last on ");
    }

    @Test
    @Order(5)
    @DisplayName("the audit trail lists the account's events newest first, filtered by the action typed, in its lazy table")
    void auditTrail() {
        AuditPage audit = AuditPage.open();

        audit.filterAction("account.create");

        assertThat(audit.table().row("account:newco").getText()).contains("account.create", "new customer, contract 2026-17");
        assertThat(audit.rows()).allMatch(row -> row.contains("account.create"));
    }

    /** The audit trail (audit.xhtml): its lazy table, filtered per column. */
    static final class AuditPage {
        private final Steps steps = new Steps(browser);

        static AuditPage open() {
            browser.get(portal.url() + "audit.xhtml");
            return new AuditPage();
        }

        /** Types into the Action column's filter and waits for the table to show only matching rows. */
        void filterAction(String typed) {
            WebElement filter = steps.visible(By.cssSelector("[id='auditForm:events:action'] input"));
            filter.sendKeys(typed);
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> rows().stream().allMatch(row -> row.contains(typed)));
        }

        List<String> rows() {
            return browser.findElements(By.xpath("//tbody[@id='auditForm:events_data']/tr")).stream().map(WebElement::getText)
                    .toList();
        }

        DataTablePart table() {
            return new DataTablePart(browser, "auditForm:events");
        }
    }

    /** The accounts page (accounts.xhtml): the new account dialog with its one-time login, Disable, and Pool. */
    static final class AccountsPage {
        private final Steps steps = new Steps(browser);

        static AccountsPage open() {
            browser.get(portal.url() + "accounts.xhtml");
            return new AccountsPage();
        }

        /** Opens the new account dialog and types the account's name. */
        void startNewAccount(String name) {
            steps.click("listForm:newAccount");
            steps.type("accountForm:accountName", name);
        }

        /** Types into a field of the new account dialog. */
        void type(String field, String text) {
            steps.type("accountForm:" + field, text);
        }

        /** What a field of the new account dialog holds (e.g. the pool it proposes). */
        String value(String field) {
            return steps.visible(By.id("accountForm:" + field)).getAttribute("value");
        }

        void create() {
            steps.click("accountForm:create");
        }

        /** The message next to a field of the new account dialog. */
        String messageFor(String field) {
            return steps.messageFor("accountForm:" + field);
        }

        /** The new administrator's login, shown once after the account was made. */
        String createdLogin() {
            return steps.visible(By.id("createdLogin")).getText();
        }

        void disable(String account, String reason) {
            rowButton(account, "Disable").click();
            steps.type("statusForm:reason", reason);
            steps.click("statusForm:confirm");
        }

        /** Waits until the account's row shows {@code status}. */
        void waitForStatus(String account, String status) {
            steps.visible(By.xpath("//tbody[@id='listForm:accounts_data']/tr[td[text()='" + account + "'] and td[text()='" + status + "']]"));
        }

        void openPool(String account) {
            rowButton(account, "Pool").click();
        }

        /** Types the pool (and the reason, if one is given) into the pool dialog and saves. */
        void savePool(String pool, String reason) {
            steps.type("poolForm:virtualPool", pool);
            if (reason != null) {
                steps.type("poolForm:reason", reason);
            }
            steps.click("poolForm:savePool");
        }

        String poolMessage() {
            return steps.messageFor("poolForm:virtualPool");
        }

        /** Waits until the account's row shows the pool {@code pool}. */
        /** The text of the account's pool cell once it contains {@code text}. */
        String poolCell(String account, String text) {
            return steps.visible(By.xpath("//tbody[@id='listForm:accounts_data']/tr[td[text()='" + account + "']]/td[contains(., '"
                    + text + "')]")).getText();
        }

        void waitForPool(String account, String pool) {
            steps.visible(By.xpath("//tbody[@id='listForm:accounts_data']/tr[td[text()='" + account + "']]/td[normalize-space()='"
                    + pool + "']"));
        }

        private WebElement rowButton(String account, String label) {
            return steps.visible(By.xpath("//tbody[@id='listForm:accounts_data']/tr[td[text()='" + account + "']]//button[span[text()='"
                    + label + "']]"));
        }
    }
}
