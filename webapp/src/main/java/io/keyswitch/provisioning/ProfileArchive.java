package io.keyswitch.provisioning;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import net.lingala.zip4j.io.outputstream.ZipOutputStream;
import net.lingala.zip4j.model.ZipParameters;
import net.lingala.zip4j.model.enums.AesKeyStrength;
import net.lingala.zip4j.model.enums.CompressionMethod;
import net.lingala.zip4j.model.enums.EncryptionMethod;

/**
 * A ZIP archive written as a stream whose every entry is encrypted with AES-256 (WinZip AE-2) under a passphrase:
 * nothing in it can be read without the passphrase, and nothing of it is held in memory but the entry being written.
 */
public final class ProfileArchive implements Closeable {

    private final ZipOutputStream zip;

    public ProfileArchive(OutputStream out, char[] passphrase) throws IOException {
        this.zip = new ZipOutputStream(out, passphrase.clone());
    }

    /** One file of the archive, encrypted. */
    public void add(String name, String text) throws IOException {
        ZipParameters parameters = new ZipParameters();
        parameters.setFileNameInZip(name);
        parameters.setCompressionMethod(CompressionMethod.DEFLATE);
        parameters.setEncryptFiles(true);
        parameters.setEncryptionMethod(EncryptionMethod.AES);
        parameters.setAesKeyStrength(AesKeyStrength.KEY_STRENGTH_256);
        zip.putNextEntry(parameters);
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
