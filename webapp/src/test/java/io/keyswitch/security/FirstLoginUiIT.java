package io.keyswitch.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.Browser;
import io.keyswitch.testing.LoginPage;
import io.keyswitch.testing.UiPortal;
import java.time.Duration;
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
 * A new administrator's first minutes, in a real browser: the portal is started the way the Quick
 * start starts it ({@link UiPortal}), the one-time password is taken from its console, and the person logs in,
 * is made to choose a password, reaches the home page and logs out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("First login in the browser")
class FirstLoginUiIT {

    private static final String NEW_PASSWORD = "Plant-Service-Desk-42";

    private static PortalProcess portal;
    private static WebDriver browser;

    @BeforeAll
    static void startPortalAndBrowser() {
        portal = UiPortal.get();
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    @DisplayName("the console shows the one-time credential once, and a wrong password shows only the neutral message")
    void wrongPassword() {
        assertThat(UiPortal.console()).filteredOn(line -> line.startsWith(PortalProcess.FIRST_LOGIN_MARKER)).hasSize(1);

        LoginPage login = LoginPage.open(browser, portal.url());
        login.signIn("system", "admin", "wrong-password-1A");

        assertThat(login.errors()).isEqualTo(LoginResult.NEUTRAL_FAILURE);
        Browser.screenshot(browser, "login-failed");
    }

    @Test
    @Order(2)
    @DisplayName("the one-time password leads to the password change, which names what is missing, then to the home page")
    void firstLogin() {
        String oneTime = portal.oneTimePassword();

        LoginPage.open(browser, portal.url()).signIn("system", "admin", oneTime);
        PasswordPage password = new PasswordPage(browser);
        assertThat(password.forcedNoteShown()).isTrue();
        Browser.screenshot(browser, "password-forced");
        password.change(oneTime, "alllowercase", "alllowercase");
        assertThat(password.errors()).contains("an upper-case letter", "a digit");
        password.change(oneTime, NEW_PASSWORD, NEW_PASSWORD);

        HomePage home = new HomePage(browser);
        assertThat(home.welcome()).isEqualTo("Welcome, System administrator");
        assertThat(home.headerAccount()).isEqualTo("system");
        assertThat(browser.findElement(By.id("messages")).getText()).contains("Your password has been changed.");
        Browser.screenshot(browser, "home");
    }

    @Test
    @Order(3)
    @DisplayName("logging out leads back to the login page, and the home page then asks for a login")
    void logout() {
        new HomePage(browser).logout();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/login.xhtml"));

        browser.get(portal.url() + "index.xhtml");

        assertThat(browser.getCurrentUrl()).contains("/login.xhtml");
    }

    @Test
    @Order(4)
    @DisplayName("the chosen password signs in straight to the home page")
    void signInAgain() {
        LoginPage.open(browser, portal.url()).signIn("system", "admin", NEW_PASSWORD);

        assertThat(new HomePage(browser).welcome()).isEqualTo("Welcome, System administrator");
    }

    /** The password change page. */
    static final class PasswordPage {
        private final WebDriver driver;

        PasswordPage(WebDriver driver) {
            this.driver = driver;
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/password.xhtml"));
        }

        boolean forcedNoteShown() {
            return !driver.findElements(By.id("forcedNote")).isEmpty();
        }

        void change(String current, String proposed, String confirmation) {
            for (String[] f : new String[][] {{"current", current}, {"proposed", proposed}, {"confirmation", confirmation}}) {
                var field = driver.findElement(By.id("passwordForm:" + f[0]));
                field.clear();
                field.sendKeys(f[1]);
            }
            driver.findElement(By.id("passwordForm:change")).click();
        }

        String errors() {
            return new WebDriverWait(driver, Duration.ofSeconds(20)).until(
                    ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#messages .ui-messages-error")))
                    .getText();
        }
    }

    /** The home page inside the layout shell. */
    static final class HomePage {
        private final WebDriver driver;

        HomePage(WebDriver driver) {
            this.driver = driver;
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/index.xhtml"));
        }

        String welcome() {
            return driver.findElement(By.id("welcome")).getText();
        }

        String headerAccount() {
            return driver.findElement(By.id("headerAccount")).getText();
        }

        void logout() {
            driver.findElement(By.id("logoutForm:logout")).click();
        }
    }
}
