package io.keyswitch.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.Databases;
import io.keyswitch.testing.FacesClient;
import io.keyswitch.testing.FacesClient.Page;
import io.keyswitch.testing.LocalAddressClient;
import io.keyswitch.testing.TestDirs;
import io.keyswitch.user.internal.BcryptPasswordHasher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * Issue 4 in the running portal: the login jail, the second factor and the hardened pages, on
 * the real WAR on Payara Micro over HTTPS. The test makes its own account ({@value #ACCOUNT}) and
 * users. Loopback clients all come from 127.0.0.1; {@link LocalAddressClient} is another address
 * (127.0.0.2, 127.0.0.3), so that one address can be banned while another still logs in. Failures
 * from 127.0.0.1 are kept below the jail's count on purpose.
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Strong authentication and the login jail")
class StrongAuthenticationIT {

    static final String ACCOUNT = "acme-auth";
    static final String PASSWORD = "Second-Factor-Test-2026";

    private static boolean prepared;

    @Deployment(testable = false)
    static WebArchive portal() {
        return ShrinkWrap.create(ZipImporter.class, "keyswitch.war")
                .importFrom(TestDirs.war().toFile())
                .as(WebArchive.class);
    }

    @Test
    @Order(1)
    @DisplayName("the 6th wrong password from one address gets 429 with a neutral page, while another address still logs in")
    void sixthWrongPasswordFromOneAddressIsRefused() throws SQLException {
        prepare();
        LocalAddressClient attacker = new LocalAddressClient(loopbackUrl(), "127.0.0.2");

        List<Page> wrong = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            wrong.add(login(attacker, ACCOUNT, "nobody" + i, "wrong-password-" + i));
        }
        Page sixth = login(attacker, ACCOUNT, "secadmin", PASSWORD);
        Page otherAddress = login(new FacesClient(ArquillianPortal.httpsUrl()), ACCOUNT, "secadmin", PASSWORD);

        assertThat(wrong).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo(200);
            assertThat(p.body()).contains(LoginResult.NEUTRAL_FAILURE);
        });
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.body()).contains(LoginResult.BANNED).doesNotContain("127.0.0.2", "secadmin");
        assertThat(otherAddress.path()).isEqualTo("/index.xhtml");
        assertThat(otherAddress.body()).contains("Welcome");
        assertThat(strings("SELECT CONCAT(target, ' ', source_ip) FROM audit_event WHERE action = 'jail.ban'"))
                .containsExactly("address:127.0.0.2 127.0.0.2");
    }

    @Test
    @Order(2)
    @DisplayName("an administrator sees the ban and lifts it with a reason; the lift is audited and the address logs in again")
    void liftingABanWorks() throws SQLException {
        prepare();
        FacesClient admin = new FacesClient(ArquillianPortal.httpsUrl());
        login(admin, ACCOUNT, "secadmin", PASSWORD);
        Page bans = admin.get("/bans.xhtml");
        Page noReason = admin.submit(bans, "liftForm", Map.of("ban_input", "ADDRESS:127.0.0.2", "reason", ""), "lift");
        Page lifted = admin.submit(noReason, "liftForm",
                Map.of("ban_input", "ADDRESS:127.0.0.2", "reason", "Service technician mistyped, ticket 4711"), "lift");
        Page again = login(new LocalAddressClient(loopbackUrl(), "127.0.0.2"), ACCOUNT, "secadmin", PASSWORD);
        Page forbidden = login(new FacesClient(ArquillianPortal.httpsUrl()), ACCOUNT, "plainuser", PASSWORD);
        Page plainBans = new FacesClient(ArquillianPortal.httpsUrl()).get("/bans.xhtml");

        assertThat(bans.body()).contains("127.0.0.2", "nobody5");
        assertThat(noReason.body()).contains("Please give a reason.");
        assertThat(lifted.body()).contains("The ban on 127.0.0.2 is lifted.", "No address or user name is banned.");
        assertThat(again.path()).isEqualTo("/index.xhtml");
        assertThat(forbidden.path()).isEqualTo("/index.xhtml");
        assertThat(forbidden.body()).doesNotContain("menuBans");
        assertThat(plainBans.path()).isEqualTo("/login.xhtml");
        assertThat(strings("SELECT CONCAT(actor, ' ', target, ' ', reason) FROM audit_event WHERE action = 'jail.lift'"))
                .containsExactly(ACCOUNT + "/secadmin address:127.0.0.2 Service technician mistyped, ticket 4711");
    }

    // ------------------------------------------------------------------------------------------

    static Page login(FacesClient browser, String account, String user, String password) {
        Page form = browser.get("/login.xhtml");
        return browser.submit(form, "loginForm", Map.of("account", account, "username", user, "password", password), "login");
    }

    static Page login(LocalAddressClient browser, String account, String user, String password) {
        Page form = browser.get("/login.xhtml");
        return browser.submit(form, "loginForm", Map.of("account", account, "username", user, "password", password), "login");
    }

    /** The portal over 127.0.0.1 (not "localhost", which may be ::1), for clients bound to other loopback addresses. */
    static String loopbackUrl() {
        return ArquillianPortal.httpsUrl().replace("://localhost:", "://127.0.0.1:");
    }

    /** This test's account, a group holding settings:manage, and its users, made once through SQL. */
    static synchronized void prepare() throws SQLException {
        if (prepared) {
            return;
        }
        String hash = new BcryptPasswordHasher().hash(PASSWORD.toCharArray());
        try (Connection c = Databases.connect(ArquillianPortal.database())) {
            long account = insert(c, "INSERT INTO account (name, status, created_at) VALUES (?, 'ACTIVE', UTC_TIMESTAMP(3))", ACCOUNT);
            long group = insert(c, "INSERT INTO user_group (account_id, name, created_at) VALUES (?, 'Security', UTC_TIMESTAMP(3))", account);
            insert(c, "INSERT INTO group_right (group_id, permission) VALUES (?, 'settings:manage')", group);
            for (String user : List.of("secadmin", "plainuser", "alice", "bob", "carol", "dave")) {
                long id = insert(c, "INSERT INTO app_user (account_id, username, password_hash, full_name, email, status, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, 'ACTIVE', UTC_TIMESTAMP(3))", account, user, hash, "Test " + user, user + "@acme.test");
                if (user.equals("secadmin")) {
                    insert(c, "INSERT INTO group_membership (group_id, user_id) VALUES (?, ?)", group, id);
                }
            }
        }
        prepared = true;
    }

    static long insert(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }

    static List<String> strings(String sql, Object... values) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = Databases.connect(ArquillianPortal.database());
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
