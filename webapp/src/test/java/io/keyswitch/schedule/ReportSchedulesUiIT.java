package io.keyswitch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.Browser;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.Steps;
import io.keyswitch.testing.UiPortal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The scheduled reports page as a person uses it: reached from the work reports of a device ("Mail on a schedule",
 * which opens {@code report-schedules.xhtml?kind=work-reports&device=…}) the form comes up filled in; what is missing is asked for next to its field;
 * saved, the schedule is listed; "Send now" shows its run in the history (pending with the error: the mail server is
 * a loopback port nobody listens on); deleted with a reason.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Scheduled reports in the browser: prefilled form, field messages, save, send now, history, delete")
class ReportSchedulesUiIT {

    private static final String PASSWORD = "Schedules-Ui-2026";
    private static PortalProcess portal;
    private static DatabaseCoordinates db;
    private static long account;
    private static long device;
    private static SchedulesPage page;
    private static final List<String> SMTP = List.of("mail.smtp.host", "mail.smtp.port", "mail.smtp.security", "mail.from");
    private static final Map<String, String> saved = new LinkedHashMap<>();

    @BeforeAll
    static void arrange() throws Exception {
        portal = UiPortal.get();
        db = UiPortal.database();
        account = Fixtures.account(db, "sched-ui");
        Fixtures.user(db, account, "boss", PASSWORD, List.of("report:view", "settings:manage"));
        device = Fixtures.device(db, account, "Press 12", "192.168.0.0/24", Fixtures.firstVirtualSubnet(db, account));
        for (String key : SMTP) {
            saved.put(key, Fixtures.string(db, "SELECT MAX(setting_value) FROM setting WHERE scope_id = 0 AND setting_key = ?", key));
        }
        setting("mail.smtp.host", "127.0.0.1");
        setting("mail.smtp.port", Integer.toString(LoopbackPorts.free()));
        setting("mail.smtp.security", "NONE");
        setting("mail.from", "portal@plant.test");
    }

    @AfterAll
    static void restore() throws Exception {
        if (page != null) {
            page.browser.quit();
        }
        for (Map.Entry<String, String> e : saved.entrySet()) {
            if (e.getValue() == null) {
                Fixtures.update(db, "DELETE FROM setting WHERE scope_id = 0 AND setting_key = ?", e.getKey());
            } else {
                setting(e.getKey(), e.getValue());
            }
        }
    }

    private static void setting(String key, String value) throws Exception {
        Fixtures.update(db, "INSERT INTO setting (scope_id, setting_key, setting_value, updated_at) VALUES (0, ?, ?,"
                + " UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE setting_value = VALUES(setting_value)", key, value);
    }

    @Test
    @Order(1)
    @DisplayName("from a device's work reports, 'Mail on a schedule' opens the form filled in; a missing name and address are asked for next to their fields; saved, it is listed")
    void createFromAReportsAddress() throws Exception {
        // Arrange
        page = SchedulesPage.fromWorkReports("sched-ui", "boss", device);

        // Act: save what the address filled in, without a name or an address
        assertThat(page.field("scheduleForm:filterDevice")).isEqualTo(String.valueOf(device));
        page.steps.type("scheduleForm:reason", "invoices for the month");
        page.steps.click("scheduleForm:save");

        // Assert
        assertThat(page.steps.messageFor("scheduleForm:name")).contains("Please name");
        assertThat(page.steps.messageFor("scheduleForm:recipients")).contains("at least one");

        // Act: completed
        page.steps.type("scheduleForm:name", "Invoicing");
        page.steps.type("scheduleForm:recipients", "invoices@builder.test\nboss@builder.test");
        page.steps.click("scheduleForm:save");

        // Assert
        String row = page.row("Invoicing").getText();
        assertThat(row).contains("Work reports", "device " + device, "monthly on day 1 at 06:00", "previous month",
                "invoices@builder.test, boss@builder.test");
        Browser.screenshot(page.browser, "report-schedules-saved");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM report_schedule WHERE account_id = ? AND filter_parameters = ?",
                account, "{\"device\":\"" + device + "\"}")).isOne();
    }

    @Test
    @Order(2)
    @DisplayName("'Send now' lists the run in the history: pending, with why the mail did not go (the server named)")
    void sendNow() {
        // Act
        page.rowButton("Invoicing", "Send now").click();

        // Assert
        String history = page.awaitHistory("PENDING");
        assertThat(history).contains("sent now", "127.0.0.1");
        Browser.screenshot(page.browser, "report-schedules-history");
    }

    @Test
    @Order(3)
    @DisplayName("deleted with a reason, it is gone and the deletion is audited with the reason")
    void delete() throws Exception {
        // Act
        page.rowButton("Invoicing", "Delete").click();
        page.steps.type("deleteForm:reason", "the invoicing office has its own export now");
        page.steps.click("deleteForm:confirmDelete");

        // Assert
        page.wait.until(d -> d.findElement(By.id("listForm:schedules")).getText().contains("No scheduled reports yet."));
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE chain_key = ? AND action = 'report-schedule.delete'"
                + " AND reason = 'the invoicing office has its own export now'", account)).isOne();
    }

    // ---- page object ----

    /** The scheduled reports page: its form, its rows and the history of the schedule chosen. */
    static final class SchedulesPage {
        final WebDriver browser = Browser.start();
        final Steps steps = new Steps(browser);
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        /** The work reports of a device, then its button "Mail on a schedule". */
        static SchedulesPage fromWorkReports(String account, String user, long device) {
            SchedulesPage page = new SchedulesPage();
            page.steps.signIn(portal.url(), account, user, PASSWORD);
            page.browser.get(portal.url() + "work-reports.xhtml?device=" + device);
            page.steps.click("reportsForm:schedule");
            page.wait.until(d -> d.getCurrentUrl().contains("report-schedules.xhtml?kind=work-reports"));
            page.wait.ignoring(StaleElementReferenceException.class);
            page.steps.visible(By.id("scheduleForm:name"));
            return page;
        }

        String field(String id) {
            return steps.visible(By.id(id)).getAttribute("value");
        }

        WebElement row(String name) {
            return wait.until(d -> d.findElements(By.xpath("//tbody[@id='listForm:schedules_data']/tr[td[1][normalize-space(.)='" + name
                    + "']]")).stream().findFirst().orElse(null));
        }

        WebElement rowButton(String name, String title) {
            return row(name).findElement(By.cssSelector("button[title='" + title + "']"));
        }

        /** The history table's text once it shows {@code state} (the runner's next pass: within 30 s by default). */
        String awaitHistory(String state) {
            return new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class).until(d -> {
                d.findElement(By.id("historyForm:refreshHistory")).click();
                String text = d.findElement(By.id("historyForm:runs")).getText();
                return text.contains(state) && text.contains("127.0.0.1") ? text : null;
            });
        }
    }
}
