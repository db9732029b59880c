package io.keyswitch.setup;

import io.keyswitch.launcher.LoopbackPorts;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The setup wizard in a real browser (PrimeFaces' wizard script, the page's CSP nonce): the step titles
 * on one row, a portal that restarts while the wizard is open (the page says so and offers to go on),
 * the code typed in lower case, a refused password next to its field, the test mail's outcome beside its
 * button (a refused connection in words, then sent), the self-signed certificate kept, finish, log in.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Setup wizard in the browser")
class SetupWizardUiIT {

    private static PortalProcess portal;
    private static WebDriver browser;
    private static DatabaseCoordinates database;
    private static Path home;
    private static int httpPort;
    private static int httpsPort;
    private static GreenMail smtp;

    @BeforeAll
    static void start() {
        Tools.require("browser", Browser.CHROMIUM, Browser.CHROMEDRIVER);
        database = Databases.fresh("keyswitch_setup_ui");
        home = TestDirs.fresh("portal-setup-ui");
        httpPort = LoopbackPorts.free();
        httpsPort = LoopbackPorts.free();
        startPortal();
        smtp = new GreenMail(new ServerSetup(LoopbackPorts.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        browser = Browser.start();
    }

    private static void startPortal() {
        portal = PortalProcess.start(new PortalProcess.Options(TestDirs.war(), TestDirs.payaraJar(), home, database,
                "127.0.0.1", httpPort, httpsPort, "256m", line -> { }), Map.of("keyswitch.setup.wizard", "true"));
        portal.awaitReady(Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (portal != null) {
            portal.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    @Order(1)
    @DisplayName("the portal restarts while the wizard is open: the page says it does not answer, offers to go on once it does; "
            + "a step sent to the restarted portal says the wizard was interrupted")
    void portalRestartsDuringTheWizard() throws Exception {
        WizardPage wizard = WizardPage.open(browser, portal.url());
        wizard.enterCode(code());

        portal.close();
        wizard.next();

        assertThat(wizard.noAnswerNote()).startsWith("The portal does not answer: it is probably restarting.");
        assertThat(wizard.goOnEnabled()).isFalse();
        Browser.screenshot(browser, "setup-portal-does-not-answer");
        startPortal();
        wizard.awaitGoOn();
        assertThat(wizard.noAnswerNote()).startsWith("The portal answers again.");
        wizard.goOn();
        assertThat(wizard.onStep("setupForm:code")).isTrue();

        wizard.enterCode(code());
        portal.close();
        startPortal();
        wizard.next();

        assertThat(wizard.globalMessage()).startsWith("The setup wizard was interrupted (the portal restarted");
        assertThat(wizard.onStep("setupForm:code")).isTrue();
        Browser.screenshot(browser, "setup-interrupted");
    }

    @Test
    @Order(2)
    @DisplayName("step titles on one row; code in lower case, administrator (a weak password refused first), DNS name, "
            + "self-signed kept, the test mail's outcome beside its button, finish, log in")
    void completeSetup() throws Exception {
        Steps steps = new Steps(browser);
        WizardPage wizard = WizardPage.open(browser, portal.url());

        assertThat(wizard.stepTitleRows()).as("rows of step titles").isEqualTo(1);
        assertThat(wizard.stepTitlesInsideTheCard()).isTrue();
        Browser.screenshot(browser, "setup-step-titles");
        wizard.enterCode(code().toLowerCase(Locale.ROOT));
        steps.type("setupForm:username", "olga");
        steps.type("setupForm:fullName", "Olga Operator");
        steps.type("setupForm:password", "password");
        steps.type("setupForm:confirmation", "password");
        wizard.next();
        assertThat(steps.messageFor("setupForm:password")).contains("an upper-case letter", "a digit");
        Browser.screenshot(browser, "setup-weak-password");
        steps.type("setupForm:password", "Commissioning-Day-2026");
        steps.type("setupForm:confirmation", "Commissioning-Day-2026");
        wizard.next();
        steps.type("setupForm:dnsName", "portal.keyswitch.test");
        wizard.next();
        steps.visible(By.id("setupForm:certificate"));
        wizard.next();
        int closed = LoopbackPorts.free();
        wizard.mail("127.0.0.1", closed, "portal@keyswitch.test", "olga@example.com");
        wizard.sendTestMail();
        String refused = wizard.testMailResult();
        assertThat(refused).startsWith("The SMTP server 127.0.0.1:" + closed + " refused the connection").doesNotContain("Exception");
        assertThat(wizard.testMailResultBesideItsButton()).isTrue();
        wizard.mail("127.0.0.1", smtp.getSmtp().getPort(), "portal@keyswitch.test", "olga@example.com");
        wizard.sendTestMail();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> wizard.testMailResult().contains("was sent"));
        assertThat(wizard.testMailResult()).isEqualTo("The test mail to olga@example.com was sent.");
        assertThat(wizard.testMailResultBesideItsButton()).isTrue();
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        Browser.screenshot(browser, "setup-test-mail-sent");
        wizard.next();
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

    private static String code() throws Exception {
        return Files.readString(home.resolve(SetupCode.FILE)).strip();
    }

    /** The setup page as a person sees it. */
    static final class WizardPage {

        private final WebDriver driver;
        private final Steps steps;

        private WizardPage(WebDriver driver) {
            this.driver = driver;
            this.steps = new Steps(driver);
        }

        static WizardPage open(WebDriver driver, String baseUrl) {
            driver.get(baseUrl + "setup.xhtml");
            WizardPage page = new WizardPage(driver);
            page.steps.visible(By.id("setupForm:code"));
            return page;
        }

        void enterCode(String code) {
            steps.type("setupForm:code", code);
            next();
            steps.visible(By.id("setupForm:username"));
        }

        void next() {
            steps.click("setupForm:wizard_next");
        }

        boolean onStep(String fieldId) {
            return steps.visible(By.id(fieldId)).isDisplayed();
        }

        /** How many rows the step titles take (by their distinct tops). */
        long stepTitleRows() {
            List<WebElement> titles = driver.findElements(By.cssSelector(".ui-wizard-step-title"));
            assertThat(titles).hasSize(6);
            return titles.stream().map(t -> t.getRect().getY()).distinct().count();
        }

        boolean stepTitlesInsideTheCard() {
            Rectangle card = driver.findElement(By.cssSelector(".ks-setup")).getRect();
            return driver.findElements(By.cssSelector(".ui-wizard-step-title")).stream().map(WebElement::getRect)
                    .allMatch(t -> t.getX() >= card.getX() && t.getX() + t.getWidth() <= card.getX() + card.getWidth());
        }

        void mail(String host, int port, String from, String to) {
            steps.type("setupForm:mailHost", host);
            steps.type("setupForm:mailPort", Integer.toString(port));
            driver.findElement(By.id("setupForm:mailSecurity")).click();
            steps.visible(By.cssSelector("#setupForm\\:mailSecurity_items li[data-label^='None']")).click();
            steps.type("setupForm:mailFrom", from);
            steps.type("setupForm:testTo", to);
        }

        void sendTestMail() {
            steps.click("setupForm:sendTest");
        }

        /** The text next to the button "Send test mail", once there is one. */
        String testMailResult() {
            return steps.textOnceShown("setupForm:sendTestResult", Duration.ofSeconds(60));
        }

        /** Whether the outcome is on the button's line, right of it (not at the top of the card). */
        boolean testMailResultBesideItsButton() {
            Rectangle button = driver.findElement(By.id("setupForm:sendTest")).getRect();
            Rectangle result = driver.findElement(By.id("setupForm:sendTestResult")).getRect();
            boolean sameLine = result.getY() < button.getY() + button.getHeight() && result.getY() + result.getHeight() > button.getY();
            boolean below = result.getY() >= button.getY() + button.getHeight() && result.getY() < button.getY() + 3 * button.getHeight();
            return (sameLine && result.getX() >= button.getX() + button.getWidth()) || below;
        }

        String noAnswerNote() {
            return steps.visible(By.id("ksNoAnswerText")).getText();
        }

        boolean goOnEnabled() {
            return driver.findElement(By.id("ksGoOn")).isEnabled();
        }

        void awaitGoOn() {
            new WebDriverWait(driver, Duration.ofMinutes(3)).until(d -> d.findElement(By.id("ksGoOn")).isEnabled());
        }

        void goOn() {
            driver.findElement(By.id("ksGoOn")).click();
            steps.visible(By.id("setupForm:code"));
        }

        String globalMessage() {
            return steps.visible(By.cssSelector("#setupForm\\:messages .ui-messages-warn-summary")).getText();
        }
    }
}
