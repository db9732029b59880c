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
        browser.get(portal.url() + "accounts.xhtml");
        wait(By.id("listForm:newAccount")).click();
        type("accountForm:accountName", "Newco Ltd");
        type("accountForm:reason", "new customer, contract 2026-17");
        wait(By.id("accountForm:create")).click();
        assertThat(messageFor("accountForm:accountName")).startsWith("2 to 64 characters");

        type("accountForm:accountName", "newco");
        type("accountForm:adminUsername", "boss");
        wait(By.id("accountForm:create")).click();

        firstLogin = wait(By.id("createdLogin")).getText();
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
        browser.get(portal.url() + "accounts.xhtml");
        wait(By.xpath("//tbody[@id='listForm:accounts_data']/tr[td[text()='newco']]//button[span[text()='Disable']]")).click();
        type("statusForm:reason", "contract ended");
        wait(By.id("statusForm:confirm")).click();
        wait(By.xpath("//tbody[@id='listForm:accounts_data']/tr[td[text()='newco'] and td[text()='DISABLED']]"));

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
        String newcoPool = Fixtures.string(db, "SELECT virtual_pool FROM account WHERE id = ?", newco);
        String first = Fixtures.firstVirtualSubnet(db, newco);
        Fixtures.device(db, newco, "Kiln 1", "192.168.0.0/24", first);
        browser.get(portal.url() + "accounts.xhtml");

        // Act: a second account is proposed the next free pool; typing newco's pool is refused
        wait(By.id("listForm:newAccount")).click();
        type("accountForm:accountName", "otherco");
        String proposed = wait(By.id("accountForm:virtualPool")).getAttribute("value");
        type("accountForm:virtualPool", newcoPool);
        type("accountForm:reason", "second customer");
        wait(By.id("accountForm:create")).click();
        String overlap = messageFor("accountForm:virtualPool");
        long refusedCount = Fixtures.count(db, "SELECT COUNT(*) FROM account WHERE name = 'otherco'");
        type("accountForm:virtualPool", proposed);
        wait(By.id("accountForm:create")).click();
        wait(By.id("createdLogin"));

        // Assert
        assertThat(proposed).matches("100\\.\\d+\\.0\\.0/16").isNotEqualTo(newcoPool);
        assertThat(overlap).isEqualTo("It overlaps the virtual pool " + newcoPool + " of account 'newco'.");
        assertThat(refusedCount).as("nothing stored").isZero();
        assertThat(Fixtures.string(db, "SELECT virtual_pool FROM account WHERE name = 'otherco'")).isEqualTo(proposed);

        // Act: newco's pool narrowed so that its device is outside → refused; widened to a /15 that holds it → saved
        browser.get(portal.url() + "accounts.xhtml");
        wait(By.xpath("//tbody[@id='listForm:accounts_data']/tr[td[text()='newco']]//button[span[text()='Pool']]")).click();
        String outside = first.replaceFirst("\\.0\\.0/24$", ".128.0/24");
        type("poolForm:virtualPool", outside);
        type("poolForm:reason", "narrow it");
        wait(By.id("poolForm:savePool")).click();
        String holds = messageFor("poolForm:virtualPool");

        // Assert
        assertThat(holds).isEqualTo("1 device(s) of this account have virtual subnets outside " + outside + " (e.g. " + first
                + "); choose a pool that holds them.");
        assertThat(Fixtures.string(db, "SELECT virtual_pool FROM account WHERE id = ?", newco)).isEqualTo(newcoPool);

        // Act: a pool that holds the device and touches no other account
        String narrower = first.replaceFirst("/24$", "/20");
        type("poolForm:virtualPool", narrower);
        wait(By.id("poolForm:savePool")).click();
        wait(By.xpath("//tbody[@id='listForm:accounts_data']/tr[td[text()='newco']]/td[normalize-space()='" + narrower + "']"));

        // Assert
        assertThat(Fixtures.string(db, "SELECT details FROM audit_event WHERE action = 'account.virtual-pool' AND account_id = ?",
                newco)).isEqualTo("{\"virtualPool\":[\"" + newcoPool + "\",\"" + narrower + "\"]}");
    }

    private static Steps steps() {
        return new Steps(browser);
    }

    private static WebElement wait(By by) {
        return steps().visible(by);
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

    private static void type(String id, String text) {
        steps().type(id, text);
    }

    private static void click(String id) {
        steps().click(id);
    }

    private static String messageFor(String fieldId) {
        return steps().messageFor(fieldId);
    }
}
