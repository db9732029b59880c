package io.keyswitch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folders under {@code target/it} and free loopback ports for the things a test starts. */
public final class TestDirs {

    private TestDirs() {
    }

    /** {@code target/it} (the failsafe property keyswitch.test.dir), outside java.io.tmpdir. */
    public static Path root() {
        return Path.of(System.getProperty("keyswitch.test.dir", "target/it")).toAbsolutePath();
    }

    /** An empty folder {@code target/it/<name>}. */
    public static Path fresh(String name) {
        Path dir = root().resolve(name);
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    public static Path war() {
        return Path.of(System.getProperty("keyswitch.war", "target/keyswitch.war")).toAbsolutePath();
    }

    public static Path payaraJar() {
        return Path.of(System.getProperty("keyswitch.payara.jar", "target/payara-micro.jar")).toAbsolutePath();
    }
}
