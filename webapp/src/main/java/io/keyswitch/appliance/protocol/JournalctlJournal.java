package io.keyswitch.appliance.protocol;

import io.keyswitch.platform.SettingsReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The journal read by running {@code journalctl -o json --reverse} (no shell; each argument its own) for the units
 * {@value #UNITS_WORDS}: on the appliance the portal's user is in the group {@code systemd-journal}
 * ({@code SupplementaryGroups} of {@code keyswitch-portal.service}), so it reads the system journal. Where there is no
 * journal (no {@code /var/log/journal} or {@code /run/log/journal}: a container, the tests) or journalctl says the
 * user sees only their own messages, the journal is not available and says why.
 */
@ApplicationScoped
public class JournalctlJournal implements Journal {

    /** The journalctl to run (a path or a name on the PATH). */
    public static final String KEY_COMMAND = "keyswitch.journal.command";
    static final String UNITS_WORDS = "keyswitch-portal, openvpn-server@*, mariadb";
    private static final List<String> UNITS = List.of("keyswitch-portal.service", "openvpn-server@*.service",
            "mariadb.service");
    private static final List<Path> STORES = List.of(Path.of("/var/log/journal"), Path.of("/run/log/journal"));
    private static final long WAIT_SECONDS = 20;
    private static final Logger LOG = Logger.getLogger(JournalctlJournal.class.getName());

    private volatile Availability availability;

    @Override
    public Availability availability() {
        Availability known = availability;
        if (known == null) {
            known = probe();
            availability = known;
        }
        return known;
    }

    private Availability probe() {
        Optional<Availability> files = files(STORES);
        if (files.isPresent()) {
            return files.get();
        }
        try {
            Run run = run(List.of(command(), "--no-pager", "-q", "-n", "0"));
            if (run.exit() != 0) {
                return new Availability(false, "journalctl ended with " + run.exit() + ": " + run.error());
            }
            if (run.error().contains("not seeing messages")) {
                return new Availability(false, "the portal's user may not read the system journal (group systemd-journal)");
            }
            return new Availability(true, "the journal of " + UNITS_WORDS);
        } catch (IOException e) {
            return new Availability(false, "journalctl cannot run: " + e.getMessage());
        }
    }

    /**
     * Why the journal cannot be read from its files in {@code stores} (their machine-id folders hold {@code *.journal}
     * files), or empty when some of them can be read: a folder without journal files (an image before its first
     * boot, a container) is no journal.
     */
    static Optional<Availability> files(List<Path> stores) {
        List<Path> journals = new ArrayList<>();
        for (Path store : stores) {
            if (!Files.isDirectory(store)) {
                continue;
            }
            try (Stream<Path> found = Files.find(store, 2, (p, a) -> a.isRegularFile() && p.toString().endsWith(".journal"))) {
                found.forEach(journals::add);
            } catch (IOException | UncheckedIOException e) {
                return Optional.of(new Availability(false, "the journal's folder " + store + " cannot be read: " + e.getMessage()));
            }
        }
        String where = String.join(", ", stores.stream().map(Path::toString).toList());
        if (journals.isEmpty()) {
            return Optional.of(new Availability(false, "no systemd journal files on this machine (" + where + ")"));
        }
        if (journals.stream().noneMatch(Files::isReadable)) {
            return Optional.of(new Availability(false, "the portal's user may not read the journal files in " + where
                    + " (group systemd-journal)"));
        }
        return Optional.empty();
    }

    @Override
    public List<JournalEntry> read(Instant from, Instant to, String beforeCursor, int limit) {
        if (!availability().available()) {
            return List.of();
        }
        List<String> command = new ArrayList<>(List.of(command(), "--no-pager", "-q", "-o", "json", "--reverse",
                "-n", Integer.toString(limit)));
        for (String unit : UNITS) {
            command.add("--unit=" + unit);
        }
        if (from != null) {
            command.add("--since=@" + from.getEpochSecond());
        }
        if (to != null) {
            command.add("--until=@" + (to.getEpochSecond() + 1));
        }
        if (beforeCursor != null) {
            command.add("--after-cursor=" + beforeCursor);
        }
        try {
            Run run = run(command);
            List<JournalEntry> entries = new ArrayList<>();
            for (String line : run.lines()) {
                JournalLines.parse(line).filter(e -> (from == null || !e.at().isBefore(from)) && (to == null || e.at().isBefore(to)))
                        .ifPresent(entries::add);
            }
            return entries;
        } catch (IOException e) {
            LOG.warning("The journal could not be read: " + e.getMessage());
            return List.of();
        }
    }

    private static String command() {
        return SettingsReader.portal().text(KEY_COMMAND, "journalctl");
    }

    private record Run(int exit, List<String> lines, String error) {
    }

    private static Run run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        }
        String error = read(p.getErrorStream());
        try {
            if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("journalctl did not end within " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted");
        }
        return new Run(p.exitValue(), lines, error);
    }

    private static String read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(4096);
        return new String(bytes, StandardCharsets.UTF_8).strip();
    }
}
