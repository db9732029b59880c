package io.keyswitch.testing;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A PrimeFaces lazy table of a Keyswitch page, as page objects use it: its rows, one cell of a row, whether a value
 * shows whole, and its column chooser ({@code p:columnToggler}).
 *
 * @param tableId the table's client id, e.g. {@code listForm:devices}
 */
public record DataTablePart(WebDriver driver, String tableId) {

    /** The row whose text (or link text) in some cell is {@code text}, once it shows. */
    public WebElement row(String text) {
        return new Steps(driver).visible(By.xpath("//tbody[@id='" + tableId + "_data']/tr[td[normalize-space(.)='" + text
                + "'] or td//a[text()='" + text + "']]"));
    }

    /** The cell of {@code row} in the column {@code columnId} (the column's id in the page). */
    public WebElement cell(WebElement row, String columnId) {
        int index = ((Number) ((JavascriptExecutor) driver).executeScript(
                "return Array.prototype.indexOf.call(arguments[0].parentNode.children, arguments[0]);",
                header(columnId))).intValue();
        return row.findElements(By.xpath("./td")).get(index);
    }

    /** Whether what {@code element} holds shows whole: nothing is cut off or hidden behind an ellipsis. */
    public boolean showsWhole(WebElement element) {
        return (Boolean) ((JavascriptExecutor) driver).executeScript(
                "return arguments[0].scrollWidth <= arguments[0].clientWidth;", element);
    }

    /** Whether the column {@code columnId} is shown. */
    public boolean shows(String columnId) {
        return header(columnId).isDisplayed();
    }

    /** Hides or shows a column with the chooser opened by the button {@code chooserButtonId}. */
    public void toggle(String chooserButtonId, String headerText) {
        new Steps(driver).click(chooserButtonId);
        new Steps(driver).visible(By.xpath("//div[contains(@class,'ui-columntoggler')]//li[label[normalize-space(.)='"
                + headerText + "']]//div[contains(@class,'ui-chkbox-box')]")).click();
        // the choice goes to the server by ajax; wait until PrimeFaces has no request running
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return !window.PrimeFaces || PrimeFaces.ajax.Queue.isEmpty();")));
    }

    private WebElement header(String columnId) {
        return driver.findElement(By.id(tableId + ":" + columnId));
    }
}
