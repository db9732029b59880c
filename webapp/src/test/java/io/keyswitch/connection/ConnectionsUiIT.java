package io.keyswitch.connection;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A technician and an administrator in two browsers: the technician finds their machine on My machines with only the
 * granted component, connects with a reason and an order number (the connection waits for their VPN); the
 * administrator sees it on the home page without reloading and ends it with a reason; the technician's page shows it
 * ended by itself; the history keeps it. The device page shows the router settings.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Connections in the browser: My machines, Connect, the live list, End")
class ConnectionsUiIT {

    private static final String PASSWORD = "Connections-Ui-2026";
    private static PortalProcess portal;
    private static DatabaseCoordinates db;
    private static String virtualSubnet;
    private static long device;
    private static MachinesPage technician;
    private static HomePage administrator;

    @BeforeAll
    static void arrange() throws Exception {
        portal = UiPortal.get();
        db = UiPortal.database();
        long account = Fixtures.account(db, "gamma-ui");
        Fixtures.user(db, account, "admin", PASSWORD, List.of("device:view", "connection:view", "connection:end"));
        long tech = Fixtures.user(db, account, "tech", PASSWORD, List.of("device:connect"));
        virtualSubnet = Fixtures.firstVirtualSubnet(db, account);
        device = Fixtures.device(db, account, "Press 9", "192.168.0.0/24", virtualSubnet);
        long plc = Fixtures.component(db, account, device, "PLC", "192.168.0.10", "tcp/102");
        Fixtures.component(db, account, device, "HMI", "192.168.0.20", "tcp/80");
        Fixtures.update(db, "INSERT INTO access_grant (account_id, user_id, component_id, created_at)"
                + " VALUES (?, ?, ?, UTC_TIMESTAMP(3))", account, tech, plc);
    }

    @AfterAll
    static void closeBrowsers() {
        if (technician != null) {
            technician.browser.quit();
        }
        if (administrator != null) {
            administrator.browser.quit();
        }
    }

    @Test
    @Order(1)
    @DisplayName("My machines lists the granted component only, at its virtual address, and says the VPN is not up")
    void myMachines() {
        technician = MachinesPage.open("gamma-ui", "tech");

        assertThat(technician.components("Press 9")).contains("PLC " + virtualSubnet.replace(".0/24", ".10") + " · tcp/102")
                .doesNotContain("HMI");
        assertThat(technician.vpnText()).startsWith("Your VPN: not connected");
    }

    @Test
    @Order(2)
    @DisplayName("Connect asks for the reason next to the field, then records the connection, which waits for the VPN")
    void connect() {
        technician.startConnect("Press 9");
        technician.confirmConnect();
        assertThat(technician.steps.messageFor("connectForm:reason")).contains("Please say why");

        technician.steps.type("connectForm:reason", "replace the PLC's firmware");
        technician.steps.type("connectForm:orderNumber", "SO-815");
        technician.confirmConnect();

        assertThat(technician.awaitState("Press 9", "waiting for your VPN")).isEqualTo("waiting for your VPN");
        Browser.screenshot(technician.browser, "connections-my-machines");
        technician.markNotReloaded();
    }

    @Test
    @Order(3)
    @DisplayName("the administrator's home page lists it live with its reason, the menu counts it; End needs a reason")
    void administratorSeesAndEnds() throws Exception {
        administrator = HomePage.open("gamma-ui", "admin");
        String row = administrator.awaitRow("Press 9");
        Browser.screenshot(administrator.browser, "connections-home");

        assertThat(row).contains("tech").contains("replace the PLC's firmware · SO-815").contains("waiting for your VPN");
        assertThat(administrator.menu()).contains("Connections (1)");

        administrator.startEnd("Press 9");
        administrator.steps.click("endForm:confirmEnd");
        assertThat(administrator.steps.messageFor("endForm:reason")).contains("Please say why");
        administrator.steps.type("endForm:reason", "machine back in production");
        administrator.steps.click("endForm:confirmEnd");

        assertThat(administrator.awaitEmpty()).isTrue();
        assertThat(Fixtures.string(db, "SELECT close_reason FROM connection WHERE device_id = ?", device))
                .isEqualTo("machine back in production");
    }

    @Test
    @Order(4)
    @DisplayName("the technician's page shows it ended by itself, without a reload")
    void technicianSeesItEnded() {
        assertThat(technician.awaitConnectButton("Press 9")).isTrue();
        assertThat(technician.notReloaded()).as("updated by the poll, not a reload").isTrue();
    }

    @Test
    @Order(5)
    @DisplayName("the history keeps it, with who ended it and why; the device page shows the router settings")
    void historyAndRouterSettings() {
        administrator.browser.get(portal.url() + "connections.xhtml?which=all");
        String row = administrator.awaitRow("Press 9");
        assertThat(row).contains("closed: machine back in production (gamma-ui/admin)");

        administrator.browser.get(portal.url() + "device.xhtml?id=" + device);
        String iptables = (String) ((JavascriptExecutor) administrator.browser).executeScript(
                "return document.querySelector('pre[data-family=iptables]').textContent;");
        assertThat(iptables).contains("iptables -t nat -A PREROUTING -i tun+ -d " + virtualSubnet
                + " -j NETMAP --to 192.168.0.0/24");
    }

    // ---- page objects ----

    /** My machines, as the technician sees it. */
    static final class MachinesPage {
        final WebDriver browser = Browser.start();
        final Steps steps = new Steps(browser);
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        static MachinesPage open(String account, String user) {
            MachinesPage page = new MachinesPage();
            page.steps.signIn(portal.url(), account, user, PASSWORD);
            page.browser.get(portal.url() + "machines.xhtml");
            page.wait.ignoring(StaleElementReferenceException.class);
            return page;
        }

        private By row(String machine) {
            return By.xpath("//tbody[@id='listForm:machines_data']/tr[td//span[@class='ks-machine-name' and text()='"
                    + machine + "']]");
        }

        String components(String machine) {
            return wait.until(d -> d.findElement(row(machine))).findElements(By.className("ks-component")).stream()
                    .map(WebElement::getText).reduce("", (a, b) -> a + b + "\n");
        }

        String vpnText() {
            return steps.visible(By.id("vpnText")).getText();
        }

        void startConnect(String machine) {
            wait.until(d -> d.findElement(row(machine))).findElement(By.xpath(".//button[span[text()='Connect']]")).click();
            steps.visible(By.id("connectForm:reason"));
        }

        void confirmConnect() {
            steps.click("connectForm:confirmConnect");
        }

        String awaitState(String machine, String state) {
            return wait.until(d -> {
                String text = d.findElement(row(machine)).findElement(By.className("ks-connection-state")).getText();
                return text.equals(state) ? text : null;
            });
        }

        boolean awaitConnectButton(String machine) {
            return wait.until(d -> !d.findElement(row(machine)).findElements(By.xpath(".//button[span[text()='Connect']]"))
                    .isEmpty());
        }

        void markNotReloaded() {
            ((JavascriptExecutor) browser).executeScript("window.ksNotReloaded = true;");
        }

        boolean notReloaded() {
            return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript("return window.ksNotReloaded === true;"));
        }
    }

    /** The home page's live list (and, opened on it, the history), as the administrator sees it. */
    static final class HomePage {
        final WebDriver browser = Browser.start();
        final Steps steps = new Steps(browser);
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        static HomePage open(String account, String user) {
            HomePage page = new HomePage();
            page.steps.signIn(portal.url(), account, user, PASSWORD);
            page.wait.ignoring(StaleElementReferenceException.class);
            return page;
        }

        private By row(String device) {
            return By.xpath("//tbody[@id='connectionsForm:connections_data']/tr[td//a[text()='" + device + "']]");
        }

        String awaitRow(String device) {
            return wait.until(d -> d.findElement(row(device))).getText();
        }

        String menu() {
            return steps.visible(By.id("menuForm:menu")).getText();
        }

        void startEnd(String device) {
            wait.until(d -> d.findElement(row(device))).findElement(By.cssSelector("button[title='End connection']")).click();
            steps.visible(By.id("endForm:reason"));
        }

        boolean awaitEmpty() {
            return wait.until(d -> d.findElements(row("Press 9")).isEmpty());
        }
    }
}
