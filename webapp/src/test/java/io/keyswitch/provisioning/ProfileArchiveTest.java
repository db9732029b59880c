package io.keyswitch.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.lingala.zip4j.ZipFile;
import net.lingala.zip4j.exception.ZipException;
import net.lingala.zip4j.model.FileHeader;
import net.lingala.zip4j.model.enums.AesKeyStrength;
import net.lingala.zip4j.model.enums.EncryptionMethod;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The bulk profiles' archive: AES-256 ZIP under the user's passphrase")
class ProfileArchiveTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("every entry is AES-256 encrypted: it opens with the passphrase, not without it nor with another, and"
            + " nothing of it is in clear")
    void opensWithThePassphraseOnly() throws Exception {
        // Arrange
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProfileArchive archive = new ProfileArchive(bytes, "Correct-Horse-Battery-9".toCharArray())) {
            archive.add("press-7.ovpn", "client\n<cert>\n-----BEGIN CERTIFICATE-----\n</cert>\n");
            archive.add("secrets.csv", "device,serial_number,identity,secret,profile\npress 7,,device-7,s3cr3t,press-7.ovpn\n");
        }
        Path zip = Files.write(dir.resolve("profiles.zip"), bytes.toByteArray());

        // Act
        String secrets;
        try (ZipFile right = new ZipFile(zip.toFile(), "Correct-Horse-Battery-9".toCharArray())) {
            assertThat(right.getFileHeaders()).extracting(FileHeader::getFileName).containsExactly("press-7.ovpn", "secrets.csv");
            assertThat(right.getFileHeaders()).allSatisfy(h -> {
                assertThat(h.isEncrypted()).isTrue();
                assertThat(h.getEncryptionMethod()).isEqualTo(EncryptionMethod.AES);
                assertThat(h.getAesExtraDataRecord().getAesKeyStrength()).isEqualTo(AesKeyStrength.KEY_STRENGTH_256);
            });
            secrets = new String(right.getInputStream(right.getFileHeader("secrets.csv")).readAllBytes(), StandardCharsets.UTF_8);
        }

        // Assert
        assertThat(secrets).contains("device-7,s3cr3t");
        try (ZipFile none = new ZipFile(zip.toFile()); ZipFile wrong = new ZipFile(zip.toFile(), "Correct-Horse-Battery-8".toCharArray())) {
            assertThatThrownBy(() -> none.getInputStream(none.getFileHeader("secrets.csv")).readAllBytes())
                    .isInstanceOf(ZipException.class);
            assertThatThrownBy(() -> wrong.getInputStream(wrong.getFileHeader("secrets.csv")).readAllBytes())
                    .isInstanceOf(ZipException.class).hasMessageContaining("Wrong Password");
        }
        assertThat(new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t", "BEGIN CERTIFICATE");
    }
}
