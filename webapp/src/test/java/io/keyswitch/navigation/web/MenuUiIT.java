package io.keyswitch.navigation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.Browser;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.Steps;
import io.keyswitch.testing.UiPortal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The menu in groups: a technician sees Operate (and their own entries), an account's administrator Administer
 * and Records, a system administrator the Appliance too; every entry still leads to the page it led to.
 */
@DisplayName("The menu, grouped by what people do")
class MenuUiIT {

    private static final String PASSWORD = "Menu-Groups-2026";
    private static PortalProcess portal;
    private WebDriver browser;

    @BeforeAll
    static void arrange() throws Exception {
        portal = UiPortal.get();
        DatabaseCoordinates db = UiPortal.database();
        long menuco = Fixtures.account(db, "menuco");
        Fixtures.user(db, menuco, "tech", PASSWORD, List.of("device:connect"));
        Fixtures.user(db, menuco, "boss", PASSWORD, List.of("device:view", "device:edit", "user:manage", "group:manage",
                "settings:manage", "audit:view"));
        Fixtures.makeSystemAdmin(db, Fixtures.user(db, Fixtures.accountId(db, "system"), "menu-operator", PASSWORD,
                List.of("user:manage")));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @DisplayName("a technician sees Operate, Records with the reports (their own connections) and their own entries, and"
            + " My machines, Connections and Reports lead to their pages")
    void technician() {
        // Arrange
        MenuPage menu = signIn("menuco", "tech");

        // Act
        Map<String, List<String>> groups = menu.groups();

        // Assert
        assertThat(groups).containsOnlyKeys("", "Operate", "Records", "You");
        assertThat(groups.get("Operate")).containsExactly("My machines", "Connections", "Work reports");
        assertThat(groups.get("Records")).containsExactly("Reports");
        assertThat(groups.get("You")).containsExactly("Approvals", "Change password", "Authenticator app", "API tokens");
        assertThat(menu.open("menuMachines")).isEqualTo("/machines.xhtml");
        assertThat(menu.open("menuConnections")).isEqualTo("/connections.xhtml");
        assertThat(menu.open("menuReports")).isEqualTo("/reports.xhtml");
        assertThat(menu.open("menuHome")).isEqualTo("/index.xhtml");
    }

    @Test
    @DisplayName("an account's administrator sees Administer and Records but not the appliance, and each entry leads to its page")
    void accountAdministrator() {
        // Arrange
        MenuPage menu = signIn("menuco", "boss");

        // Act
        Map<String, List<String>> groups = menu.groups();

        // Assert
        assertThat(groups).containsOnlyKeys("", "Administer", "Records", "You");
        assertThat(groups.get("Administer")).containsExactly("Projects", "Devices", "Import devices", "Users", "Groups",
                "Access", "Account rules", "Work report rules", "Second factor");
        // settings:manage with audit:view: the account's own SIEM forwarding too
        // Reports: audit:view runs the user protocol
        assertThat(groups.get("Records")).containsExactly("Reports", "Audit trail", "IEC 62443", "SIEM forwarding");
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("menuProjects", "/projects.xhtml");
        pages.put("menuDevices", "/devices.xhtml");
        pages.put("menuImport", "/import.xhtml");
        pages.put("menuUsers", "/users.xhtml");
        pages.put("menuGroups", "/groups.xhtml");
        pages.put("menuAccess", "/access.xhtml");
        pages.put("menuAccountRules", "/account-settings.xhtml");
        pages.put("menuSecondFactor", "/second-factor-admin.xhtml");
        pages.put("menuAudit", "/audit.xhtml");
        pages.put("menuIec62443", "/iec62443.xhtml");
        pages.put("menuSiem", "/siem.xhtml");
        pages.put("menuPassword", "/password.xhtml");
        pages.put("menuTokens", "/tokens.xhtml");
        pages.forEach((entry, page) -> assertThat(menu.open(entry)).as(entry).isEqualTo(page));
    }

    @Test
    @DisplayName("a system administrator sees the Appliance group too, and each of its entries leads to its page")
    void systemAdministrator() {
        // Arrange
        MenuPage menu = signIn("system", "menu-operator");

        // Act
        Map<String, List<String>> groups = menu.groups();

        // Assert
        assertThat(groups).containsKeys("Appliance", "You");
        assertThat(groups.get("Appliance")).containsExactly("Accounts", "DNS name", "TLS certificate", "E-mail (SMTP)",
                "SMS gateway", "Login notice", "Login bans");
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("menuAccounts", "/accounts.xhtml");
        pages.put("menuDnsName", "/dns-name.xhtml");
        pages.put("menuTls", "/tls-certificate.xhtml");
        pages.put("menuMail", "/mail-settings.xhtml");
        pages.put("menuSms", "/sms-settings.xhtml");
        pages.put("menuNotice", "/login-notice.xhtml");
        pages.put("menuBans", "/bans.xhtml");
        pages.forEach((entry, page) -> assertThat(menu.open(entry)).as(entry).isEqualTo(page));
    }

    @Test
    @DisplayName("Records → IEC 62443: the 51 requirements with live evidence; the status filter narrows to the operator's"
            + " duties, which are also listed below; printing hides the menu")
    void iec62443Page() {
        // Arrange
        MenuPage menu = signIn("menuco", "boss");
        assertThat(menu.open("menuIec62443")).isEqualTo("/iec62443.xhtml");
        Iec62443Page page = new Iec62443Page(browser);

        // Act
        long operatorRows = io.keyswitch.compliance.Iec62443Mapping.packaged().stream()
                .filter(r -> r.status() == io.keyswitch.compliance.RequirementStatus.OPERATOR).count();
        int all = page.rows();
        String passwordRules = page.evidence("1.7");
        page.filter("operator", operatorRows);

        // Assert
        assertThat(all).isEqualTo(51);
        assertThat(passwordRules).contains("passwords of at least 12 characters");
        assertThat(page.statuses()).hasSize((int) operatorRows).containsOnly("operator");
        assertThat(page.duties()).hasSize((int) operatorRows).anyMatch(d -> d.startsWith("SR 1.6 Wireless access management"));
        assertThat(page.menuPrinted()).isFalse();
    }

    private MenuPage signIn(String account, String user) {
        browser = Browser.start();
        new Steps(browser).signIn(portal.url(), account, user, PASSWORD);
        return new MenuPage(browser);
    }

    /** The menu on the left of every page. */
    static final class MenuPage {

        private final WebDriver driver;
        private final Steps steps;

        MenuPage(WebDriver driver) {
            this.driver = driver;
            this.steps = new Steps(driver);
        }

        /** Each group's heading ("" for the entries above the first heading) with its entries' labels, in order. */
        Map<String, List<String>> groups() {
            Map<String, List<String>> groups = new LinkedHashMap<>();
            String heading = "";
            groups.put(heading, new ArrayList<>());
            for (WebElement item : steps.visible(By.id("menuForm:menu")).findElements(By.cssSelector("ul > li"))) {
                if (item.getAttribute("class").contains("ui-widget-header")) {
                    heading = item.getText().trim();
                    groups.put(heading, new ArrayList<>());
                } else {
                    groups.get(heading).add(item.getText().trim());
                }
            }
            return groups;
        }

        /** Clicks the entry and answers the path of the page it leads to, once that page shows the menu again. */
        String open(String entryId) {
            steps.click("menuForm:" + entryId);
            String path = new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
                String url = d.getCurrentUrl();
                String p = url.substring(url.indexOf('/', url.indexOf("//") + 2)).replaceAll("[?#].*", "");
                return d.findElements(By.id("menuForm:menu")).isEmpty() || p.equals(previous) ? null : p;
            });
            previous = path;
            return path;
        }

        private String previous = "/index.xhtml";
    }

    /** The IEC 62443 page: its requirement table, the status filter and the operator's duties. */
    static final class Iec62443Page {

        private final WebDriver driver;
        private final Steps steps;

        Iec62443Page(WebDriver driver) {
            this.driver = driver;
            this.steps = new Steps(driver);
        }

        private List<WebElement> tableRows() {
            steps.visible(By.id("complianceForm:requirements"));
            return driver.findElements(By.cssSelector("#complianceForm\\:requirements_data > tr"));
        }

        int rows() {
            return tableRows().size();
        }

        /** The live evidence cell of requirement {@code sr}. */
        String evidence(String sr) {
            return tableRows().stream().filter(r -> r.findElements(By.tagName("td")).get(0).getText().trim().equals(sr))
                    .findFirst().orElseThrow().findElements(By.tagName("td")).get(4).getText();
        }

        /** Chooses a status in the filter (its label says how many, e.g. "operator (6)") and waits for the table to show it. */
        void filter(String status, long count) {
            steps.choose("complianceForm:status", status + " (" + count + ")");
            new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> statuses().stream().allMatch(status::equals));
        }

        List<String> statuses() {
            // the tag's text as shown may be upper-case (CSS): compared in lower case
            return tableRows().stream().map(r -> r.findElements(By.tagName("td")).get(2).getText().trim()
                    .toLowerCase(java.util.Locale.ROOT)).toList();
        }

        List<String> duties() {
            return driver.findElements(By.cssSelector("#duties > li")).stream().map(e -> e.getText().trim()).toList();
        }

        /** Whether the menu would be printed: the print style sheet hides it (Chromium emulates print media). */
        boolean menuPrinted() {
            ((org.openqa.selenium.chromium.ChromiumDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("media", "print"));
            boolean shown = driver.findElement(By.cssSelector("nav.ks-menu")).isDisplayed();
            ((org.openqa.selenium.chromium.ChromiumDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("media", ""));
            return shown;
        }
    }
}
