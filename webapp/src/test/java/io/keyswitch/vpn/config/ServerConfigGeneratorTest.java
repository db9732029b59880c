package io.keyswitch.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The server config of an account's instance")
class ServerConfigGeneratorTest {

    private final InstanceSettings settings = InstanceSettings.under(Path.of("/etc/openvpn/server/acme"), "acme", 1195,
            Ipv4Network.parse("10.255.8.0/24"), Ipv4Network.parse("10.255.128.0/17"), 25000);

    @Test
    @DisplayName("has the hardening directives of issue 5, each on its own line")
    void hasRequiredDirectives() {
        // Act
        List<String> lines = new ServerConfigGenerator().generate(settings).lines().toList();

        // Assert
        for (String directive : List.of("port 1195", "proto udp", "dev tun", "topology subnet",
                "server 10.255.8.0 255.255.255.0 nopool", "route 10.255.128.0 255.255.128.0",
                "tls-crypt /etc/openvpn/server/acme/tls-crypt.key", "tls-version-min 1.2",
                "data-ciphers AES-256-GCM:CHACHA20-POLY1305", "keepalive 10 60", "explicit-exit-notify 1",
                "user nobody", "group nogroup", "management /etc/openvpn/server/acme/management.sock unix",
                "management-client-auth", "management-hold", "crl-verify /etc/openvpn/server/acme/crl.pem",
                "verify-client-cert require", "ca /etc/openvpn/server/acme/ca.crt", "dh none", "max-clients 25000")) {
            assertTrue(lines.contains(directive), "missing: " + directive);
        }
    }

    @Test
    @DisplayName("never lets clients talk to each other inside OpenVPN, and has no weak or script options")
    void hasNoClientToClient() {
        // Act
        String config = new ServerConfigGenerator().generate(settings);

        // Assert
        for (String forbidden : List.of("client-to-client", "duplicate-cn", "script-security", "cipher BF", "comp-lzo",
                "auth SHA1", "daemon")) {
            assertFalse(config.contains(forbidden), "must not contain " + forbidden);
        }
    }

    @Test
    @DisplayName("an account's instance has its own tun interface ks<id>, the name the forward chain's rules are keyed by")
    void namesTheAccountsInterface() {
        InstanceSettings account = new InstanceSettings("acct-12", 1194, Ipv4Network.parse("10.128.0.0/17"),
                Ipv4Network.parse("100.64.0.0/16"), Path.of("/c/ca.crt"), Path.of("/c/s.crt"), Path.of("/c/s.key"),
                Path.of("/c/t.key"), Path.of("/c/crl.pem"), Path.of("/run/m.sock"), 10, "nobody", "nogroup",
                InstanceSettings.accountDevice(12));

        List<String> lines = new ServerConfigGenerator().generate(account).lines().toList();

        assertTrue(lines.contains("dev ks12"), String.join("\n", lines));
        assertTrue(lines.contains("dev-type tun"));
        assertTrue(lines.stream().noneMatch(l -> l.equals("dev tun")));
    }

    @Test
    @DisplayName("an account whose pool has several networks gets one route for each, and no other route")
    void routesEveryNetworkOfThePool() {
        InstanceSettings grown = InstanceSettings.under(Path.of("/etc/openvpn/server/acme"), "acme", 1195,
                Ipv4Network.parse("10.128.0.0/17"), List.of(Ipv4Network.parse("100.64.0.0/10"), Ipv4Network.parse("10.0.0.0/15")), 10);

        List<String> routes = new ServerConfigGenerator().generate(grown).lines().filter(l -> l.startsWith("route ")).toList();

        assertEquals(List.of("route 100.64.0.0 255.192.0.0", "route 10.0.0.0 255.254.0.0"), routes);
    }

    @Test
    @DisplayName("refuses relative paths, bad names and ports out of range")
    void refusesBadSettings() {
        Ipv4Network tunnel = Ipv4Network.parse("10.255.8.0/24");
        Ipv4Network devices = Ipv4Network.parse("10.255.128.0/17");
        assertThrows(IllegalArgumentException.class, () -> InstanceSettings.under(Path.of("/x"), "Acme Corp", 1194, tunnel, devices, 10));
        assertThrows(IllegalArgumentException.class, () -> InstanceSettings.under(Path.of("/x"), "acme", 70000, tunnel, devices, 10));
        assertThrows(IllegalArgumentException.class, () -> new InstanceSettings("acme", 1194, tunnel, devices,
                Path.of("ca.crt"), Path.of("/s.crt"), Path.of("/s.key"), Path.of("/t.key"), Path.of("/crl.pem"),
                Path.of("/m.sock"), 10, "nobody", "nogroup", "tun"));
        assertThrows(IllegalArgumentException.class, () -> new InstanceSettings("acme", 1194, tunnel, devices,
                Path.of("/ca.crt"), Path.of("/s.crt"), Path.of("/s.key"), Path.of("/t.key"), Path.of("/crl.pem"),
                Path.of("/m.sock"), 10, "nobody", "nogroup", "eth0"));
        assertThrows(IllegalArgumentException.class, () -> InstanceSettings.under(Path.of("/with space"), "acme", 1194, tunnel, devices, 10));
    }

    @Test
    @DisplayName("knows IPv4 networks: netmask, hosts, and no host bits")
    void ipv4Networks() {
        Ipv4Network network = Ipv4Network.parse("10.255.8.0/24");
        assertEquals("255.255.255.0", network.netmask());
        assertEquals("10.255.8.1", network.host(1));
        assertEquals("10.255.8.254", network.host(254));
        assertThrows(IllegalArgumentException.class, () -> network.host(255));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Network.parse("10.255.8.1/24"));
        assertEquals("255.255.128.0", Ipv4Network.parse("10.255.128.0/17").netmask());
    }
}
