package io.keyswitch.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** A secret kept in a file of the portal's home that only the portal's user can read (mode 0600), made on first use. */
public final class OwnerOnlyFile {

    private OwnerOnlyFile() {
    }

    /**
     * The file's text; when there is no file yet, {@code initial}'s text is written to a new 0600 file first (if
     * another thread made it meanwhile, that one's text is read instead).
     *
     * @throws UncheckedIOException naming the file when it can be neither read nor made
     */
    public static String readOrCreate(Path file, Supplier<String> initial) {
        try {
            if (!Files.exists(file)) {
                String text = initial.get();
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, text, StandardCharsets.US_ASCII);
                    return text;
                } catch (FileAlreadyExistsException madeByAnotherThread) {
                    // fall through and read it
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or make the key file " + file, e);
        }
    }
}
