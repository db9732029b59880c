package io.keyswitch.security;

import io.keyswitch.launcher.LoopbackPorts;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.security.FirstLoginUiIT.HomePage;
import io.keyswitch.testing.LoginPage;
import io.keyswitch.security.FirstLoginUiIT.PasswordPage;
import io.keyswitch.security.totp.TotpGenerator;
import io.keyswitch.security.totp.TotpSecret;
import io.keyswitch.security.totp.TotpSettings;
import io.keyswitch.testing.Browser;
import io.keyswitch.testing.Databases;
import io.keyswitch.testing.TestDirs;
import io.keyswitch.testing.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The authenticator app in a real browser, under the portal's Content-Security-Policy: the QR
 * code (a {@code data:} image) shows, PrimeFaces' scripts run with the page's nonce (a form sent
 * without the nonce they add would be refused), enrolment with a code computed from the shown
 * secret, and the next login with a code.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Authenticator app in the browser")
class SecondFactorUiIT {

    private static final String NEW_PASSWORD = "Plant-Service-Desk-43";

    private static PortalProcess portal;
    private static WebDriver browser;
    private static final List<String> console = new CopyOnWriteArrayList<>();
    private static String secret;

    @BeforeAll
    static void startPortalAndBrowser() {
        Tools.require("browser", Browser.CHROMIUM, Browser.CHROMEDRIVER);
        DatabaseCoordinates db = Databases.fresh("keyswitch_ui_totp");
        Path home = TestDirs.fresh("portal-ui-totp");
        portal = PortalProcess.start(new PortalProcess.Options(TestDirs.war(), TestDirs.payaraJar(), home, db,
                "127.0.0.1", LoopbackPorts.free(), LoopbackPorts.free(), "256m", console::add));
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
    @Order(1)
    @DisplayName("the administrator enrols an authenticator app: QR code shown, first code confirms, 10 recovery codes once")
    void enrol() {
        String oneTime = portal.oneTimePassword();
        LoginPage.open(browser, portal.url()).signIn("system", "admin", oneTime);
        new PasswordPage(browser).change(oneTime, NEW_PASSWORD, NEW_PASSWORD);
        new HomePage(browser);

        browser.get(portal.url() + "enrol.xhtml");
        EnrolPage enrol = new EnrolPage(browser);
        secret = enrol.secret();
        long qrWidth = enrol.qrCodeWidthInBrowser();
        Browser.screenshot(browser, "totp-enrol");
        enrol.confirm(new TotpGenerator(TotpSettings.defaults()).codeAt(TotpSecret.ofBase32(secret), Instant.now()));
        List<String> codes = enrol.recoveryCodes();
        Browser.screenshot(browser, "totp-recovery-codes");

        assertThat(qrWidth).as("the data: image is allowed by the CSP and decodes").isGreaterThan(100);
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(codes).hasSize(10).allSatisfy(c -> assertThat(c).matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"));
    }

    @Test
    @Order(2)
    @DisplayName("after logging out, the next login asks for the code and the code from the app signs in")
    void loginWithCode() {
        browser.findElement(By.id("enrolForm:continue")).click();
        new HomePage(browser).logout();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/login.xhtml"));

        LoginPage.open(browser, portal.url()).signIn("system", "admin", NEW_PASSWORD);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/second-factor.xhtml"));
        Browser.screenshot(browser, "totp-second-factor");
        WebElement code = browser.findElement(By.id("secondFactorForm:code"));
        code.sendKeys(new TotpGenerator(TotpSettings.defaults()).codeAt(TotpSecret.ofBase32(secret), Instant.now().plusSeconds(30)));
        browser.findElement(By.id("secondFactorForm:verify")).click();

        assertThat(new HomePage(browser).welcome()).isEqualTo("Welcome, System administrator");
    }

    /** The enrolment page. */
    static final class EnrolPage {
        private final WebDriver driver;

        EnrolPage(WebDriver driver) {
            this.driver = driver;
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/enrol.xhtml"));
        }

        String secret() {
            return driver.findElement(By.id("secret")).getText().replace(" ", "");
        }

        long qrCodeWidthInBrowser() {
            WebElement qr = driver.findElement(By.id("enrolForm:qr"));
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(
                    ((JavascriptExecutor) d).executeScript("return arguments[0].complete", qr)));
            return (Long) ((JavascriptExecutor) driver).executeScript("return arguments[0].naturalWidth", qr);
        }

        void confirm(String code) {
            driver.findElement(By.id("enrolForm:code")).sendKeys(code);
            driver.findElement(By.id("enrolForm:confirm")).click();
        }

        List<String> recoveryCodes() {
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(
                    ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ks-recovery-code")));
            return driver.findElements(By.cssSelector(".ks-recovery-code")).stream().map(WebElement::getText).toList();
        }
    }
}
