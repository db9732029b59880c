package io.keyswitch.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
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
 * The administrator of "plantco" sets up a group of service technicians and a temporary access for
 * an external drive specialist, who then logs in with the one-time password shown once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Users and groups in the browser")
class UsersUiIT {

    private static final String PASSWORD = "Plantco-Admin-2026";
    private static PortalProcess portal;
    private static DatabaseCoordinates db;
    private static long plantco;
    private static WebDriver browser;
    private static String oneTimePassword;

    @BeforeAll
    static void arrange() throws Exception {
        portal = UiPortal.get();
        db = UiPortal.database();
        plantco = Fixtures.account(db, "plantco");
        // carol hands out device:view and device:connect, so she holds them (nobody hands out a right they lack)
        Fixtures.user(db, plantco, "carol", PASSWORD, List.of("user:manage", "group:manage", "device:view", "device:connect"));
        browser = Browser.start();
        new Steps(browser).signIn(portal.url(), "plantco", "carol", PASSWORD);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    @DisplayName("a group is created with the rights ticked, and its change is audited")
    void createGroup() throws Exception {
        GroupsPage groups = GroupsPage.open();
        groups.newGroup("Service technicians", List.of("device:view", "device:connect"), "technicians of the service desk");

        WebElement row = groups.table().row("Service technicians");
        assertThat(row.getText()).contains("device:view, device:connect");
        assertThat(Fixtures.string(db, "SELECT reason FROM audit_event WHERE account_id = ? AND action = 'group.create'", plantco))
                .isEqualTo("technicians of the service desk");
    }

    @Test
    @Order(2)
    @DisplayName("a temporary user with a wrong e-mail is refused next to the field, then created with a one-time password")
    void createTemporaryUser() throws Exception {
        UsersPage users = UsersPage.open();
        users.newTemporaryUser("drive-specialist", "Dana Drive", "dana-at-drives", "3", "Service technicians",
                "drive commissioning, order 4711");

        assertThat(users.messageFor("email")).isEqualTo("'dana-at-drives' is not an e-mail address.");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM app_user WHERE account_id = ? AND username = 'drive-specialist'", plantco)).isZero();

        users.retypeEmail("dana@drives.example");

        oneTimePassword = users.oneTimePassword();
        assertThat(oneTimePassword).hasSize(16);
        Browser.screenshot(browser, "one-time-password");
        assertThat(Fixtures.string(db, "SELECT CONCAT(max_logins, ' ', must_change_password) FROM app_user "
                + "WHERE account_id = ? AND username = 'drive-specialist'", plantco)).isEqualTo("3 1");
        assertThat(Fixtures.string(db, "SELECT details FROM audit_event WHERE account_id = ? AND action = 'user.create'", plantco))
                .contains("\"maxLogins\":[null,\"3\"]", "\"groups\":[null,\"Service technicians\"]").doesNotContain(oneTimePassword);
    }

    @Test
    @Order(3)
    @DisplayName("the temporary user logs in with the one-time password, must choose a password, and has used one login")
    void temporaryUserLogsIn() throws Exception {
        WebDriver dana = Browser.start();
        try {
            LoginPage.open(dana, portal.url()).signIn("plantco", "drive-specialist", oneTimePassword);
            new WebDriverWait(dana, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/password.xhtml"));
            for (String[] f : new String[][] {{"current", oneTimePassword}, {"proposed", "Drive-Check-2026"},
                    {"confirmation", "Drive-Check-2026"}}) {
                dana.findElement(By.id("passwordForm:" + f[0])).sendKeys(f[1]);
            }
            dana.findElement(By.id("passwordForm:change")).click();
            new WebDriverWait(dana, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/index.xhtml"));

            assertThat(dana.findElement(By.id("headerUser")).getText()).isEqualTo("Dana Drive (drive-specialist)");
            assertThat(dana.findElements(By.id("menuForm:menuUsers"))).as("no user:manage right").isEmpty();
            assertThat(Fixtures.string(db, "SELECT login_count FROM app_user WHERE account_id = ? AND username = 'drive-specialist'",
                    plantco)).isEqualTo("1");
        } finally {
            dana.quit();
        }
    }

    /** The groups page (groups.xhtml): its table and the group dialog. */
    static final class GroupsPage {
        private final Steps steps = new Steps(browser);

        static GroupsPage open() {
            browser.get(portal.url() + "groups.xhtml");
            return new GroupsPage();
        }

        void newGroup(String name, List<String> rights, String reason) {
            steps.click("listForm:newGroup");
            steps.type("groupForm:name", name);
            rights.forEach(right -> steps.visible(By.xpath("//*[@id='groupForm:rights']//label[text()='" + right + "']")).click());
            steps.type("groupForm:reason", reason);
            steps.click("groupForm:save");
        }

        DataTablePart table() {
            return new DataTablePart(browser, "listForm:groups");
        }
    }

    /** The users page (users.xhtml): the user dialog and the one-time password shown once. */
    static final class UsersPage {
        private final Steps steps = new Steps(browser);

        static UsersPage open() {
            browser.get(portal.url() + "users.xhtml");
            return new UsersPage();
        }

        /** Fills in the dialog for a temporary user with at most {@code maxLogins} logins, and saves. */
        void newTemporaryUser(String username, String fullName, String email, String maxLogins, String group, String reason) {
            steps.click("listForm:newUser");
            steps.type("userForm:username", username);
            steps.type("userForm:fullName", fullName);
            steps.type("userForm:email", email);
            steps.visible(By.id("userForm:temporary")).findElement(By.cssSelector(".ui-chkbox-box")).click();
            steps.visible(By.id("userForm:maxLogins"));
            steps.type("userForm:maxLogins", maxLogins);
            steps.click("userForm:groups");
            steps.visible(By.xpath("//div[@id='userForm:groups_panel']//label[text()='" + group + "']")).click();
            browser.findElement(By.id("userForm:fullName")).click();
            steps.type("userForm:reason", reason);
            steps.click("userForm:save");
        }

        void retypeEmail(String email) {
            steps.type("userForm:email", email);
            steps.click("userForm:save");
        }

        String messageFor(String field) {
            return steps.messageFor("userForm:" + field);
        }

        String oneTimePassword() {
            return steps.visible(By.id("oneTimePassword")).getText();
        }
    }
}
