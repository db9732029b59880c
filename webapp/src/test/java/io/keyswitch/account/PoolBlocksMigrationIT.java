package io.keyswitch.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.EmbeddedDatabase;
import io.keyswitch.testing.Fixtures;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V26 on a database of an earlier build: every account's single virtual pool becomes its first block, with its
 * range as numbers, pools that overlap another account's (accounts made before pools were chosen per account) too;
 * the old column goes and the pool lock's row comes.
 */
@DisplayName("Migrating accounts' single pools to pool blocks (V26)")
class PoolBlocksMigrationIT {

    @TempDir
    Path folder;

    @Test
    @DisplayName("each account's pool becomes its first block, ranges right, overlapping old pools kept; virtual_pool is gone")
    void singlePoolsBecomeBlocks() throws Exception {
        try (EmbeddedDatabase mariadb = EmbeddedDatabase.start(folder)) {
            // Arrange: the schema of the build before, with four accounts
            var db = mariadb.coordinates();
            Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration")
                    .target("24").load().migrate();
            Fixtures.update(db, "INSERT INTO account (name, status, created_at, virtual_pool) VALUES"
                    + " ('system', 'ACTIVE', NOW(), '100.64.0.0/16'), ('old', 'ACTIVE', NOW(), '100.64.0.0/10'),"
                    + " ('beta', 'DISABLED', NOW(), '172.26.0.0/15'), ('tiny', 'ACTIVE', NOW(), '192.168.200.0/24')");

            // Act
            Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration").load().migrate();

            // Assert
            assertThat(Fixtures.string(db, "SELECT GROUP_CONCAT(CONCAT(a.name, ' ', b.block, ' ', INET_NTOA(b.first_address), '-',"
                    + " INET_NTOA(b.last_address), ' ', b.grown) ORDER BY a.id SEPARATOR '; ') FROM account_pool_block b"
                    + " JOIN account a ON a.id = b.account_id"))
                    .isEqualTo("system 100.64.0.0/16 100.64.0.0-100.64.255.255 0; old 100.64.0.0/10 100.64.0.0-100.127.255.255 0;"
                            + " beta 172.26.0.0/15 172.26.0.0-172.27.255.255 0; tiny 192.168.200.0/24 192.168.200.0-192.168.200.255 0");
            assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
                    + " AND table_name = 'account' AND column_name = 'virtual_pool'")).isZero();
            assertThat(Fixtures.count(db, "SELECT COUNT(*) FROM account_pool_lock WHERE id = 1")).isOne();
        }
    }
}
