package io.keyswitch.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema to the version this WAR expects, with the SQL migrations in {@code db/migration} and
 * the few data migrations only Java can compute ({@link NameKeysMigration}).
 */
@ApplicationScoped
public class DatabaseMigration {

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    @Resource(lookup = "java:app/jdbc/keyswitch")
    DataSource dataSource;

    public void migrate() {
        MigrateResult result = migrations(Flyway.configure(DatabaseMigration.class.getClassLoader()).dataSource(dataSource))
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }

    /**
     * The portal's migrations, SQL and Java, on a Flyway configuration: the one list, also for tools that prepare a
     * database before a portal starts (the benchmarks seed 20,000 devices first).
     */
    public static FluentConfiguration migrations(FluentConfiguration flyway) {
        return flyway.locations("classpath:db/migration").failOnMissingLocations(true).javaMigrations(new NameKeysMigration());
    }
}
