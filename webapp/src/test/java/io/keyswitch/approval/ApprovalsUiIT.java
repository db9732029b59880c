package io.keyswitch.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.Browser;
import io.keyswitch.testing.Fixtures;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A technician and an operator in two browsers: on a machine that needs approval, My machines offers "Request
 * approval"; the technician requests a window (the reason is asked for next to its field); the operator, a member of
 * the approvers' group, sees "Approvals (1)" in the menu and on the home page, opens the request by the link the mail
 * carries and approves a shorter window with a comment; the technician's page shows the answer by itself, and Connect
 * then works.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Approvals in the browser: request, approve, the technician sees it")
class ApprovalsUiIT {

    private static final String PASSWORD = "Approvals-Ui-2026";
    private static PortalProcess portal;
    private static DatabaseCoordinates db;
    private static long device;
    private static TechnicianPages technician;
    private static ApprovalsPage operator;

    @BeforeAll
    static void arrange() throws Exception {
        portal = UiPortal.get();
        db = UiPortal.database();
        long account = Fixtures.account(db, "delta-ui");
        long tech = Fixtures.user(db, account, "tech", PASSWORD, List.of("device:connect"));
        long approver = Fixtures.user(db, account, "operator", PASSWORD, List.of("device:view"));
        long operators = Long.parseLong(Fixtures.string(db, "SELECT group_id FROM group_membership WHERE user_id = ?", approver));
        device = Fixtures.device(db, account, "Press 9", "192.168.0.0/24", Fixtures.firstVirtualSubnet(db, account));
        long plc = Fixtures.component(db, account, device, "PLC", "192.168.0.10", "tcp/102");
        Fixtures.update(db, "INSERT INTO access_grant (account_id, user_id, component_id, created_at)"
                + " VALUES (?, ?, ?, UTC_TIMESTAMP(3))", account, tech, plc);
        Fixtures.update(db, "INSERT INTO approval_rule (account_id, device_id, mode, user_group_id, updated_at)"
                + " VALUES (?, ?, 'GROUP', ?, UTC_TIMESTAMP(3))", account, device, operators);
    }

    @AfterAll
    static void closeBrowsers() {
        if (technician != null) {
            technician.browser.quit();
        }
        if (operator != null) {
            operator.browser.quit();
        }
    }

    @Test
    @Order(1)
    @DisplayName("the technician requests a window from My machines; the reason is asked for next to its field")
    void technicianRequests() {
        technician = TechnicianPages.open("delta-ui", "tech");
        technician.requestApproval("Press 9");

        technician.steps.click("requestForm:sendRequest");
        assertThat(technician.steps.messageFor("requestForm:reason")).contains("Please say why");
        technician.steps.type("requestForm:reason", "replace the PLC's firmware");
        technician.steps.type("requestForm:orderNumber", "SO-4711");
        // the duration stays at its 60 minutes: the number field keeps what it shows
        technician.steps.click("requestForm:sendRequest");

        assertThat(technician.awaitAnswer("Press 9", "waiting for an answer")).startsWith("waiting for an answer until");
        Browser.screenshot(technician.browser, "approvals-requested");
        technician.markNotReloaded();
    }

    @Test
    @Order(2)
    @DisplayName("the operator sees Approvals (1), opens the request by the mail's link and approves 30 minutes of it")
    void operatorApproves() throws Exception {
        operator = ApprovalsPage.open("delta-ui", "operator");
        assertThat(operator.menu()).contains("Approvals (1)");
        assertThat(operator.steps.visible(By.id("approvalCount")).getText()).isEqualTo("1");
        long id = Long.parseLong(Fixtures.string(db, "SELECT id FROM approval_request WHERE device_id = ?", device));

        operator.openFromMail(id);
        assertThat(operator.steps.visible(By.id("answeringText")).getText()).contains("tech → Press 9",
                "replace the PLC's firmware · SO-4711");
        operator.steps.type("answerForm:minutes_input", "30");
        operator.steps.type("answerForm:comment", "only during the break");
        operator.steps.click("answerForm:confirmAnswer");

        assertThat(operator.awaitAnswer("Press 9", "approved")).contains("only during the break");
        Browser.screenshot(operator.browser, "approvals-approved");
        assertThat(Fixtures.string(db, "SELECT state FROM approval_request WHERE id = ?", id)).isEqualTo("APPROVED");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM approval_request WHERE id = ? AND TIMESTAMPDIFF(MINUTE,"
                + " window_start, window_end) = 30", id)).isEqualTo(1);
    }

    @Test
    @Order(3)
    @DisplayName("the technician's page shows the approval by itself, and Connect then works")
    void technicianSeesItAndConnects() {
        assertThat(technician.awaitAnswer("Press 9", "approved by")).contains("only during the break");
        assertThat(technician.notReloaded()).as("updated by the poll, not a reload").isTrue();

        technician.connect("Press 9", "replace the PLC's firmware");

        assertThat(technician.awaitState("Press 9", "waiting for your VPN")).isEqualTo("waiting for your VPN");
    }

    // ---- page objects ----

    /** My machines and Approvals, as the technician sees them. */
    static final class TechnicianPages {
        final WebDriver browser = Browser.start();
        final Steps steps = new Steps(browser);
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        static TechnicianPages open(String account, String user) {
            TechnicianPages page = new TechnicianPages();
            page.steps.signIn(portal.url(), account, user, PASSWORD);
            page.browser.get(portal.url() + "machines.xhtml");
            page.wait.ignoring(StaleElementReferenceException.class);
            return page;
        }

        private By machine(String name) {
            return By.xpath("//tbody[@id='listForm:machines_data']/tr[td//span[@class='ks-machine-name' and text()='"
                    + name + "']]");
        }

        void requestApproval(String name) {
            wait.until(d -> d.findElement(machine(name))).findElement(By.linkText("Request approval")).click();
            steps.visible(By.id("requestForm:reason"));
        }

        String awaitAnswer(String device, String starting) {
            return ApprovalsPage.answer(wait, device, starting);
        }

        void connect(String name, String reason) {
            browser.get(portal.url() + "machines.xhtml");
            wait.until(d -> d.findElement(machine(name))).findElement(By.xpath(".//button[span[text()='Connect']]")).click();
            steps.type("connectForm:reason", reason);
            steps.click("connectForm:confirmConnect");
        }

        String awaitState(String name, String state) {
            return wait.until(d -> {
                String text = d.findElement(machine(name)).findElement(By.className("ks-connection-state")).getText();
                return text.equals(state) ? text : null;
            });
        }

        void markNotReloaded() {
            ((JavascriptExecutor) browser).executeScript("window.ksNotReloaded = true;");
        }

        boolean notReloaded() {
            return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript("return window.ksNotReloaded === true;"));
        }
    }

    /** Approvals as the operator sees it: the menu, the home page's count, the answer dialog. */
    static final class ApprovalsPage {
        final WebDriver browser = Browser.start();
        final Steps steps = new Steps(browser);
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        static ApprovalsPage open(String account, String user) {
            ApprovalsPage page = new ApprovalsPage();
            page.steps.signIn(portal.url(), account, user, PASSWORD);
            page.wait.ignoring(StaleElementReferenceException.class);
            return page;
        }

        String menu() {
            return steps.visible(By.id("menuForm:menu")).getText();
        }

        /** The page the approvers' mail links to: the answer dialog opens for the request. */
        void openFromMail(long id) {
            browser.get(portal.url() + "approvals.xhtml?request=" + id);
            steps.visible(By.id("answerForm:comment"));
        }

        String awaitAnswer(String device, String starting) {
            return answer(wait, device, starting);
        }

        /** The answer column of the request row for {@code device}, once it starts with {@code starting}. */
        static String answer(WebDriverWait wait, String device, String starting) {
            return wait.until(d -> d.findElements(By.xpath("//tbody[@id='listForm:requests_data']/tr[td/span[@class="
                            + "'ks-device' and text()='" + device + "']]")).stream()
                    .map(row -> row.findElement(By.className("ks-answer")).getText())
                    .filter(text -> text.startsWith(starting)).findFirst().orElse(null));
        }
    }
}
