package io.keyswitch.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The development HTTPS certificate: a self-signed EC P-256 certificate for localhost and 127.0.0.1 in a
 * PKCS12 keystore (Payara Micro takes no PEM), made by the JDK's keytool on the first run and kept.
 */
public record SelfSignedKeystore(Path file, String password) {

    public static final String ALIAS = "keyswitch";

    public static SelfSignedKeystore ensure(Path folder) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve("keystore.p12");
            Path passwordFile = folder.resolve("keystore.password");
            if (Files.exists(file) && Files.exists(passwordFile)) {
                return new SelfSignedKeystore(file, Files.readString(passwordFile).strip());
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            Files.deleteIfExists(file);
            Files.deleteIfExists(passwordFile);
            Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(passwordFile, password);
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            ProcessBuilder keytoolRun = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", ALIAS,
                    "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "825",
                    "-dname", "CN=localhost, O=Keyswitch development", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-storetype", "PKCS12", "-keystore", file.toString(),
                    "-storepass:env", "KS_PASS", "-keypass:env", "KS_PASS"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            keytoolRun.environment().put("KS_PASS", password);
            Process p = keytoolRun.start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool could not create " + file);
            }
            return new SelfSignedKeystore(file, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
