package io.keyswitch.datapoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.Browser;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.LoginPage;
import io.keyswitch.testing.UiPortal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The device page's history chart in Chromium: a device with a day of raw temperatures (every 10 minutes) and a week
 * of hourly aggregates; the page draws the day on a canvas (Chart.js from the PrimeFaces jar), and choosing "week"
 * asks the portal for the hours (an Ajax request) and draws them.
 */
@DisplayName("The device page's history chart in the browser")
class DeviceChartUiIT {

    private static final String PASSWORD = "Chart-Service-2026";
    private static PortalProcess portal;
    private static long kiln;
    private static long project;
    private WebDriver browser;

    @BeforeAll
    static void arrange() throws Exception {
        portal = UiPortal.get();
        DatabaseCoordinates db = UiPortal.database();
        long account = Fixtures.account(db, "chartco");
        Fixtures.user(db, account, "carol", PASSWORD, List.of("device:view"));
        kiln = Fixtures.device(db, account, "Kiln 1", "192.168.0.0/24", Fixtures.firstVirtualSubnet(db, account));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        long point = Fixtures.insert(db, "INSERT INTO data_point (account_id, device_id, name, kind, unit, last_number,"
                + " last_at, stored_number, stored_at, created_at) VALUES (?, ?, 'temperature', 'NUMBER', '°C', 21, ?, 21, ?, ?)",
                account, kiln, utc(now), utc(now), utc(now.minus(Duration.ofDays(8))));
        // A day of raw values, one every 10 minutes, and a week of hours, made by the database's sequence tables
        Fixtures.update(db, "INSERT INTO data_point_value (data_point_id, at, number_value) SELECT ?,"
                + " DATE_SUB(?, INTERVAL 10 * seq MINUTE), 20 + MOD(seq, 7) FROM seq_1_to_143", point, utc(now));
        Fixtures.update(db, "INSERT INTO data_point_hour (data_point_id, hour, min_value, max_value, sum_value, value_count)"
                + " SELECT ?, DATE_SUB(?, INTERVAL seq HOUR), 18, 26, 6 * (20 + MOD(seq, 5)), 6 FROM seq_1_to_168", point,
                utc(now.truncatedTo(ChronoUnit.HOURS)));
        Fixtures.update(db, "INSERT INTO data_point_rollup (data_point_id, through) VALUES (?, ?)", point, utc(now));
        // A second kiln in the same project: half a day of raw values (every 30 minutes) and a day of hours
        project = Fixtures.project(db, account, "Kilns");
        long kiln4 = Fixtures.device(db, account, "Kiln 4", "192.168.0.0/24",
                Fixtures.firstVirtualSubnet(db, account).replace(".0.0/24", ".1.0/24"));
        Fixtures.update(db, "UPDATE device SET project_id = ? WHERE id IN (?, ?)", project, kiln, kiln4);
        long point4 = Fixtures.insert(db, "INSERT INTO data_point (account_id, device_id, name, kind, unit, last_number,"
                + " last_at, stored_number, stored_at, created_at) VALUES (?, ?, 'temperature', 'NUMBER', '°C', 30, ?, 30, ?, ?)",
                account, kiln4, utc(now), utc(now), utc(now.minus(Duration.ofDays(2))));
        Fixtures.update(db, "INSERT INTO data_point_value (data_point_id, at, number_value) SELECT ?,"
                + " DATE_SUB(?, INTERVAL 30 * seq MINUTE), 30 + MOD(seq, 3) FROM seq_1_to_24", point4, utc(now));
        Fixtures.update(db, "INSERT INTO data_point_hour (data_point_id, hour, min_value, max_value, sum_value, value_count)"
                + " SELECT ?, DATE_SUB(?, INTERVAL seq HOUR), 29, 33, 62, 2 FROM seq_1_to_24", point4,
                utc(now.truncatedTo(ChronoUnit.HOURS)));
        // rolled up through now, as the first kiln: else the history job recomputes its hours from the raw values,
        // and from the half hour on the raw value of 30 minutes ago makes a 25th hour (seen in a full run at 21:32)
        Fixtures.update(db, "INSERT INTO data_point_rollup (data_point_id, through) VALUES (?, ?)", point4, utc(now));
    }

    private static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    @DisplayName("the chart's canvas is drawn with the day's 143 values; 'week' asks for and draws 168 hours (min, mean, max)")
    void chartOfADayAndAWeek() {
        // Arrange
        LoginPage.open(browser, portal.url()).signIn("chartco", "carol", PASSWORD);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/index.xhtml"));
        ChartSection page = ChartSection.ofDevice(browser, portal.url(), kiln);

        // Act
        List<Long> day = page.pointsPerDataset();
        String daySummary = page.summary();
        page.choosePeriod("week");
        List<Long> week = page.pointsPerDataset();

        // Assert
        assertThat(page.canvas().getSize().getHeight()).as("the canvas is laid out").isGreaterThan(100);
        assertThat(day).containsExactly(143L);
        assertThat(daySummary).isEqualTo("143 values");
        assertThat(week).containsExactly(168L, 168L, 168L);
        assertThat(page.summary()).isEqualTo("168 hours (min, mean, max)");
        Browser.screenshot(browser, "device-history-chart");
    }

    @Test
    @DisplayName("the project dashboard draws the temperature of each kiln as a line of its own: the day's raw values,"
            + " then the week's hourly means")
    void dashboardChartAcrossDevices() {
        // Arrange
        LoginPage.open(browser, portal.url()).signIn("chartco", "carol", PASSWORD);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/index.xhtml"));
        ChartSection page = ChartSection.ofProject(browser, portal.url(), project);

        // Act
        List<String> lines = page.labels();
        List<Long> day = page.pointsPerDataset();
        page.choosePeriod("week");
        List<Long> week = page.pointsPerDataset();

        // Assert
        assertThat(lines).containsExactly("Kiln 1", "Kiln 4");
        assertThat(day).containsExactly(143L, 24L);
        assertThat(week).containsExactly(168L, 24L);
        assertThat(page.summary()).isEqualTo("2 devices");
        Browser.screenshot(browser, "dashboard-chart");
    }

    @Test
    @DisplayName("the week's chart and the project's tiles are pinned to carol's own dashboard, drawn there in her order,"
            + " moved and removed; they are hers alone")
    void myDashboard() throws Exception {
        // Arrange
        LoginPage.open(browser, portal.url()).signIn("chartco", "carol", PASSWORD);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/index.xhtml"));
        ChartSection dashboard = ChartSection.ofProject(browser, portal.url(), project);
        dashboard.choosePeriod("week");
        MyDashboardPage.pin(browser, "chartForm:pinChart");
        MyDashboardPage.pin(browser, "dashboardForm:pinTiles");

        // Act
        MyDashboardPage mine = MyDashboardPage.open(browser, portal.url());
        List<String> pinned = mine.titles();
        List<Long> chartPoints = mine.chart(0).pointsPerDataset();
        String tiles = mine.piece(1).getText();
        mine.click("down0");
        List<String> moved = mine.titles();
        mine.click("remove1");
        List<String> left = mine.titles();

        // Assert
        assertThat(pinned).containsExactly("temperature · last week · project Kilns", "Devices · project Kilns");
        assertThat(chartPoints).containsExactly(168L, 24L);
        assertThat(tiles).contains("Kiln 1", "Kiln 4", "2 devices");
        assertThat(moved).containsExactly("Devices · project Kilns", "temperature · last week · project Kilns");
        assertThat(left).containsExactly("Devices · project Kilns");
        assertThat(Fixtures.count(UiPortal.database(), "SELECT COUNT(*) FROM dashboard_item i JOIN app_user u ON u.id ="
                + " i.user_id WHERE u.username = 'carol' AND i.data_point IS NULL AND i.project_id = ?", project)).isOne();
        assertThat(Fixtures.count(UiPortal.database(), "SELECT COUNT(*) FROM dashboard_item")).as("nobody else's").isOne();
        Browser.screenshot(browser, "my-dashboard");
    }

    /** A person's own dashboard (my-dashboard.xhtml): its pieces in order, each with its buttons. */
    static final class MyDashboardPage {
        private final WebDriver driver;

        private MyDashboardPage(WebDriver driver) {
            this.driver = driver;
        }

        /** Presses a "Pin … to my dashboard" button on the project dashboard and waits for its message. */
        static void pin(WebDriver driver, String buttonId) {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.elementToBeClickable(By.id(buttonId))).click();
            wait.until(d -> d.findElements(By.cssSelector("#messages .ui-messages-info")).stream()
                    .anyMatch(m -> m.getText().contains("on your dashboard now")));
            ((JavascriptExecutor) driver).executeScript("document.querySelectorAll('#messages .ui-messages-info')"
                    + ".forEach(m => m.remove());");
        }

        static MyDashboardPage open(WebDriver driver, String baseUrl) {
            driver.get(baseUrl + "my-dashboard.xhtml");
            return new MyDashboardPage(driver);
        }

        /** The pieces' titles, top to bottom. */
        List<String> titles() {
            return new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector(".ks-my-piece"))
                    .stream().map(p -> p.getAttribute("data-title")).toList());
        }

        WebElement piece(int index) {
            return driver.findElement(By.id("piece-" + index));
        }

        ChartSection chart(int index) {
            return ChartSection.ofPiece(driver, index);
        }

        /** Presses a piece's button (up0, down0, remove1, …) and waits for the page to come back. */
        void click(String buttonId) {
            WebElement old = driver.findElement(By.id("myForm:" + buttonId));
            old.click();
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(old));
        }
    }

    /** A chart section of a page (the device page's history, the dashboard's values across devices). */
    static final class ChartSection {
        private final WebDriver driver;
        private final WebDriverWait wait;
        private final String form;
        private final String chartId;
        private final String widget;
        private final String summaryId;

        private ChartSection(WebDriver driver, String form, String chartId, String widget, String summaryId) {
            this.driver = driver;
            this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            this.form = form;
            this.chartId = chartId;
            this.widget = widget;
            this.summaryId = summaryId;
        }

        /** The device page's history chart. */
        static ChartSection ofDevice(WebDriver driver, String baseUrl, long deviceId) {
            driver.get(baseUrl + "device.xhtml?id=" + deviceId);
            return drawn(new ChartSection(driver, "historyForm", "chart", "historyChart", "historySummary"));
        }

        /** The chart across the devices on a project's dashboard. */
        static ChartSection ofProject(WebDriver driver, String baseUrl, long projectId) {
            driver.get(baseUrl + "dashboard.xhtml?project=" + projectId);
            return drawn(new ChartSection(driver, "chartForm", "chart", "dashboardChart", "chartSummary"));
        }

        /** The chart of a piece of a person's own dashboard (already open). */
        static ChartSection ofPiece(WebDriver driver, int index) {
            return drawn(new ChartSection(driver, "myForm", "chart" + index, "myChart" + index, "piece-" + index));
        }

        private static ChartSection drawn(ChartSection section) {
            section.canvas();
            return section;
        }

        WebElement canvas() {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#" + form + "\\:" + chartId + " canvas")));
        }

        String summary() {
            return driver.findElement(By.id(summaryId)).getText();
        }

        /** Clicks the period's button and waits until the Ajax answer has replaced the chart. */
        void choosePeriod(String label) {
            WebElement old = canvas();
            driver.findElements(By.cssSelector("#" + form + "\\:period .ui-button")).stream()
                    .filter(b -> b.getText().equals(label)).findFirst().orElseThrow().click();
            wait.until(ExpectedConditions.stalenessOf(old));
            canvas();
        }

        /** How many points each dataset of the drawn chart holds, as Chart.js has them. */
        List<Long> pointsPerDataset() {
            return datasets("s.data.length");
        }

        /** Each dataset's label (a line's legend). */
        List<String> labels() {
            return datasets("s.label");
        }

        @SuppressWarnings("unchecked")
        private <T> List<T> datasets(String expression) {
            return (List<T>) wait.until(d -> ((JavascriptExecutor) d).executeScript("var w = PF('" + widget
                    + "'); return w && w.chart ? w.chart.data.datasets.map(s => " + expression + ") : null;"));
        }
    }
}
