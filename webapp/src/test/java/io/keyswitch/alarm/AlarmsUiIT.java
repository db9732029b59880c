package io.keyswitch.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.ApiClient.Answer;
import io.keyswitch.testing.Browser;
import io.keyswitch.testing.DataTablePart;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.Steps;
import io.keyswitch.testing.UiPortal;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
 * The administrator of "kilnco" sets up alarms on the pages: an alarm group for the shift, a threshold rule for one
 * kiln (a wrong rule first, refused next to its field) and the built-in USB rule switched on; then the kiln reports a
 * temperature above the threshold through the device API, the alarm shows in the menu's count, on the alarm page and
 * on the device page, is acknowledged there with a comment, and the count drops when the kiln has cooled down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Alarm rules, alarm groups and alarms in the browser")
class AlarmsUiIT {

    private static final String PASSWORD = "Kilnco-Alarms-2026";
    private static final String TOKEN = "ks_" + "K".repeat(16) + "kilncoAlarmAdmin";
    private static PortalProcess portal;
    private static DatabaseCoordinates db;
    private static long kilnco;
    private static long kiln;
    private static String kilnAuth;
    private static WebDriver browser;

    @BeforeAll
    static void arrange() throws Exception {
        portal = UiPortal.get();
        db = UiPortal.database();
        kilnco = Fixtures.account(db, "kilnco");
        long admin = Fixtures.user(db, kilnco, "admin", PASSWORD,
                List.of("device:view", "device:edit", "alarm:manage", "alarm:view", "audit:view"));
        Fixtures.update(db, "UPDATE app_user SET email = 'shift@kilnco.test' WHERE id = ?", admin);
        Fixtures.apiToken(db, kilnco, admin, TOKEN);
        String pool = Fixtures.firstVirtualSubnet(db, kilnco);
        kiln = Fixtures.device(db, kilnco, "Kiln 2", "192.168.0.0/24", pool);
        Fixtures.device(db, kilnco, "Kiln 3", "192.168.0.0/24", pool.replace(".0.0/24", ".1.0/24"));
        Answer made = new ApiClient(portal.url() + "api/v1", TOKEN).post("/devices/" + kiln + "/vpn-profile",
                "{\"reason\":\"router commissioning\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        JsonObject profile = made.json();
        kilnAuth = "Basic " + Base64.getEncoder().encodeToString((profile.getString("identity") + ":"
                + profile.getString("secret")).getBytes(StandardCharsets.UTF_8));
        browser = Browser.start();
        new Steps(browser).signIn(portal.url(), "kilnco", "admin", PASSWORD);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    @DisplayName("the menu leads to the alarm groups page, where a group for the admin's user group is made with a reason, audited")
    void makeGroup() throws Exception {
        // Arrange
        browser.get(portal.url() + "index.xhtml");
        new Steps(browser).click("menuForm:menuAlarmGroups");
        AlarmGroupsPage groups = new AlarmGroupsPage();

        // Act
        groups.newGroup("Kiln shift", "group of admin", "the shift watches the kilns");

        // Assert
        assertThat(groups.errors()).as("messages in the dialog").isEmpty();
        assertThat(groups.table().row("Kiln shift").getText()).contains("group of admin", "every device, INFO and up", "e-mail");
        assertThat(Fixtures.string(db, "SELECT reason FROM audit_event WHERE account_id = ? AND action = 'alarm-group.create'",
                kilnco)).isEqualTo("the shift watches the kilns");
    }

    @Test
    @Order(2)
    @DisplayName("a threshold rule without its threshold is refused next to the field and nothing is stored; with it, it is saved")
    void makeRule() throws Exception {
        // Arrange
        AlarmRulesPage rules = AlarmRulesPage.open();

        // Act
        rules.newThresholdRule("Kiln too hot", "Kiln 2", "temperature", "", "CRITICAL", "The kiln is too hot.",
                "kiln 2 overheats sometimes");
        String refused = rules.messageFor("threshold");
        long storedAfterRefusal = Fixtures.count(db, "SELECT COUNT(*) FROM alarm_rule WHERE account_id = ?", kilnco);
        rules.retypeThreshold("80");

        // Assert
        assertThat(refused).isEqualTo("Please give the threshold as a number.");
        assertThat(storedAfterRefusal).isZero();
        assertThat(rules.table().row("Kiln too hot").getText()).contains("device Kiln 2", "temperature > 80", "CRITICAL", "on");
        assertThat(Fixtures.string(db, "SELECT CONCAT(kind, ' ', threshold, ' ', device_id) FROM alarm_rule WHERE"
                + " account_id = ? AND name = 'Kiln too hot'", kilnco)).isEqualTo("ABOVE 80 " + kiln);
        assertThat(Fixtures.string(db, "SELECT reason FROM audit_event WHERE account_id = ? AND action = 'alarm-rule.create'",
                kilnco)).isEqualTo("kiln 2 overheats sometimes");
    }

    @Test
    @Order(3)
    @DisplayName("the built-in USB rule is switched on for every device with a reason, and off again")
    void switchBuiltin() throws Exception {
        // Arrange
        AlarmRulesPage rules = AlarmRulesPage.open();

        // Act
        rules.switchPreset("usb", "USB sticks are not allowed at the kilns");
        String afterOn = rules.presetState("usb");
        String storedOn = Fixtures.string(db, "SELECT enabled FROM alarm_rule WHERE account_id = ? AND builtin = 'usb'", kilnco);
        rules.switchPreset("usb", "too many messages");

        // Assert
        assertThat(afterOn).isEqualTo("on");
        assertThat(storedOn).isEqualTo("1");
        assertThat(rules.presetState("usb")).isEqualTo("off");
        assertThat(Fixtures.string(db, "SELECT enabled FROM alarm_rule WHERE account_id = ? AND builtin = 'usb'", kilnco))
                .isEqualTo("0");
        assertThat(Fixtures.string(db, "SELECT reason FROM audit_event WHERE account_id = ? AND action = 'alarm-rule.update'",
                kilnco)).isEqualTo("too many messages");
    }

    @Test
    @Order(4)
    @DisplayName("a report above the threshold shows as an alarm in the menu, on the alarm page and the device page")
    void alarmRaised() throws Exception {
        // Act
        report(85.5);

        // Assert
        assertThat(Menu.alarmsOnceCountIs("Alarms (1)")).isEqualTo("Alarms (1)");
        AlarmsPage alarms = AlarmsPage.open();
        assertThat(alarms.table().row("Kiln 2").getText()).contains("CRITICAL", "The kiln is too hot.", "85.5", "active");
        browser.get(portal.url() + "device.xhtml?id=" + kiln);
        assertThat(new Steps(browser).visible(By.id("deviceAlarms")).getText()).isEqualTo("1 active");
        Browser.screenshot(browser, "device-with-alarm");
    }

    @Test
    @Order(5)
    @DisplayName("the alarm is acknowledged with a comment on the alarm page (audited); when the kiln cools down the count drops")
    void acknowledged() throws Exception {
        // Arrange
        AlarmsPage alarms = AlarmsPage.open();

        // Act
        alarms.acknowledge("Kiln 2", "door seal replaced");
        String row = alarms.table().row("Kiln 2").getText();
        report(60);

        // Assert
        assertThat(row).contains("door seal replaced");
        assertThat(Fixtures.string(db, "SELECT ack_comment FROM alarm WHERE account_id = ?", kilnco)).isEqualTo("door seal replaced");
        assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM audit_event WHERE account_id = ? AND action = 'alarm.acknowledge'",
                kilnco)).isEqualTo(1);
        assertThat(Menu.alarmsOnceCountIs("Alarms")).isEqualTo("Alarms");
        Browser.screenshot(browser, "alarm-acknowledged");
    }

    private static void report(double temperature) {
        Answer a = ApiClient.withAuthorization(portal.url() + "api/v1", kilnAuth).post("/device-reports",
                "{\"values\":[{\"name\":\"temperature\",\"value\":" + temperature + ",\"unit\":\"°C\"}]}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
    }

    /** The menu's alarm entry ("Alarms (n)"). */
    static final class Menu {
        /** The entry's text once it is {@code expected} (the page is loaded again until then: alarms come in the background). */
        static String alarmsOnceCountIs(String expected) {
            return new WebDriverWait(browser, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(500))
                    .ignoring(StaleElementReferenceException.class).until(d -> {
                        d.get(portal.url() + "index.xhtml");
                        String label = new Steps(d).visible(By.id("menuForm:menuAlarms")).getText();
                        return expected.equals(label) ? label : null;
                    });
        }
    }

    /** The alarm groups page (alarm-groups.xhtml): its table and the group dialog. */
    static final class AlarmGroupsPage {
        private final Steps steps = new Steps(browser);

        void newGroup(String name, String userGroup, String reason) {
            steps.click("listForm:newGroup");
            steps.ajaxDone(); // the dialog's form is replaced by the answer: type only after it
            steps.type("groupForm:name", name);
            steps.choose("groupForm:userGroupId", userGroup);
            steps.type("groupForm:reason", reason);
            steps.click("groupForm:save");
        }

        DataTablePart table() {
            return new DataTablePart(browser, "listForm:groups");
        }

        /** The error messages the dialog shows once its Ajax answer is in (none when it saved). */
        List<String> errors() {
            steps.ajaxDone();
            Browser.screenshot(browser, "alarm-group-saved");
            return browser.findElements(By.cssSelector("#groupForm .ui-message-error, #messages .ui-messages-error")).stream()
                    .map(e -> e.getAttribute("textContent")).filter(t -> !t.isBlank()).toList();
        }
    }

    /** The alarm rules page (alarm-rules.xhtml): the built-in rules, the rules table and the rule dialog. */
    static final class AlarmRulesPage {
        private final Steps steps = new Steps(browser);

        static AlarmRulesPage open() {
            browser.get(portal.url() + "alarm-rules.xhtml");
            return new AlarmRulesPage();
        }

        /** A rule "a number rose above a threshold" for one device, saved with a reason. */
        void newThresholdRule(String name, String device, String dataPoint, String threshold, String severity, String text,
                              String reason) {
            steps.click("listForm:newRule");
            steps.ajaxDone();
            steps.type("ruleForm:name", name);
            steps.complete("ruleForm:deviceId_input", device.substring(0, 3), device);
            steps.choose("ruleForm:kind", "a number rose above a threshold");
            steps.type("ruleForm:dataPoint", dataPoint);
            steps.type("ruleForm:threshold", threshold);
            steps.choose("ruleForm:severity", severity);
            steps.type("ruleForm:text", text);
            steps.type("ruleForm:reason", reason);
            steps.click("ruleForm:save");
        }

        void retypeThreshold(String threshold) {
            steps.type("ruleForm:threshold", threshold);
            steps.click("ruleForm:save");
            steps.ajaxDone();
        }

        String messageFor(String field) {
            return steps.messageFor("ruleForm:" + field);
        }

        /** Switches the built-in rule for every device on or off, with a reason, and waits for the table to show it. */
        void switchPreset(String key, String reason) {
            String before = presetState(key);
            steps.visible(By.xpath("//tr[.//span[@id='preset-" + key + "']]//button[contains(@id,'switchPreset')]")).click();
            steps.ajaxDone();
            steps.type("switchForm:reason", reason);
            steps.click("switchForm:confirmSwitch");
            new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                    .until(d -> !before.equals(presetState(key)));
        }

        /** "on" or "off". */
        String presetState(String key) {
            return steps.visible(By.id("preset-" + key)).getText();
        }

        DataTablePart table() {
            return new DataTablePart(browser, "listForm:rules");
        }
    }

    /** The alarm page (alarms.xhtml): the alarms and the acknowledge dialog. */
    static final class AlarmsPage {
        private final Steps steps = new Steps(browser);

        static AlarmsPage open() {
            browser.get(portal.url() + "alarms.xhtml");
            return new AlarmsPage();
        }

        /** Acknowledges the alarm of {@code device} with a comment, and waits until the row shows it. */
        void acknowledge(String device, String comment) {
            table().row(device).findElement(By.xpath(".//button[span[text()='Acknowledge']]")).click();
            steps.ajaxDone();
            steps.type("ackForm:comment", comment);
            steps.click("ackForm:confirmAck");
            new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                    .until(d -> table().row(device).getText().contains(comment));
        }

        DataTablePart table() {
            return new DataTablePart(browser, "alarmsForm:alarms");
        }
    }
}
