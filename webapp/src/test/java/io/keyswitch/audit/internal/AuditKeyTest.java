package io.keyswitch.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The audit chain's key, outside the database")
class AuditKeyTest {

    @Test
    @DisplayName("is made on first use in a file only its owner reads, with the last event id written before it, and read back the same")
    void madeOnceAndKept(@TempDir Path home) throws Exception {
        AtomicInteger asked = new AtomicInteger();

        AuditKey first = AuditKey.of(home, () -> 4711 + asked.getAndIncrement());
        AuditKey again = AuditKey.of(home, () -> 9999 + asked.getAndIncrement());

        assertThat(first.key()).hasSize(32).isEqualTo(again.key());
        assertThat(first.plainUpTo()).isEqualTo(4711).isEqualTo(again.plainUpTo());
        assertThat(asked).as("the last event id is read only when the key is made").hasValue(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(AuditKey.FILE)))).isEqualTo("rw-------");
        assertThat(first.toString()).doesNotContain(java.util.Base64.getEncoder().encodeToString(first.key()));
    }
}
