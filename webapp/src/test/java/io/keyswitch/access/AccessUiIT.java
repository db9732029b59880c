package io.keyswitch.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.Browser;
import io.keyswitch.testing.DataTablePart;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Default deny, then one component: a technician reaches nothing until the administrator grants him
 * the PLC of one pump — and then exactly that, not the pump's HMI, as "what can this user reach" shows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Grants in the browser")
class AccessUiIT {

    private static final String PASSWORD = "Gridco-Admin-2026";
    private static PortalProcess portal;
    private static DatabaseCoordinates db;
    private static long gridco;
    private static WebDriver browser;

    @BeforeAll
    static void arrange() throws Exception {
        portal = UiPortal.get();
        db = UiPortal.database();
        gridco = Fixtures.account(db, "gridco");
        Fixtures.user(db, gridco, "admin-gridco", PASSWORD, List.of("user:manage", "device:view"));
        Fixtures.user(db, gridco, "tom", "Technician-Tom-2026", List.of("device:view", "device:connect"));
        long pump = Fixtures.device(db, gridco, "Pump 3", "192.168.0.0/24", "100.64.0.0/24");
        Fixtures.component(db, gridco, pump, "PLC", "192.168.0.10", "tcp/102");
        Fixtures.component(db, gridco, pump, "HMI", "192.168.0.20", "tcp/80");
        browser = Browser.start();
        new Steps(browser).signIn(portal.url(), "gridco", "admin-gridco", PASSWORD);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    @DisplayName("without a grant the technician reaches nothing")
    void defaultDeny() {
        AccessPage access = AccessPage.open();

        assertThat(access.reachOf("tom")).contains("Nothing: this user has no grant.");
    }

    @Test
    @Order(2)
    @DisplayName("granting only the PLC gives exactly the PLC, through that grant, and the grant is audited")
    void grantOneComponent() throws Exception {
        AccessPage access = AccessPage.open();
        access.grantComponentToUser("tom", "Pump 3", "PLC", "PLC update, ticket 815");

        WebElement row = access.grants().row("user tom");
        assertThat(row.getText()).contains("component PLC of device Pump 3");
        String reach = access.reachOf("tom");
        assertThat(reach).contains("Pump 3", "PLC", "192.168.0.10", "100.64.0.0/24 / 192.168.0.0/24", "tcp/102",
                "directly → component PLC").doesNotContain("HMI");
        Browser.screenshot(browser, "access");
        assertThat(Fixtures.string(db, "SELECT CONCAT(reason, ' | ', details) FROM audit_event WHERE account_id = ? AND action = 'grant.create'",
                gridco)).isEqualTo("PLC update, ticket 815 | {\"subject\":[null,\"user tom\"],\"scope\":[null,\"component PLC of device Pump 3\"]}");
    }

    @Test
    @Order(3)
    @DisplayName("the component's page says who can reach the PLC and through which grant, and nobody the HMI")
    void whoCanReach() {
        DevicePage pump = DevicePage.open("Pump 3");

        String plc = pump.whoCanReach("PLC");
        pump.closeWho();
        String hmi = pump.whoCanReach("HMI");

        assertThat(plc).contains("tom (User tom) — directly → component PLC of device Pump 3");
        assertThat(hmi).contains("Nobody: there is no grant for it.");
    }

    /** The grants page (access.xhtml): the grant form, the grants, and "what can this user reach". */
    static final class AccessPage {
        private final Steps steps = new Steps(browser);

        static AccessPage open() {
            browser.get(portal.url() + "access.xhtml");
            return new AccessPage();
        }

        /** Grants {@code user} only the component {@code component} of {@code device}, with a reason. */
        void grantComponentToUser(String user, String device, String component, String reason) {
            radio("grantForm:subjectType", "A user");
            steps.complete("grantForm:user_input", user.substring(0, 2), user);
            radio("grantForm:scopeType", "Only chosen components");
            steps.complete("grantForm:device_input", device.substring(0, 2), device);
            steps.ajaxDone();
            // the device's components arrive by ajax (item chosen, then the field's change): tick the component in
            // the list that stays, looking again if it was replaced, and never untick it by a second click
            By box = By.xpath("//*[@id='grantForm:components']//label[starts-with(text(), '" + component + "')]");
            new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                    .until(d -> {
                        steps.ajaxDone();
                        WebElement label = d.findElement(box);
                        if (!d.findElement(By.id(label.getAttribute("for"))).isSelected()) {
                            label.click();
                        }
                        return d.findElement(By.id(d.findElement(box).getAttribute("for"))).isSelected();
                    });
            steps.type("grantForm:reason", reason);
            steps.click("grantForm:grant");
        }

        DataTablePart grants() {
            return new DataTablePart(browser, "grantsForm:grants");
        }

        /** The table "what can this user reach" shows for {@code user}. */
        String reachOf(String user) {
            steps.visible(By.id("reachForm:reachUser_input")).clear();
            steps.complete("reachForm:reachUser_input", user.substring(0, 2), user);
            steps.click("reachForm:showReach");
            return steps.visible(By.id("reachForm:reach")).getText();
        }

        private void radio(String id, String label) {
            steps.visible(By.xpath("//*[@id='" + id + "']//label[text()='" + label + "']")).click();
            // the radio's ajax request replaces the dependent panel: wait until it has been answered
            steps.ajaxDone();
        }
    }

    /** A device's page (device.xhtml), reached from the device list: who can reach each component. */
    static final class DevicePage {
        private final Steps steps = new Steps(browser);

        static DevicePage open(String device) {
            browser.get(portal.url() + "devices.xhtml");
            new Steps(browser).visible(By.linkText(device)).click();
            return new DevicePage();
        }

        /** Opens "who can reach" for {@code component} and returns the dialog's text once it is about that component. */
        String whoCanReach(String component) {
            steps.visible(By.xpath("//tbody[@id='listForm:components_data']/tr[td[text()='" + component
                    + "']]//button[contains(@class,'ks-who-button')]")).click();
            return new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                    .until(d -> {
                        String text = d.findElement(By.id("whoPanel")).getText();
                        return text.contains("reach " + component) && d.findElement(By.id("whoDialog")).isDisplayed() ? text : null;
                    });
        }

        void closeWho() {
            browser.findElement(By.xpath("//div[@id='whoDialog']//button[span[text()='Close']]")).click();
        }
    }
}
