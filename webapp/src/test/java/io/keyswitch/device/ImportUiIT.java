package io.keyswitch.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.Browser;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.Steps;
import io.keyswitch.testing.TestDirs;
import io.keyswitch.testing.UiPortal;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An administrator imports the machines of an order from a CSV file: the check shows the one bad
 * line and stores nothing; the corrected file imports every device with its components, and the
 * project page counts them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("CSV import of devices in the browser")
class ImportUiIT {

    private static final String PASSWORD = "Import-Admin-2026";
    private static PortalProcess portal;
    private static DatabaseCoordinates db;
    private static long account;
    private static WebDriver browser;

    @BeforeAll
    static void arrange() throws Exception {
        portal = UiPortal.get();
        db = UiPortal.database();
        account = Fixtures.account(db, "importer");
        Fixtures.user(db, account, "admin", PASSWORD,
                List.of("device:view", "device:edit", "component:edit", "project:manage"));
        browser = Browser.start();
        new Steps(browser).signIn(portal.url(), "importer", "admin", PASSWORD);
    }

    @AfterAll
    static void closeBrowser() {
        browser.quit();
    }

    private static Path file(String name, String content) throws Exception {
        Path f = TestDirs.fresh("import-ui").resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private static final String CSV = "device,serial_number,project,lan_subnet,component,component_ip,services,web2go\n"
            + "Press 1,SN-1,Order 4711,192.168.0.0/24,plc,192.168.0.10,tcp/102,no\n"
            + "Press 1,,,,hmi,192.168.0.20,tcp/80,yes\n"
            + "Press 2,SN-2,Order 4711,192.168.0.0/24,plc,192.168.1.10,tcp/102,no\n";

    @Test
    @Order(1)
    @DisplayName("a file with one bad line shows that line and what is wrong, offers no import, and stores nothing")
    void badLineIsShownAndNothingStored() throws Exception {
        Fixtures.project(db, account, "Order 4711");
        ImportPage check = ImportPage.upload(file("bad.csv", CSV));

        assertThat(check.summary()).contains("3 lines: 2 devices with 2 components", "1 problems");
        assertThat(check.firstProblem())
                .contains("4", "Device 'Press 2', component 'plc': 192.168.1.10 is not a host address in the device's LAN 192.168.0.0/24.");
        assertThat(check.offersImport()).isFalse();
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM device WHERE account_id = ?", account)).isZero();
        Browser.screenshot(browser, "import-bad-line");
    }

    @Test
    @Order(2)
    @DisplayName("the corrected file imports both devices with their components, with a reason, and the project counts them")
    void correctedFileImports() throws Exception {
        ImportPage check = ImportPage.upload(file("good.csv", CSV.replace("192.168.1.10", "192.168.0.11")));
        assertThat(check.summary()).contains("Everything can be imported.");

        check.commit();
        assertThat(check.messageFor("reason")).contains("Please say why");
        check.commitWithReason("machines of order 4711");

        check.waitForMessage("2 devices with 3 components imported from good.csv.");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM component WHERE account_id = ?", account)).isEqualTo(3);
        assertThat(Fixtures.string(db, "SELECT GROUP_CONCAT(virtual_subnet ORDER BY name) FROM device WHERE account_id = ?", account))
                .isEqualTo(Fixtures.firstVirtualSubnet(db, account) + "," + Fixtures.firstVirtualSubnet(db, account).replaceFirst("\\.0\\.0/24$", ".1.0/24"));

        assertThat(ProjectsPage.open().firstRow()).contains("Order 4711", "2");
    }

    /** The import page (import.xhtml): the file checked, its summary and problems, and the import with a reason. */
    static final class ImportPage {
        private final Steps steps = new Steps(browser);

        /** Opens the page and has {@code csv} checked. */
        static ImportPage upload(Path csv) {
            browser.get(portal.url() + "import.xhtml");
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(
                    ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[type=file]"))).sendKeys(csv.toString());
            browser.findElement(By.id("uploadForm:check")).click();
            return new ImportPage();
        }

        String summary() {
            return steps.visible(By.id("summary")).getText();
        }

        /** The first line of the problems table. */
        String firstProblem() {
            return steps.visible(By.xpath("//tbody[contains(@id,'errors_data')]/tr")).getText();
        }

        /** Whether the page offers to import the file. */
        boolean offersImport() {
            return !browser.findElements(By.id("commitForm:commit")).isEmpty();
        }

        void commit() {
            steps.click("commitForm:commit");
        }

        void commitWithReason(String reason) {
            steps.type("commitForm:reason", reason);
            steps.click("commitForm:commit");
        }

        String messageFor(String field) {
            return steps.messageFor("commitForm:" + field);
        }

        /** Waits (the import runs in the background, 2 minutes at most) until the page says {@code message}. */
        void waitForMessage(String message) {
            new WebDriverWait(browser, Duration.ofSeconds(120)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("messages"), message));
        }
    }

    /** The projects page (projects.xhtml). */
    static final class ProjectsPage {
        static ProjectsPage open() {
            browser.get(portal.url() + "projects.xhtml");
            return new ProjectsPage();
        }

        String firstRow() {
            return new Steps(browser).visible(By.xpath("//tbody[@id='listForm:projects_data']/tr")).getText();
        }
    }
}
