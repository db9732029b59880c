package io.keyswitch.connection;

import io.keyswitch.platform.SettingsReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The appliance-wide settings of technician connections, read once at start and logged by {@link #describe()}.
 *
 * @param firewallSocket the firewall helper's socket; empty: none configured (no connection ever opens)
 * @param firewallTimeout how long the portal waits for the helper's answer
 * @param maxOpen        connections open (or waiting) at once on the whole appliance
 * @param sweepSeconds   how often every live connection is checked (VPN up, rights, grants, validity, idle)
 * @param countSeconds   how often the rules' byte counts are read and the firewall compared with the database
 */
public record ConnectionSettings(Optional<Path> firewallSocket, Duration firewallTimeout, int maxOpen, int sweepSeconds,
                                 int countSeconds) {

    public static ConnectionSettings from(UnaryOperator<String> lookup) {
        SettingsReader firewall = SettingsReader.of(lookup, "keyswitch.firewall.");
        SettingsReader connections = SettingsReader.of(lookup, "keyswitch.connections.");
        String socket = firewall.text("socket", "/run/keyswitch/firewall.sock");
        Optional<Path> path = socket.equals("none") ? Optional.empty() : Optional.of(Path.of(socket).toAbsolutePath());
        return new ConnectionSettings(path,
                Duration.ofMillis(firewall.integer("timeout-ms", 5000, 100, 120_000)),
                connections.integer("max", 250, 1, 100_000),
                connections.integer("sweep-seconds", 2, 1, 300),
                connections.integer("count-seconds", 10, 2, 3600));
    }

    /** One line for the start-up log: every setting in force. */
    public String describe() {
        return "Connection settings: firewall.socket=" + firewallSocket.map(Path::toString).orElse("none")
                + ", firewall.timeout-ms=" + firewallTimeout.toMillis() + ", connections.max=" + maxOpen
                + ", connections.sweep-seconds=" + sweepSeconds + ", connections.count-seconds=" + countSeconds;
    }
}
