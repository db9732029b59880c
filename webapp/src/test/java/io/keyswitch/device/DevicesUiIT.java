package io.keyswitch.device;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An administrator of the account "acme" records a machine's router and its PLC: the portal gives
 * the device a virtual subnet beside its real LAN, refuses a component outside the LAN with a
 * message next to the field, asks for a reason, audits the change, and shows nothing of it to
 * another account — not even by its id in the URL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Devices and components in the browser")
class DevicesUiIT {

    private static final String PASSWORD = "Acme-Service-2026";
    private static PortalProcess portal;
    private static DatabaseCoordinates db;
    private static long acme;
    private WebDriver browser;

    @BeforeAll
    static void arrange() throws Exception {
        portal = UiPortal.get();
        db = UiPortal.database();
        acme = Fixtures.account(db, "acme");
        Fixtures.user(db, acme, "alice", PASSWORD, List.of("device:view", "device:edit", "component:edit"));
        long other = Fixtures.account(db, "othercorp");
        Fixtures.user(db, other, "bob", PASSWORD, List.of("device:view", "device:edit", "component:edit"));
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
    @Order(1)
    @DisplayName("a new device gets a virtual subnet beside its real LAN, and the change is audited with its reason")
    void createDevice() throws Exception {
        signIn("acme", "alice");
        DevicesPage devices = DevicesPage.open(browser);
        devices.newDevice("Press 7", "SN-0007", "192.168.0.0/24", null);
        assertThat(devices.messageFor("reason")).contains("Please say why you make this change");

        devices.saveWithReason("commissioning of line 3");

        WebElement row = devices.table().row("Press 7");
        assertThat(row.getText()).contains("SN-0007", "192.168.0.0/24", Fixtures.firstVirtualSubnet(db, acme));
        Browser.screenshot(browser, "devices");
        assertThat(Fixtures.string(db, "SELECT CONCAT(actor, ' | ', reason, ' | ', details) FROM audit_event "
                + "WHERE account_id = ? AND action = 'device.create'", acme))
                .startsWith("acme/alice | commissioning of line 3 | {\"name\":[null,\"Press 7\"]")
                .contains("\"virtualSubnet\":[null,\"" + Fixtures.firstVirtualSubnet(db, acme) + "\"]");
    }

    @Test
    @Order(2)
    @DisplayName("a component outside the device's LAN is refused next to its field, and nothing is stored")
    void componentOutsideTheLan() throws Exception {
        signIn("acme", "alice");
        DevicePage device = DevicesPage.open(browser).openDevice("Press 7");
        device.newComponent("PLC", "192.168.1.10", "tcp/102, tcp/502", "PLC of the press");

        assertThat(device.messageFor("ip")).isEqualTo("192.168.1.10 is not a host address in the device's LAN 192.168.0.0/24.");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM component WHERE account_id = ?", acme)).isZero();

        device.retypeIp("192.168.0.10");

        WebElement row = device.components().row("PLC");
        assertThat(row.getText()).contains("192.168.0.10", "tcp/102, tcp/502");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM component WHERE account_id = ?", acme)).isOne();
    }

    @Test
    @Order(3)
    @DisplayName("another account sees no device, not even by its id in the URL")
    void otherAccountSeesNothing() throws Exception {
        String id = Fixtures.string(db, "SELECT id FROM device WHERE account_id = ? AND name = 'Press 7'", acme);
        signIn("othercorp", "bob");

        DevicesPage.open(browser);
        assertThat(wait(By.id("listForm:devices")).getText()).contains("No devices yet.").doesNotContain("Press 7");
        browser.get(portal.url() + "device.xhtml?id=" + id);

        assertThat(wait(By.id("noDevice")).getText()).contains("Device not found");
        assertThat(browser.getPageSource()).doesNotContain("Press 7", "192.168.0.0/24");
    }

    @Test
    @Order(4)
    @DisplayName("where OpenVPN cannot run, the devices page says why and everything else works")
    void vpnUnavailableIsShownNotBroken() {
        // The browser tier's portal uses the appliance's supervisor (systemd, PortalProcess sets it): without a
        // running systemd or without openvpn the VPN is unavailable, which is the case under test (on a host with both it would be available).
        boolean systemd = java.nio.file.Files.isDirectory(java.nio.file.Path.of("/run/systemd/system"));
        org.junit.jupiter.api.Assumptions.assumeFalse(systemd
                && io.keyswitch.vpn.instance.OpenVpnProbe.locate() != null, "OpenVPN can run here");
        signIn("acme", "alice");

        DevicesPage.open(browser);

        assertThat(wait(By.id("vpnProblem")).getText()).startsWith("VPN unavailable: ")
                .contains("Devices cannot connect; everything else works.");
        assertThat(wait(By.id("listForm:devices")).getText()).contains("Press 7").contains("never connected");
    }

    @Test
    @Order(5)
    @DisplayName("at a 1400-pixel window the list shows whole subnets, ends a long name in … with the name as its title,"
            + " and a column hidden with the chooser stays hidden")
    void tableFitsAndColumnsCanBeHidden() {
        String longName = "Palletiser of packaging line 4 with a name much longer than the column";
        signIn("acme", "alice");
        DevicesPage.open(browser).newDevice(longName, "SN-2026-000000123456", "192.168.100.0/24", "commissioning of line 4");
        browser.manage().window().setSize(new Dimension(1400, 900));
        DevicesPage devices = DevicesPage.open(browser);

        WebElement row = devices.table().row(longName);
        WebElement lan = devices.table().cell(row, "lanSubnet");
        Browser.screenshot(browser, "devices-1400px");

        assertThat(lan.getText()).isEqualTo("192.168.100.0/24");
        assertThat(devices.table().showsWhole(lan)).as("the LAN subnet shows whole").isTrue();
        assertThat(devices.table().showsWhole(devices.table().cell(row, "virtualSubnet"))).as("the virtual subnet shows whole")
                .isTrue();
        WebElement name = row.findElement(By.linkText(longName));
        assertThat(devices.table().showsWhole(name)).as("the long name is shortened").isFalse();
        assertThat(name.getAttribute("title")).isEqualTo(longName);

        devices.table().toggle("listForm:columns", "Serial number");

        assertThat(devices.table().shows("serialNumber")).as("the hidden column").isFalse();
        assertThat(devices.table().shows("lanSubnet")).isTrue();
        assertThat(DevicesPage.open(browser).table().shows("serialNumber")).as("still hidden after a reload").isFalse();
    }

    @Test
    @Order(5)
    @DisplayName("profiles of many devices: a short passphrase is refused next to its field; then the archive is made with"
            + " a progress bar that reaches 100 %, offered once for download, and audited")
    void bulkProfiles() throws Exception {
        signIn("acme", "alice");
        DevicesPage devices = DevicesPage.open(browser);

        devices.bulkProfiles("Press", "short", "commissioning line 3");
        String refused = devices.bulkMessageFor("passphrase");
        long madeBefore = Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE account_id = ? AND action = 'vpn.device-profiles-bulk'", acme);
        devices.retypeBulkPassphrase("Correct-Horse-Battery-9");

        assertThat(refused).contains("at least 12 characters");
        assertThat(madeBefore).isZero();
        assertThat(devices.bulkMade()).contains("1 profiles made");
        assertThat(devices.bulkPercent()).isEqualTo("100%");
        assertThat(new Steps(browser).visible(By.id("bulkForm:downloadArchive")).isDisplayed()).isTrue();
        Browser.screenshot(browser, "bulk-profiles");
        assertThat(Fixtures.string(db, "SELECT CONCAT(actor, ' | ', reason) FROM audit_event WHERE account_id = ?"
                + " AND action = 'vpn.device-profiles-bulk'", acme)).isEqualTo("acme/alice | commissioning line 3");
    }

    /** The device list (devices.xhtml): its table, the device dialog, the delete dialog. */
    static final class DevicesPage {
        private final WebDriver browser;
        private final Steps steps;

        private DevicesPage(WebDriver browser) {
            this.browser = browser;
            this.steps = new Steps(browser);
        }

        static DevicesPage open(WebDriver browser) {
            browser.get(portal.url() + "devices.xhtml");
            new Steps(browser).visible(By.id("listForm:devices"));
            return new DevicesPage(browser);
        }

        DataTablePart table() {
            return new DataTablePart(browser, "listForm:devices");
        }

        /** Opens the dialog, fills it in and saves (with a reason, if one is given). */
        void newDevice(String name, String serialNumber, String lanSubnet, String reason) {
            steps.click("listForm:newDevice");
            steps.type("deviceForm:name", name);
            steps.type("deviceForm:serialNumber", serialNumber);
            steps.type("deviceForm:lanSubnet", lanSubnet);
            if (reason != null) {
                steps.type("deviceForm:reason", reason);
            }
            steps.click("deviceForm:save");
        }

        void saveWithReason(String reason) {
            steps.type("deviceForm:reason", reason);
            steps.click("deviceForm:save");
        }

        /** Opens "Profiles (archive)", fills it in and makes the archive. */
        void bulkProfiles(String filter, String passphrase, String reason) {
            steps.click("listForm:bulkProfiles");
            steps.type("bulkForm:filter", filter);
            steps.type("bulkForm:passphrase", passphrase);
            steps.type("bulkForm:reason", reason);
            steps.click("bulkForm:makeArchive");
        }

        void retypeBulkPassphrase(String passphrase) {
            steps.type("bulkForm:passphrase", passphrase);
            steps.click("bulkForm:makeArchive");
        }

        String bulkMessageFor(String field) {
            return steps.messageFor("bulkForm:" + field);
        }

        /** The dialog's sentence once the archive is ready. */
        String bulkMade() {
            return steps.visible(By.id("bulkMade")).getText();
        }

        /** The progress bar's label. */
        String bulkPercent() {
            return steps.visible(By.cssSelector("#bulkProgressForm\\:bulkBar .ui-progressbar-label")).getText();
        }

        /** The message next to a field of the device dialog. */
        String messageFor(String field) {
            return steps.messageFor("deviceForm:" + field);
        }

        DevicePage openDevice(String name) {
            steps.visible(By.linkText(name)).click();
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/device.xhtml"));
            return new DevicePage(browser);
        }
    }

    /** One device's page (device.xhtml): its components and their dialog. */
    static final class DevicePage {
        private final WebDriver browser;
        private final Steps steps;

        DevicePage(WebDriver browser) {
            this.browser = browser;
            this.steps = new Steps(browser);
        }

        void newComponent(String name, String ip, String services, String reason) {
            steps.click("listForm:newComponent");
            steps.type("componentForm:name", name);
            steps.type("componentForm:ip", ip);
            steps.type("componentForm:services", services);
            steps.type("componentForm:reason", reason);
            steps.click("componentForm:save");
        }

        /** Corrects the IP address in the open component dialog and saves again. */
        void retypeIp(String ip) {
            steps.type("componentForm:ip", ip);
            steps.click("componentForm:save");
        }

        String messageFor(String field) {
            return steps.messageFor("componentForm:" + field);
        }

        DataTablePart components() {
            return new DataTablePart(browser, "listForm:components");
        }
    }

    private void signIn(String account, String user) {
        LoginPage.open(browser, portal.url()).signIn(account, user, PASSWORD);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/index.xhtml"));
    }

    private WebElement wait(By by) {
        return new Steps(browser).visible(by);
    }
}
