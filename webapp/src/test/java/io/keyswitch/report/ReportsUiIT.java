package io.keyswitch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.Browser;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.Steps;
import io.keyswitch.testing.UiPortal;
import java.time.Duration;
import java.time.LocalDateTime;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report page as an account's administrator uses it: Records → Reports opens the connections report, newest
 * first, a keyed page of 50 with "more follow"; Next and Previous move by key; a device chosen by name narrows it and
 * the address keeps the filter (a bookmark); a name not chosen from the list and a period that ends before it starts
 * are refused next to their fields; the CSV and PDF buttons answer with the whole report.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The report page in the browser: connections, keyed pages, filters, CSV and PDF")
class ReportsUiIT {

    private static final String PASSWORD = "Reports-Ui-2026";
    private static final int SEEDED = 60;
    private static PortalProcess portal;
    private static DatabaseCoordinates db;
    private static long pump;
    private static ReportsPage page;

    @BeforeAll
    static void arrange() throws Exception {
        portal = UiPortal.get();
        db = UiPortal.database();
        long account = Fixtures.account(db, "reports-ui");
        Fixtures.user(db, account, "boss", PASSWORD, List.of("connection:view", "device:view"));
        long tech = Fixtures.user(db, account, "tech", PASSWORD, List.of("device:connect"));
        long press = Fixtures.device(db, account, "Press 5", "192.168.0.0/24", Fixtures.firstVirtualSubnet(db, account));
        pump = Fixtures.device(db, account, "Pump 6", "192.168.0.0/24", "100.64.201.0/24");
        LocalDateTime start = LocalDateTime.parse("2026-10-01T00:00:00");
        for (int i = 0; i < SEEDED; i++) {
            boolean toPump = i % 4 == 0;
            LocalDateTime at = start.plusHours(i);
            Fixtures.insert(db, "INSERT INTO connection (account_id, user_id, user_name, device_id, device_name, state, reason,"
                            + " requested_at, opened_at, closed_at, bytes_to_device, bytes_from_device, close_cause, closed_by)"
                            + " VALUES (?, ?, 'tech', ?, ?, 'CLOSED', 'check the drive', ?, ?, ?, 10, 20, 'DISCONNECTED', 'tech')",
                    account, tech, toPump ? pump : press, toPump ? "Pump 6" : "Press 5", at, at, at.plusMinutes(15));
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (page != null) {
            page.browser.quit();
        }
    }

    @Test
    @Order(1)
    @DisplayName("Records → Reports opens the connections report: 50 rows, newest first, more follow; Next and Previous move by key")
    void openAndPage() {
        // Arrange
        page = ReportsPage.signIn("reports-ui", "boss");

        // Act
        page.openFromMenu();
        String first = page.position();
        String newest = page.cell(0, "Asked for");
        page.steps.click("reportForm:next");
        String second = page.positionOnce("Rows 51");
        int rowsOnSecond = page.rowCount();
        page.steps.click("reportForm:previous");
        String back = page.positionOnce("Rows 1–");

        // Assert
        assertThat(page.title()).isEqualTo("Connections");
        assertThat(first).isEqualTo("Rows 1–50, more follow");
        assertThat(newest).isEqualTo("2026-10-03 11:00:00 UTC");
        assertThat(second).isEqualTo("Rows 51–60, the last");
        assertThat(rowsOnSecond).isEqualTo(SEEDED - 50);
        assertThat(back).isEqualTo("Rows 1–50, more follow");
        assertThat(page.steps.visible(By.id("filterWords")).getText()).contains("Account: reports-ui");
        Browser.screenshot(page.browser, "reports-connections");
    }

    @Test
    @Order(2)
    @DisplayName("a device chosen by name narrows the report and the address keeps it; its totals are under the table")
    void filterByDevice() {
        // Act
        page.steps.complete("filterForm:device_input", "Pum", "Pump 6");
        page.steps.click("filterForm:show");
        page.awaitUrl("device=" + pump);

        // Assert
        assertThat(page.position()).isEqualTo("Rows 1–15, the last");
        assertThat(page.column("Device")).containsOnly("Pump 6");
        assertThat(page.steps.visible(By.id("filterWords")).getText()).contains("Device: Pump 6");
        assertThat(page.steps.visible(By.cssSelector(".ks-report-totals")).getText()).contains("Pump 6", "15", "3 h 45 min 0 s");

        // and the bookmark opens the same report
        page.browser.get(page.browser.getCurrentUrl());
        assertThat(page.position()).isEqualTo("Rows 1–15, the last");
        assertThat(page.steps.visible(By.id("filterForm:device_input")).getAttribute("value")).isEqualTo("Pump 6");
        // and "Mail on a schedule" opens the schedule form for this kind and device
        assertThat(page.steps.visible(By.id("reportForm:schedule")).getAttribute("href"))
                .contains("report-schedules.xhtml", "kind=connections", "device=" + pump);
    }

    @Test
    @Order(3)
    @DisplayName("a name not chosen from the list and a period that ends before it starts are refused next to their fields")
    void refusedNextToFields() {
        // Act
        page.steps.type("filterForm:device_input", "No such machine");
        page.steps.click("filterForm:show");
        String device = page.steps.messageFor("filterForm:device");
        page.steps.type("filterForm:device_input", "");
        page.steps.type("filterForm:from_input", "2026-10-31");
        page.steps.type("filterForm:to_input", "2026-10-01");
        page.steps.click("filterForm:show");
        String to = page.steps.messageFor("filterForm:to");

        // Assert
        assertThat(device).contains("Choose a device");
        assertThat(to).contains("end of the period must be after its start");
    }

    @Test
    @Order(4)
    @DisplayName("the CSV and PDF buttons answer with the whole report")
    void downloads() {
        // Arrange: the whole report again
        page.open("reports.xhtml?kind=connections");

        // Act
        Map<String, Object> csv = page.press("reportForm:csv");
        Map<String, Object> pdf = page.press("reportForm:pdf");

        // Assert
        assertThat((String) csv.get("type")).startsWith("text/csv");
        assertThat((String) csv.get("disposition")).contains("connections-").contains(".csv");
        assertThat(((String) csv.get("body")).strip().split("\r?\n")).hasSize(SEEDED + 1);
        assertThat((String) pdf.get("type")).isEqualTo("application/pdf");
        assertThat((String) pdf.get("body")).startsWith("%PDF-");
    }

    /** reports.xhtml: the filter form, the table of one keyed page, its paging, the downloads. */
    static final class ReportsPage {
        private final WebDriver browser;
        private final Steps steps;

        private ReportsPage(WebDriver browser) {
            this.browser = browser;
            this.steps = new Steps(browser);
        }

        static ReportsPage signIn(String account, String user) {
            ReportsPage p = new ReportsPage(Browser.start());
            p.steps.signIn(portal.url(), account, user, PASSWORD);
            return p;
        }

        void openFromMenu() {
            steps.click("menuForm:menuReports");
            steps.visible(By.id("reportForm:rows"));
        }

        void open(String path) {
            browser.get(portal.url() + path);
            steps.visible(By.id("reportForm:rows"));
        }

        String title() {
            return steps.visible(By.id("reportTitle")).getText();
        }

        String position() {
            return steps.visible(By.id("reportForm:position")).getText();
        }

        String positionOnce(String start) {
            return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(d -> {
                String text = d.findElement(By.id("reportForm:position")).getText();
                return text.startsWith(start) ? text : null;
            });
        }

        void awaitUrl(String part) {
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains(part));
            steps.visible(By.id("reportForm:rows"));
        }

        int rowCount() {
            return browser.findElements(By.cssSelector("tbody[id='reportForm:rows_data'] > tr")).size();
        }

        String cell(int row, String heading) {
            return rows().get(row).findElements(By.tagName("td")).get(columnIndex(heading)).getText();
        }

        List<String> column(String heading) {
            int index = columnIndex(heading);
            return rows().stream().map(r -> r.findElements(By.tagName("td")).get(index).getText()).toList();
        }

        private List<WebElement> rows() {
            return browser.findElements(By.cssSelector("tbody[id='reportForm:rows_data'] > tr"));
        }

        private int columnIndex(String heading) {
            List<String> headings = browser.findElements(By.cssSelector("[id='reportForm:rows'] thead th")).stream()
                    .map(WebElement::getText).toList();
            assertThat(headings).contains(heading);
            return headings.indexOf(heading);
        }

        /**
         * What pressing a download button answers, read in the page (the browser of the tests never saves files): the
         * form is sent as the button sends it, with the page's session and view state.
         */
        @SuppressWarnings("unchecked")
        Map<String, Object> press(String buttonId) {
            return (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "const form = document.getElementById('reportForm');"
                            + "const data = new URLSearchParams(new FormData(form));"
                            + "data.append(arguments[0], '');"
                            + "fetch(form.action, {method: 'POST', body: data, credentials: 'same-origin'})"
                            + ".then(r => r.text().then(t => done({status: r.status, type: r.headers.get('Content-Type'),"
                            + " disposition: r.headers.get('Content-Disposition') || '', body: t})))"
                            + ".catch(e => done({status: 0, type: '', disposition: '', body: String(e)}));",
                    buttonId);
        }
    }
}
