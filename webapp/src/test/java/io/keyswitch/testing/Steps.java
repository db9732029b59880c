package io.keyswitch.testing;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What a person does on a Keyswitch page, as browser tests say it: wait, click, type, read a field's message. */
public final class Steps {

    private final WebDriver driver;

    public Steps(WebDriver driver) {
        this.driver = driver;
    }

    /** The element once it is visible (30 s at most). */
    public WebElement visible(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void click(String id) {
        visible(By.id(id)).click();
    }

    public void type(String id, String text) {
        WebElement field = visible(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /**
     * The text of the element {@code id} once it is not blank ({@code timeout} at most); an ajax update that replaces
     * the element between finding and reading it is read again, not an error.
     */
    public String textOnceShown(String id, Duration timeout) {
        return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class).until(d -> {
            String text = d.findElement(By.id(id)).getText();
            return text.isBlank() ? null : text;
        });
    }

    /** The error message shown next to the field {@code fieldId}, once there is one. */
    public String messageFor(String fieldId) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(
                    "[id='" + fieldId + "'] ~ .ui-message-error .ui-message-error-detail, "
                            + "[id='" + fieldId + "'] ~ .ui-message-error .ui-message-error-summary"));
            return found.isEmpty() || found.get(0).getText().isBlank() ? null : found.get(0).getText();
        });
    }

    /** Types {@code typed} into an autocomplete's input ({@code …_input}) and chooses {@code choose} from its suggestions. */
    public void complete(String inputId, String typed, String choose) {
        WebElement input = visible(By.id(inputId));
        input.clear();
        input.sendKeys(typed);
        String panel = inputId.replace("_input", "_panel");
        visible(By.xpath("//*[@id='" + panel + "']//li[@data-item-label='" + choose + "']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> choose.equals(d.findElement(By.id(inputId)).getAttribute("value")));
        input.sendKeys(Keys.TAB);
    }

    /**
     * Opens the select menu {@code menuId} and chooses the item labelled {@code label}, until the menu shows it (a click
     * while the panel still slides open can miss); waits for its ajax, if any.
     */
    public void choose(String menuId, String label) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(d -> {
            if (d.findElements(By.id(menuId + "_panel")).stream().noneMatch(WebElement::isDisplayed)) {
                click(menuId);
            }
            WebElement item = visible(By.xpath("//*[@id='" + menuId + "_panel']//li[@data-label='" + label + "']"));
            new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> Boolean.TRUE.equals(((JavascriptExecutor) x).executeScript(
                    "return !jQuery(arguments[0]).closest('.ui-selectonemenu-panel').is(':animated');", item)));
            item.click();
            ajaxDone();
            return label.equals(d.findElement(By.id(menuId + "_label")).getText());
        });
    }

    /** Waits until no PrimeFaces ajax request is queued or running. */
    public void ajaxDone() {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript("return window.jQuery !== undefined && jQuery.active === 0 && PrimeFaces.ajax.Queue.isEmpty();")));
    }

    /** Signs in and waits for the home page. */
    public void signIn(String baseUrl, String account, String user, String password) {
        LoginPage.open(driver, baseUrl).signIn(account, user, password);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/index.xhtml"));
    }
}
