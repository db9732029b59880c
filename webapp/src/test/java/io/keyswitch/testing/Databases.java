package io.keyswitch.testing;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The MariaDB the tests use: the one named by KEYSWITCH_DB_URL/USER/PASSWORD (whose user may create
 * databases named {@code keyswitch…}), or else one embedded MariaDB per test run, stopped at exit.
 * Each test class asks for a fresh, empty database of its own.
 */
public final class Databases {

    private static DatabaseCoordinates server;

    private Databases() {
    }

    /** Drops and creates the database {@code name} and returns how to reach it. */
    public static synchronized DatabaseCoordinates fresh(String name) {
        if (!name.matches("keyswitch_[a-z0-9_]+")) {
            throw new IllegalArgumentException("test databases are named keyswitch_…: " + name);
        }
        DatabaseCoordinates base = server();
        try (Connection c = DriverManager.getConnection(base.url(), base.user(), base.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        String url = base.url().replaceFirst("/[^/?]+(\\?.*)?$", "/" + name + "$1");
        return new DatabaseCoordinates(url, base.user(), base.password());
    }

    /** A JDBC connection to a test database, for arranging and checking rows. */
    public static Connection connect(DatabaseCoordinates db) throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    private static DatabaseCoordinates server() {
        if (server == null) {
            DatabaseCoordinates external = DatabaseCoordinates.fromEnvironment();
            if (external != null) {
                server = external;
            } else {
                EmbeddedDatabase embedded = EmbeddedDatabase.start(TestDirs.root().resolve("mariadb"));
                Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "stop-test-mariadb"));
                server = embedded.coordinates();
            }
        }
        return server;
    }

}
