package io.keyswitch.appliance.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Whether the journal's files are there to read")
class JournalctlJournalTest {

    @Test
    @DisplayName("no folder, or a folder without journal files (an image before its first boot, a container): not available")
    void noFilesNoJournal(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("var-log-journal"));

        var missing = JournalctlJournal.files(List.of(dir.resolve("nothing-here")));
        var none = JournalctlJournal.files(List.of(empty));

        assertThat(missing).hasValueSatisfying(a -> assertThat(a.available()).isFalse());
        assertThat(none).hasValueSatisfying(a -> {
            assertThat(a.available()).isFalse();
            assertThat(a.detail()).startsWith("no systemd journal files");
        });
    }

    @Test
    @DisplayName("journal files in a machine-id folder that can be read: journalctl is asked next")
    void readableFiles(@TempDir Path dir) throws Exception {
        Path machine = Files.createDirectories(dir.resolve("0123456789abcdef0123456789abcdef"));
        Files.writeString(machine.resolve("system.journal"), "LPKSHHRH");

        assertThat(JournalctlJournal.files(List.of(dir))).isEmpty();
    }
}
