package io.keyswitch.setup;

import io.keyswitch.platform.PortalHome;
import io.keyswitch.platform.RandomTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The one-time setup code: 16 upper-case letters and digits without look-alikes in four groups
 * ({@code K7QM-2XHA-...}, about 79 bits), in {@code <home>/}{@value #FILE} (mode 0600). The appliance's
 * first boot shows it on the console; it opens the setup wizard once, is accepted in any case and with or
 * without dashes and spaces, and is deleted when setup is finished.
 */
public final class SetupCode {

    public static final String FILE = "setup-code";

    private SetupCode() {
    }

    /** Where the code is kept, or empty without a portal home. */
    public static Optional<Path> file() {
        return PortalHome.path().map(home -> home.resolve(FILE));
    }

    /** The code, made now if there is none yet. */
    static String ensure(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!existing.isEmpty()) {
                    return existing;
                }
            }
            String raw = RandomTokens.upperCase(16);
            String code = raw.substring(0, 4) + "-" + raw.substring(4, 8) + "-" + raw.substring(8, 12) + "-" + raw.substring(12);
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, code + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return code;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the setup code to " + file, e);
        }
    }

    /** Whether {@code entered} is the code in {@code file} (dashes, spaces and the case of letters aside). */
    static boolean matches(Path file, String entered) {
        if (entered == null || !Files.isRegularFile(file)) {
            return false;
        }
        try {
            byte[] expected = normal(Files.readString(file, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            byte[] given = normal(entered).getBytes(StandardCharsets.UTF_8);
            return expected.length > 0 && MessageDigest.isEqual(expected, given);
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes the code: it has been used. */
    static void consume(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the used setup code " + file, e);
        }
    }

    private static String normal(String code) {
        return code.strip().replace("-", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    }
}
