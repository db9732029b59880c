package io.keyswitch.workreport;

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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An account administrator and a technician in two browsers: the administrator adds a required number field to the
 * account's work reports and makes them mandatory, with a reason; after a connection of the technician's closed, the
 * menu counts their open report, they write it — a wrong number is shown next to its field, nothing stored — and
 * then it is written, with the order number from the Connect.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Work reports in the browser: the account's rule and fields, a technician writes the report after a connection")
class WorkReportsUiIT {

    private static final String PASSWORD = "Work-Reports-Ui-2026";
    private static PortalProcess portal;
    private static DatabaseCoordinates db;
    private static long account;
    private static long tech;
    private static long device;
    private static RulesPage administrator;
    private static ReportPage technician;

    @BeforeAll
    static void arrange() throws Exception {
        portal = UiPortal.get();
        db = UiPortal.database();
        account = Fixtures.account(db, "delta-wrep-ui");
        Fixtures.user(db, account, "admin", PASSWORD, List.of("settings:manage", "connection:view"));
        tech = Fixtures.user(db, account, "tech", PASSWORD, List.of("device:connect"));
        device = Fixtures.device(db, account, "Press 12", "192.168.0.0/24", Fixtures.firstVirtualSubnet(db, account));
        long plc = Fixtures.component(db, account, device, "PLC", "192.168.0.10", "tcp/102");
        Fixtures.update(db, "INSERT INTO access_grant (account_id, user_id, component_id, created_at)"
                + " VALUES (?, ?, ?, UTC_TIMESTAMP(3))", account, tech, plc);
    }

    @AfterAll
    static void closeBrowsers() {
        if (administrator != null) {
            administrator.browser.quit();
        }
        if (technician != null) {
            technician.browser.quit();
        }
    }

    @Test
    @Order(1)
    @DisplayName("the administrator adds a required number field and makes reports mandatory, each with a reason")
    void administratorSetsTheRule() throws Exception {
        administrator = RulesPage.open("delta-wrep-ui", "admin");

        administrator.addField("Machine hours", "number", "the service desk bills by machine hours");
        administrator.makeMandatory("reports before the next job");

        assertThat(administrator.fieldNames()).contains("Machine hours");
        assertThat(Fixtures.string(db, "SELECT CONCAT(kind, ' ', required) FROM work_report_field WHERE account_id = ?", account))
                .isEqualTo("NUMBER 1");
        assertThat(Fixtures.string(db, "SELECT mandatory FROM work_report_rule WHERE account_id = ?", account)).isEqualTo("1");
        assertThat(Fixtures.string(db, "SELECT reason FROM audit_event WHERE action = 'work-report-field.create'"
                + " AND account_id = ?", account)).isEqualTo("the service desk bills by machine hours");
    }

    @Test
    @Order(2)
    @DisplayName("after a connection closed, the technician writes its report; a wrong number is shown next to its field")
    void technicianWritesTheReport() throws Exception {
        // Arrange: a connection that opened, closed by the engine's check (no VPN in this tier)
        long connection = Fixtures.openConnection(db, account, tech, "tech", device, "Press 12", "SO-815");
        awaitReport(connection);
        technician = ReportPage.open("delta-wrep-ui", "tech");
        assertThat(technician.menu()).contains("Work reports (1 open)");

        // Act
        technician.openFirstOpenReport();
        assertThat(technician.orderNumber()).as("filled in from the Connect").isEqualTo("SO-815");
        technician.write("Replaced the PLC's backup battery", "twelve");
        String wrong = technician.fieldMessage("reportForm:extras:0:value");
        technician.write("Replaced the PLC's backup battery", "12.5");

        // Assert
        assertThat(wrong).isEqualTo("Machine hours must be a number such as 12 or 12.5 (at most 15 digits before the point and 6 after).");
        assertThat(technician.state()).startsWith("correctable until ");
        Browser.screenshot(technician.browser, "work-report-written");
        assertThat(Fixtures.string(db, "SELECT fields FROM work_report WHERE connection_id = ?", connection))
                .contains("\"value\":\"12.5\"");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM work_report_version v JOIN work_report r ON r.id = v.report_id"
                + " WHERE r.connection_id = ?", connection)).as("the refused one was not stored").isOne();
        technician.browser.get(portal.url() + "index.xhtml");
        assertThat(technician.menu()).doesNotContain("open)");
    }

    private static void awaitReport(long connectionId) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Fixtures.count(db, "SELECT COUNT(*) FROM work_report WHERE connection_id = ?", connectionId) == 0) {
            if (System.nanoTime() > until) {
                throw new AssertionError("no work report was asked for connection " + connectionId);
            }
            Thread.sleep(200);
        }
    }

    // ---- page objects ----

    /** Work report rules, as the account's administrator sees it. */
    static final class RulesPage {
        final WebDriver browser = Browser.start();
        final Steps steps = new Steps(browser);
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        static RulesPage open(String account, String user) {
            RulesPage page = new RulesPage();
            page.steps.signIn(portal.url(), account, user, PASSWORD);
            page.browser.get(portal.url() + "work-report-settings.xhtml");
            page.wait.ignoring(StaleElementReferenceException.class);
            return page;
        }

        void addField(String name, String kind, String reason) {
            steps.click("listForm:newField");
            steps.type("fieldForm:name", name);
            choose("fieldForm:kind", kind);
            check("fieldForm:required");
            steps.type("fieldForm:reason", reason);
            steps.click("fieldForm:save");
            wait.until(d -> fieldNames().contains(name));
        }

        /** Chooses {@code label} in a select menu once its list has opened (it slides open: no click before it has a size). */
        void choose(String menuId, String label) {
            steps.click(menuId);
            By item = By.cssSelector("[id='" + menuId + "_items'] li[data-label='" + label + "']");
            wait.until(d -> {
                org.openqa.selenium.WebElement li = d.findElement(item);
                return li.isDisplayed() && li.getSize().getHeight() > 0 ? li : null;
            }).click();
            wait.until(d -> d.findElement(By.id(menuId + "_label")).getText().equals(label));
        }

        /** Ticks a checkbox, and again until it is ticked. */
        void check(String id) {
            wait.until(d -> {
                if (!d.findElement(By.id(id + "_input")).isSelected()) {
                    steps.visible(By.id(id)).findElement(By.cssSelector(".ui-chkbox-box")).click();
                }
                return d.findElement(By.id(id + "_input")).isSelected();
            });
        }

        void makeMandatory(String reason) {
            check("ruleForm:mandatory");
            steps.type("ruleForm:reason", reason);
            steps.click("ruleForm:saveRule");
            wait.until(d -> d.findElement(By.id("messages")).getText().contains("The work report rule is saved."));
        }

        String fieldNames() {
            return browser.findElements(By.className("ks-field-name")).stream().map(e -> e.getText())
                    .reduce("", (a, b) -> a + b + "\n");
        }
    }

    /** Work reports and the report form, as the technician sees them. */
    static final class ReportPage {
        final WebDriver browser = Browser.start();
        final Steps steps = new Steps(browser);
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        static ReportPage open(String account, String user) {
            ReportPage page = new ReportPage();
            page.steps.signIn(portal.url(), account, user, PASSWORD);
            page.wait.ignoring(StaleElementReferenceException.class);
            return page;
        }

        String menu() {
            return steps.visible(By.id("menuForm:menu")).getText();
        }

        void openFirstOpenReport() {
            steps.click("menuForm:menuWorkReports");
            steps.visible(By.className("ks-open-report")).click();
            steps.visible(By.id("reportForm:whatWasDone"));
        }

        String orderNumber() {
            return steps.visible(By.id("reportForm:orderNumber")).getAttribute("value");
        }

        void write(String whatWasDone, String machineHours) {
            steps.type("reportForm:whatWasDone", whatWasDone);
            steps.type("reportForm:extras:0:value", machineHours);
            steps.click("reportForm:save");
            answered();
        }

        /** Waits for the page's ajax request to be answered (a loaded machine may take longer than a message wait). */
        void answered() {
            new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d)
                    .executeScript("return window.PrimeFaces && PrimeFaces.ajax.Queue.isEmpty();")));
        }

        /** The message next to the field, or — to say what the page showed instead — fails with the page's messages. */
        String fieldMessage(String fieldId) {
            try {
                return steps.messageFor(fieldId);
            } catch (org.openqa.selenium.TimeoutException e) {
                Browser.screenshot(browser, "work-report-no-field-message");
                throw new AssertionError("no message next to " + fieldId + "; the page's messages: '"
                        + browser.findElement(By.id("messages")).getText() + "'; the form: "
                        + browser.findElement(By.id("reportForm")).getAttribute("innerHTML"), e);
            }
        }

        String state() {
            return wait.until(d -> {
                String text = d.findElement(By.id("reportState")).getText();
                return text.startsWith("correctable") ? text : null;
            });
        }
    }
}
