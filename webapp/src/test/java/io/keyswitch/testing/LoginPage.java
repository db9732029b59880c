package io.keyswitch.testing;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The login page, as a page object for browser tests. */
public final class LoginPage {

    private final WebDriver driver;

    private LoginPage(WebDriver driver) {
        this.driver = driver;
    }

    /** Opens the portal (logged out it shows the login page). */
    public static LoginPage open(WebDriver driver, String baseUrl) {
        driver.get(baseUrl);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/login.xhtml"));
        return new LoginPage(driver);
    }

    public void signIn(String account, String user, String password) {
        type("loginForm:account", account);
        type("loginForm:username", user);
        type("loginForm:password", password);
        driver.findElement(By.id("loginForm:login")).click();
    }

    /** The error shown above the form. */
    public String errors() {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#loginForm\\:messages .ui-messages-error-summary"))).getText();
    }

    private void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }
}
