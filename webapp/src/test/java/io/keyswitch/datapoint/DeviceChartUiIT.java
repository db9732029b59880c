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
        HistoryPage page = HistoryPage.open(browser, portal.url(), kiln);

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

    /** The history section of the device page. */
    static final class HistoryPage {
        private final WebDriver driver;
        private final WebDriverWait wait;

        private HistoryPage(WebDriver driver) {
            this.driver = driver;
            this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        }

        static HistoryPage open(WebDriver driver, String baseUrl, long deviceId) {
            driver.get(baseUrl + "device.xhtml?id=" + deviceId);
            HistoryPage page = new HistoryPage(driver);
            page.canvas();
            return page;
        }

        WebElement canvas() {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#historyForm\\:chart canvas")));
        }

        String summary() {
            return driver.findElement(By.id("historySummary")).getText();
        }

        /** Clicks the period's button and waits until the Ajax answer has replaced the chart. */
        void choosePeriod(String label) {
            WebElement old = canvas();
            driver.findElements(By.cssSelector("#historyForm\\:period .ui-button")).stream()
                    .filter(b -> b.getText().equals(label)).findFirst().orElseThrow().click();
            wait.until(ExpectedConditions.stalenessOf(old));
            canvas();
        }

        /** How many points each dataset of the drawn chart holds, as Chart.js has them. */
        @SuppressWarnings("unchecked")
        List<Long> pointsPerDataset() {
            return (List<Long>) wait.until(d -> ((JavascriptExecutor) d).executeScript(
                    "var w = PF('historyChart'); return w && w.chart ? w.chart.data.datasets.map(s => s.data.length) : null;"));
        }
    }
}
