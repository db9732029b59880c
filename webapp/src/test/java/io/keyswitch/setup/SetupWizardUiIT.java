package io.keyswitch.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.Browser;
import io.keyswitch.testing.Databases;
import io.keyswitch.testing.Steps;
import io.keyswitch.testing.TestDirs;
import io.keyswitch.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The setup wizard in a real browser (PrimeFaces' wizard script, the page's CSP nonce): a person
 * enters the setup code, meets a refused password next to its field, keeps the self-signed
 * certificate and no mail, finishes, and logs in with the administrator they chose.
 */
@DisplayName("Setup wizard in the browser")
class SetupWizardUiIT {

    private static PortalProcess portal;
    private static WebDriver browser;
    private static Path home;

    @BeforeAll
    static void start() {
        Tools.require("browser", Browser.CHROMIUM, Browser.CHROMEDRIVER);
        DatabaseCoordinates database = Databases.fresh("keyswitch_setup_ui");
        home = TestDirs.fresh("portal-setup-ui");
        portal = PortalProcess.start(new PortalProcess.Options(TestDirs.war(), TestDirs.payaraJar(), home, database,
                "127.0.0.1", TestDirs.freePort(), TestDirs.freePort(), "256m", line -> { }), Map.of("keyswitch.setup.wizard", "true"));
        portal.awaitReady(Duration.ofMinutes(5));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    @DisplayName("code, administrator (a weak password refused first), DNS name, self-signed kept, no mail, finish, log in")
    void completeSetup() throws Exception {
        Steps steps = new Steps(browser);
        String code = Files.readString(home.resolve(SetupCode.FILE)).strip();
        browser.get(portal.url() + "setup.xhtml");

        steps.type("setupForm:code", code);
        steps.click("setupForm:wizard_next");
        steps.type("setupForm:username", "olga");
        steps.type("setupForm:fullName", "Olga Operator");
        steps.type("setupForm:password", "password");
        steps.type("setupForm:confirmation", "password");
        steps.click("setupForm:wizard_next");
        assertThat(steps.messageFor("setupForm:password")).contains("an upper-case letter", "a digit");
        Browser.screenshot(browser, "setup-weak-password");
        steps.type("setupForm:password", "Commissioning-Day-2026");
        steps.type("setupForm:confirmation", "Commissioning-Day-2026");
        steps.click("setupForm:wizard_next");
        steps.type("setupForm:dnsName", "portal.keyswitch.test");
        steps.click("setupForm:wizard_next");
        steps.visible(By.id("setupForm:certificate"));
        steps.click("setupForm:wizard_next");
        steps.visible(By.id("setupForm:mailHost"));
        steps.click("setupForm:wizard_next");
        assertThat(steps.visible(By.id("setupForm:sumDns")).getText()).isEqualTo("portal.keyswitch.test");
        Browser.screenshot(browser, "setup-summary");
        steps.click("setupForm:finish");

        assertThat(steps.visible(By.id("doneText")).getText()).startsWith("Setup is finished.");
        assertThat(browser.findElement(By.id("certificateOutcome")).getText()).contains("keeps its self-signed certificate");
        assertThat(home.resolve(SetupCode.FILE)).doesNotExist();
        browser.get(portal.url() + "setup.xhtml");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/login.xhtml"));
        steps.signIn(portal.url(), "system", "olga", "Commissioning-Day-2026");
        assertThat(browser.findElement(By.id("welcome")).getText()).isEqualTo("Welcome, Olga Operator");
    }
}
