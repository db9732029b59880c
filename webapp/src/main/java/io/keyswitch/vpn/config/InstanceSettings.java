package io.keyswitch.vpn.config;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything one account's OpenVPN server instance needs: its name, UDP port, tunnel subnet, the networks its devices'
 * virtual LAN subnets come from (the account's pool blocks, neighbours joined: one {@code route} each), and the absolute paths of its files (OpenVPN reads the CRL again after dropping
 * privileges, and with relative paths a daemonized server dies at the first connect).
 *
 * @param device the tun interface: {@code tun} (the kernel names it) or the account's own name {@code ks<digits>},
 *               which the appliance's forward chain and the firewall helper's set elements are keyed by
 */
public record InstanceSettings(String name, int port, Ipv4Network tunnelNetwork, List<Ipv4Network> deviceNetworks,
                               Path caCertificate, Path serverCertificate, Path serverKey, Path tlsCryptKey,
                               Path crl, Path managementSocket, int maxClients, String user, String group,
                               String device) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9\\-]{0,31}");
    /** An account's tun interface: {@code ks} and its id (at most 15 characters, the kernel's limit). */
    public static final Pattern ACCOUNT_DEVICE = Pattern.compile("ks[0-9]{1,13}");

    public InstanceSettings {
        deviceNetworks = List.copyOf(deviceNetworks);
        if (deviceNetworks.isEmpty()) {
            throw new IllegalArgumentException("an instance routes at least one device network");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("instance name must match " + NAME.pattern());
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients must be positive");
        }
        for (Path path : new Path[] {caCertificate, serverCertificate, serverKey, tlsCryptKey, crl, managementSocket}) {
            if (path == null || !path.isAbsolute()) {
                throw new IllegalArgumentException("paths must be absolute: " + path);
            }
            if (path.toString().matches(".*[\\s\"'\\\\].*")) {
                throw new IllegalArgumentException("paths must not contain blanks, quotes or backslashes: " + path);
            }
        }
        if (!user.matches("[a-z_][a-z0-9_\\-]{0,31}") || !group.matches("[a-z_][a-z0-9_\\-]{0,31}")) {
            throw new IllegalArgumentException("bad user or group");
        }
        if (device == null || !(device.equals("tun") || ACCOUNT_DEVICE.matcher(device).matches())) {
            throw new IllegalArgumentException("device must be tun or ks<digits>: " + device);
        }
    }

    /** An instance whose devices' subnets come from one network. */
    public InstanceSettings(String name, int port, Ipv4Network tunnelNetwork, Ipv4Network deviceNetwork,
                            Path caCertificate, Path serverCertificate, Path serverKey, Path tlsCryptKey,
                            Path crl, Path managementSocket, int maxClients, String user, String group, String device) {
        this(name, port, tunnelNetwork, List.of(deviceNetwork), caCertificate, serverCertificate, serverKey, tlsCryptKey, crl,
                managementSocket, maxClients, user, group, device);
    }

    /** The tun interface of account {@code accountId}'s instance. */
    public static String accountDevice(long accountId) {
        return "ks" + accountId;
    }

    /** The files of instance {@code name} under {@code directory}, run as nobody:nogroup. */
    public static InstanceSettings under(Path directory, String name, int port, Ipv4Network tunnel,
                                         Ipv4Network devices, int maxClients) {
        return under(directory, name, port, tunnel, List.of(devices), maxClients);
    }

    /** The files of instance {@code name} under {@code directory}, routing several device networks, run as nobody:nogroup. */
    public static InstanceSettings under(Path directory, String name, int port, Ipv4Network tunnel,
                                         List<Ipv4Network> devices, int maxClients) {
        Path dir = directory.toAbsolutePath().normalize();
        return new InstanceSettings(name, port, tunnel, devices, dir.resolve("ca.crt"), dir.resolve("server.crt"),
                dir.resolve("server.key"), dir.resolve("tls-crypt.key"), dir.resolve("crl.pem"),
                dir.resolve("management.sock"), maxClients, "nobody", "nogroup", "tun");
    }
}
