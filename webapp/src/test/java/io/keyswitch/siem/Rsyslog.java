package io.keyswitch.siem;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real rsyslog (Debian's {@code rsyslogd}, with {@code rsyslog-gnutls} for TLS) run by a test or a benchmark with a
 * configuration file of its own on 127.0.0.1: {@code rsyslogd -n -f <conf> -i <pidfile>}, no system configuration
 * read or touched. It listens on named inputs — UDP ({@code imudp}), plain TCP ({@code imptcp}, octet counting) and
 * TLS ({@code imtcp} with the gtls driver, RFC 5425) — and writes every message it receives as one line
 * {@code <input name> <raw message>} to {@code received.log}. Can be stopped (SIGTERM, as a service stop does) and
 * started again on the same ports.
 */
public final class Rsyslog implements AutoCloseable {

    public static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
    private static final Pattern EVENT_ID = Pattern.compile("eventId=\"(\\d+)\"");

    /** One input: its name (the line's first word) and its port. */
    public record Input(String name, String kind, int port) {
    }

    private final Path dir;
    private final List<Input> inputs;
    private Process process;

    /**
     * @param caFile {@code null} for no TLS input, else the CA, and the server's certificate and key files (PEM)
     */
    public Rsyslog(Path dir, List<Input> inputs, Path caFile, Path certFile, Path keyFile) throws IOException {
        this.dir = dir;
        this.inputs = List.copyOf(inputs);
        StringBuilder conf = new StringBuilder();
        conf.append("# written by the test: only these inputs, one output file\n");
        conf.append("global(workDirectory=\"").append(dir).append("\" maxMessageSize=\"64k\"");
        if (caFile != null) {
            conf.append(" DefaultNetstreamDriverCAFile=\"").append(caFile).append("\" DefaultNetstreamDriverCertFile=\"")
                    .append(certFile).append("\" DefaultNetstreamDriverKeyFile=\"").append(keyFile).append('"');
        }
        conf.append(")\n");
        if (inputs.stream().anyMatch(i -> i.kind().equals("udp"))) {
            conf.append("module(load=\"imudp\")\n");
        }
        if (inputs.stream().anyMatch(i -> i.kind().equals("tcp"))) {
            conf.append("module(load=\"imptcp\")\n");
        }
        if (inputs.stream().anyMatch(i -> i.kind().equals("tls"))) {
            conf.append("module(load=\"imtcp\" StreamDriver.Name=\"gtls\" StreamDriver.Mode=\"1\" StreamDriver.AuthMode=\"anon\")\n");
        }
        for (Input i : inputs) {
            String module = switch (i.kind()) {
                case "udp" -> "imudp";
                case "tcp" -> "imptcp";
                case "tls" -> "imtcp";
                default -> throw new IllegalArgumentException(i.kind());
            };
            conf.append("input(type=\"").append(module).append("\" address=\"127.0.0.1\" port=\"").append(i.port())
                    .append("\" name=\"").append(i.name()).append("\")\n");
        }
        conf.append("template(name=\"raw\" type=\"string\" string=\"%inputname% %rawmsg%\\n\")\n");
        conf.append("action(type=\"omfile\" file=\"").append(received()).append("\" template=\"raw\")\n");
        Files.writeString(dir.resolve("rsyslog.conf"), conf.toString());
    }

    public Path received() {
        return dir.resolve("received.log");
    }

    /** Starts rsyslogd and waits until its TCP and TLS inputs accept connections. */
    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", dir.resolve("rsyslog.conf").toString(),
                "-i", dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("rsyslogd.out").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (Input i : inputs) {
            if (i.kind().equals("udp")) {
                continue;
            }
            while (!listens(i.port())) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("rsyslogd did not listen on " + i.port() + ": "
                            + Files.readString(dir.resolve("rsyslogd.out")));
                }
                Thread.sleep(50);
            }
        }
        Thread.sleep(200); // UDP has no probe: the inputs start together
    }

    private static boolean listens(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops rsyslogd as a service stop does (SIGTERM) and waits for it to exit. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Every line received so far: the input's name, a space, the raw message. */
    List<String> lines() throws IOException {
        return Files.exists(received()) ? Files.readAllLines(received(), StandardCharsets.UTF_8) : List.of();
    }

    /** The event ids received on one input, in the order they came, duplicates included. */
    List<Long> eventIds(String input) throws IOException {
        List<Long> ids = new ArrayList<>();
        for (String line : lines()) {
            if (line.startsWith(input + " ")) {
                Matcher m = EVENT_ID.matcher(line);
                if (m.find()) {
                    ids.add(Long.parseLong(m.group(1)));
                }
            }
        }
        return ids;
    }

    /** The first line of one input with this event id, by input. */
    Map<String, String> line(long eventId) throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        for (String line : lines()) {
            if (line.contains("eventId=\"" + eventId + "\"")) {
                found.putIfAbsent(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1));
            }
        }
        return found;
    }
}
