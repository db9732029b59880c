package io.keyswitch.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.Databases;
import io.keyswitch.testing.FacesClient;
import io.keyswitch.testing.FacesClient.Page;
import io.keyswitch.testing.TestDirs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The portal's first start on an empty MariaDB, as an administrator meets it: schema migrated,
 * one administrator with a one-time password, neutral login failures, a forced password change,
 * every attempt audited. Runs the real WAR on Payara Micro over HTTPS.
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("First start and login")
class FirstLoginIT {

    private static final String NEW_PASSWORD = "Maintenance-Window-2026";

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war")
                .importFrom(TestDirs.war().toFile())
                .as(WebArchive.class);
    }

    @Test
    @Order(1)
    @DisplayName("the versioned migrations created the schema on the empty database")
    void migrationsRan() throws SQLException {
        try (Connection c = Databases.connect(ArquillianPortal.database())) {
            assertThat(strings(c, "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank"))
                    .contains("1");
            assertThat(strings(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"))
                    .contains("account", "app_user", "user_group", "group_right", "group_membership",
                            "audit_event", "audit_chain_head", "setting");
        }
    }

    @Test
    @Order(2)
    @DisplayName("there is exactly one administrator, with a bcrypt hash and a one-time password only its owner can read")
    void oneAdministratorWithOneTimePassword() throws Exception {
        try (Connection c = Databases.connect(ArquillianPortal.database())) {
            // the first start's one user (other test classes add system administrators of their own to the shared database)
            assertThat(strings(c, "SELECT CONCAT(a.name, '/', u.username, ' admin=', u.system_admin, ' change=', u.must_change_password) "
                    + "FROM app_user u JOIN account a ON a.id = u.account_id WHERE a.name = 'system' ORDER BY u.id LIMIT 1"))
                    .containsExactly("system/admin admin=1 change=1");
            assertThat(strings(c, "SELECT u.password_hash FROM app_user u JOIN account a ON a.id = u.account_id WHERE a.name = 'system'"
                    + " ORDER BY u.id LIMIT 1")).singleElement()
                    .satisfies(hash -> assertThat(hash).startsWith("$2b$11$"));
        }
        Path file = passwordFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).hasSize(20);
    }

    @Test
    @Order(3)
    @DisplayName("a wrong password and an unknown account get the same neutral answer, and both are audited")
    void wrongLoginsAreNeutralAndAudited() throws SQLException {
        FacesClient browser = new FacesClient(ArquillianPortal.httpsUrl());

        Page wrongPassword = login(browser, "system", "admin", "not-the-password");
        Page unknownAccount = login(new FacesClient(ArquillianPortal.httpsUrl()), "nosuchaccount", "admin", "whatever1A");

        assertThat(wrongPassword.path()).isEqualTo("/login.xhtml");
        assertThat(wrongPassword.body()).contains(LoginResult.NEUTRAL_FAILURE);
        assertThat(unknownAccount.body()).contains(LoginResult.NEUTRAL_FAILURE);
        try (Connection c = Databases.connect(ArquillianPortal.database())) {
            assertThat(strings(c, "SELECT CONCAT(actor, ' ', source_ip, ' ', outcome) FROM audit_event "
                    + "WHERE action = 'login' AND actor IN ('system/admin', 'nosuchaccount/admin') ORDER BY id"))
                    .containsExactly("system/admin 127.0.0.1 FAILURE", "nosuchaccount/admin 127.0.0.1 FAILURE");
        }
    }

    @Test
    @Order(4)
    @DisplayName("the one-time password signs in, and nothing but the password change is reachable until it is replaced")
    void oneTimePasswordForcesAChange() throws Exception {
        FacesClient browser = new FacesClient(ArquillianPortal.httpsUrl());
        String oneTime = Files.readString(passwordFile()).strip();

        Page afterLogin = login(browser, "system", "admin", oneTime);
        Page home = browser.get("/index.xhtml");
        Page weak = browser.submit(afterLogin, "passwordForm",
                Map.of("current", oneTime, "proposed", "short", "confirmation", "short"), "change");
        Page changed = browser.submit(weak, "passwordForm",
                Map.of("current", oneTime, "proposed", NEW_PASSWORD, "confirmation", NEW_PASSWORD), "change");

        assertThat(afterLogin.path()).isEqualTo("/password.xhtml");
        assertThat(afterLogin.body()).contains("You logged in with a one-time password");
        assertThat(home.path()).isEqualTo("/password.xhtml");
        assertThat(weak.body()).contains("at least 12 characters (this one has 5)", "an upper-case letter", "a digit");
        assertThat(changed.path()).isEqualTo("/index.xhtml");
        assertThat(changed.body()).contains("Welcome, System administrator", "Your password has been changed.");
        assertThat(passwordFile()).doesNotExist();
        try (Connection c = Databases.connect(ArquillianPortal.database())) {
            assertThat(strings(c, "SELECT u.must_change_password FROM app_user u JOIN account a ON a.id = u.account_id WHERE a.name = 'system' AND u.username = 'admin'")).containsExactly("0");
            assertThat(strings(c, "SELECT action FROM audit_event WHERE actor_user_id IS NOT NULL ORDER BY id"))
                    .containsSubsequence("login", "user.password.change");
        }
    }

    @Test
    @Order(5)
    @DisplayName("afterwards the new password signs in straight to the home page and the one-time password no longer does")
    void newPasswordReplacesTheOneTimePassword() {
        Page withNew = login(new FacesClient(ArquillianPortal.httpsUrl()), "system", "admin", NEW_PASSWORD);
        Page withOld = login(new FacesClient(ArquillianPortal.httpsUrl()), "system", "admin", "x".repeat(20));

        assertThat(withNew.path()).isEqualTo("/index.xhtml");
        assertThat(withNew.body()).contains("Welcome, System administrator");
        assertThat(withOld.body()).contains(LoginResult.NEUTRAL_FAILURE);
    }

    @Test
    @Order(6)
    @DisplayName("pages need a login, plain HTTP is redirected to HTTPS, and an unknown page shows no stack trace")
    void pagesAreProtected() throws Exception {
        FacesClient anonymous = new FacesClient(ArquillianPortal.httpsUrl());
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        Page home = anonymous.get("/index.xhtml");
        HttpResponse<Void> http = plain.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ArquillianPortal.httpPort() + "/login.xhtml")).build(),
                HttpResponse.BodyHandlers.discarding());
        FacesClient signedIn = new FacesClient(ArquillianPortal.httpsUrl());
        login(signedIn, "system", "admin", NEW_PASSWORD);
        Page missing = signedIn.get("/no-such-page.xhtml");

        assertThat(home.path()).isEqualTo("/login.xhtml");
        assertThat(http.statusCode()).isEqualTo(302);
        assertThat(http.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith("https://").endsWith("/login.xhtml"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("This page is not available").doesNotContain("at io.", "at jakarta.", "Caused by");
    }

    @Test
    @Order(7)
    @DisplayName("logins at the same time all succeed and each is audited (their audit events do not deadlock)")
    void concurrentLogins() throws Exception {
        long before;
        try (Connection c = Databases.connect(ArquillianPortal.database())) {
            before = Long.parseLong(strings(c, "SELECT COUNT(*) FROM audit_event WHERE action = 'login' AND outcome = 'SUCCESS'").get(0));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> paths = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                paths.add(pool.submit(() -> login(new FacesClient(ArquillianPortal.httpsUrl()), "system", "admin", NEW_PASSWORD).path()));
            }
            for (java.util.concurrent.Future<String> path : paths) {
                assertThat(path.get(120, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("/index.xhtml");
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = Databases.connect(ArquillianPortal.database())) {
            assertThat(Long.parseLong(strings(c, "SELECT COUNT(*) FROM audit_event WHERE action = 'login' AND outcome = 'SUCCESS'").get(0)))
                    .isEqualTo(before + 12);
        }
    }

    private static Page login(FacesClient browser, String account, String user, String password) {
        Page form = browser.get("/login.xhtml");
        return browser.submit(form, "loginForm", Map.of("account", account, "username", user, "password", password), "login");
    }

    private static Path passwordFile() {
        return ArquillianPortal.home().resolve(FirstAdministrator.PASSWORD_FILE);
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
