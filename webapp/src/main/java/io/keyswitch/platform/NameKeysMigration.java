package io.keyswitch.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 21: fills the {@code name_key} column (V20) of every existing group, project, device and component with
 * {@link NameKey#of} of its name; V22 then makes the keys required and unique. Data, not schema: the key is a Java
 * computation the database cannot repeat. Existing names were unique under {@code utf8mb4_unicode_ci}, which is
 * looser than the keys in every way but one (it tells some compatibility forms apart that NFKC joins): such a pair
 * would make V22 fail with the duplicate named, to be renamed by hand.
 */
final class NameKeysMigration implements JavaMigration {

    private static final List<String> TABLES = List.of("user_group", "project", "device", "component");

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("21");
    }

    @Override
    public String getDescription() {
        return "name keys";
    }

    @Override
    public Integer getChecksum() {
        return 21;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        for (String table : TABLES) {
            List<Object[]> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, name FROM " + table)) {
                while (r.next()) {
                    rows.add(new Object[] {r.getLong(1), r.getString(2)});
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET name_key = ? WHERE id = ?")) {
                for (Object[] row : rows) {
                    update.setString(1, NameKey.of((String) row[1]));
                    update.setLong(2, (Long) row[0]);
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
    }
}
