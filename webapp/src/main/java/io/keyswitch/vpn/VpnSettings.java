package io.keyswitch.vpn;

import io.keyswitch.platform.SettingsReader;
import io.keyswitch.vpn.config.Ipv4Network;
import io.keyswitch.vpn.instance.InstanceSupervisors;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@code keyswitch.vpn.*} settings, each with a documented default (docs/develop/vpn-core.md), read once at start and
 * logged by {@link #describe()}. An unusable value fails with the key's name.
 *
 * @param supervisor       {@code systemd} (the appliance) or {@code process} (development, tests); by default
 *                         {@code systemd} where systemd runs, else {@code process}
 * @param configDirectory  where {@code <name>.conf} and the folder {@code <name>/} of each instance are written
 * @param socketDirectory  where each instance's management socket {@code <name>.sock} is
 * @param publicHost       the name or address devices and technicians dial ({@code remote} in profiles)
 * @param stopAtShutdown   stop the instances when the portal stops (process: yes; systemd: no, they keep serving)
 * @param watchSeconds     how often the instances are brought in line with the accounts (a failed or dead instance
 *                         started again, a disabled account's stopped, a changed pool routed)
 * @param growthRestartWait how long an instance whose account's pool grew by itself waits for a moment without
 *                         technician tunnels before it is restarted to route the new block anyway
 */
public record VpnSettings(String supervisor, Path configDirectory, Path socketDirectory, String publicHost, int portBase,
                          Ipv4Network tunnelPool, int tunnelPrefix, int maxClients, int byteCountSeconds,
                          int reconnectMinMs, int reconnectMaxMs, int killGraceMs, int decisionThreads,
                          int decisionQueue, List<String> systemctl, List<String> processLauncher,
                          boolean stopAtShutdown, int watchSeconds, java.time.Duration growthRestartWait) {

    public static final String PREFIX = "keyswitch.vpn.";

    public static VpnSettings from(UnaryOperator<String> lookup, Optional<Path> home) {
        return from(lookup, home, InstanceSupervisors.systemdRunning());
    }

    /** As above, with whether systemd runs on this machine given (it decides the supervisor's default). */
    static VpnSettings from(UnaryOperator<String> lookup, Optional<Path> home, boolean systemdRunning) {
        SettingsReader read = SettingsReader.of(lookup, PREFIX);
        String supervisor = read.oneOf("supervisor", systemdRunning ? "systemd" : "process", "systemd", "process");
        boolean systemd = supervisor.equals("systemd");
        Path defaultConfig = systemd ? Path.of("/etc/openvpn/server")
                : home.map(h -> h.resolve("openvpn")).orElse(Path.of("/etc/openvpn/server"));
        Path config = Path.of(read.text("config-dir", defaultConfig.toString())).toAbsolutePath().normalize();
        Path sockets = Path.of(read.text("socket-dir", systemd ? "/run/keyswitch/openvpn" : config.toString()))
                .toAbsolutePath().normalize();
        String host = read.text("public-host", localHostName());
        if (!host.matches("[A-Za-z0-9][A-Za-z0-9.\\-]{0,252}")) {
            throw new IllegalArgumentException(PREFIX + "public-host must be a DNS name or IPv4 address");
        }
        Ipv4Network pool = read.value("tunnel-pool", "10.128.0.0/9", Ipv4Network::parse);
        int prefix = read.integer("tunnel-prefix", 17, pool.prefixLength(), 29);
        return new VpnSettings(supervisor, config, sockets, host,
                read.integer("port-base", 1194, 1, 65000),
                pool, prefix,
                read.integer("max-clients", 21000, 1, 1 << 20),
                read.integer("bytecount-seconds", 10, 0, 3600),
                read.integer("reconnect-min-ms", 200, 10, 60_000),
                read.integer("reconnect-max-ms", 5000, 10, 600_000),
                read.integer("kill-grace-ms", 300, 0, 10_000),
                read.integer("decision-threads", 2, 1, 64),
                read.integer("decision-queue", 4096, 1, 1_000_000),
                read.words("systemctl", "sudo -n systemctl"),
                read.words("process-launcher", ""),
                read.bool("stop-at-shutdown", !systemd),
                read.integer("watch-seconds", 30, 1, 3600),
                read.duration("growth-restart-wait", java.time.Duration.ofHours(1), java.time.Duration.ZERO,
                        java.time.Duration.ofDays(7)));
    }

    /** One line for the start-up log: every setting in force. */
    public String describe() {
        return "VPN settings: supervisor=" + supervisor + ", config-dir=" + configDirectory + ", socket-dir="
                + socketDirectory + ", public-host=" + publicHost + ", port-base=" + portBase + ", tunnel-pool="
                + tunnelPool + " (/" + tunnelPrefix + " per account), max-clients=" + maxClients + ", bytecount-seconds="
                + byteCountSeconds + ", reconnect-min/max-ms=" + reconnectMinMs + "/" + reconnectMaxMs
                + ", kill-grace-ms=" + killGraceMs + ", decision-threads/queue=" + decisionThreads + "/" + decisionQueue
                + ", systemctl=" + String.join(" ", systemctl) + ", process-launcher=" + String.join(" ", processLauncher)
                + ", stop-at-shutdown=" + stopAtShutdown + ", watch-seconds=" + watchSeconds + ", growth-restart-wait="
                + growthRestartWait;
    }

    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getCanonicalHostName();
            return name.matches("[A-Za-z0-9][A-Za-z0-9.\\-]{0,252}") ? name : "keyswitch.local";
        } catch (UnknownHostException e) {
            return "keyswitch.local";
        }
    }
}
