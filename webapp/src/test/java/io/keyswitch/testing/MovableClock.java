package io.keyswitch.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The portal's clock, movable by a test: added only to a test's deployment, it replaces the
 * production clock and runs ahead of the real time by the ISO-8601 duration in the file
 * {@value #FILE} in the portal's home folder (none: no offset). A test moves time with {@link #set}.
 */
@Alternative
@Priority(1000)
@ApplicationScoped
public class MovableClock {

    static final String FILE = "test-clock-offset";

    @Produces
    @ApplicationScoped
    Clock clock() {
        return new Offset(Path.of(System.getProperty("keyswitch.home", ".")).resolve(FILE));
    }

    /** Moves the portal whose home is {@code home} to real time + {@code offset}. */
    public static void set(Path home, Duration offset) throws IOException {
        Files.writeString(home.resolve(FILE), offset.toString());
    }

    static final class Offset extends Clock {
        private final Path file;

        Offset(Path file) {
            this.file = file;
        }

        @Override
        public Instant instant() {
            Duration offset = Duration.ZERO;
            try {
                if (Files.exists(file)) {
                    offset = Duration.parse(Files.readString(file).strip());
                }
            } catch (IOException | RuntimeException unreadable) {
                offset = Duration.ZERO;
            }
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
