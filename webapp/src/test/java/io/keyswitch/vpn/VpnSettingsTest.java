package io.keyswitch.vpn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("VPN settings (keyswitch.vpn.*)")
class VpnSettingsTest {

    /** Read as on the appliance, where systemd runs. */
    private static VpnSettings read(Map<String, String> values, Optional<Path> home) {
        return VpnSettings.from(key -> values.get(key), home, true);
    }

    /** Read as on a development machine or in a container without systemd. */
    private static VpnSettings readWithoutSystemd(Map<String, String> values, Optional<Path> home) {
        return VpnSettings.from(key -> values.get(key), home, false);
    }

    @Test
    @DisplayName("the appliance's defaults: systemd, /etc/openvpn/server, sockets under /run, instances kept at shutdown")
    void applianceDefaults() {
        // Act
        VpnSettings s = read(Map.of("keyswitch.vpn.public-host", "vpn.example.com"), Optional.of(Path.of("/var/lib/keyswitch")));

        // Assert
        assertThat(s.supervisor()).isEqualTo("systemd");
        assertThat(s.configDirectory()).isEqualTo(Path.of("/etc/openvpn/server"));
        assertThat(s.socketDirectory()).isEqualTo(Path.of("/run/keyswitch/openvpn"));
        assertThat(s.portBase()).isEqualTo(1194);
        assertThat(s.tunnelPool().toString()).isEqualTo("10.128.0.0/9");
        assertThat(s.tunnelPrefix()).isEqualTo(17);
        assertThat(s.byteCountSeconds()).isEqualTo(10);
        assertThat(s.decisionThreads()).isEqualTo(2);
        assertThat(s.decisionQueue()).isEqualTo(4096);
        assertThat(s.killGraceMs()).isEqualTo(300);
        assertThat(s.systemctl()).containsExactly("sudo", "-n", "systemctl");
        assertThat(s.stopAtShutdown()).isFalse();
        assertThat(s.describe()).contains("supervisor=systemd", "public-host=vpn.example.com", "tunnel-pool=10.128.0.0/9");
    }

    @Test
    @DisplayName("process (development): files under KEYSWITCH_HOME/openvpn, instances stopped with the portal")
    void processDefaults() {
        // Act
        VpnSettings s = read(Map.of("keyswitch.vpn.supervisor", "process", "keyswitch.vpn.process-launcher",
                "ip netns exec srv"), Optional.of(Path.of("/home/k")));

        // Assert
        assertThat(s.configDirectory()).isEqualTo(Path.of("/home/k/openvpn"));
        assertThat(s.socketDirectory()).isEqualTo(Path.of("/home/k/openvpn"));
        assertThat(s.processLauncher()).isEqualTo(List.of("ip", "netns", "exec", "srv"));
        assertThat(s.stopAtShutdown()).isTrue();
    }

    @Test
    @DisplayName("without systemd and no supervisor set, the process supervisor is chosen, with its files under KEYSWITCH_HOME")
    void noSystemdChoosesProcess() {
        // Act
        VpnSettings s = readWithoutSystemd(Map.of(), Optional.of(Path.of("/home/k")));

        // Assert
        assertThat(s.supervisor()).isEqualTo("process");
        assertThat(s.configDirectory()).isEqualTo(Path.of("/home/k/openvpn"));
        assertThat(s.socketDirectory()).isEqualTo(Path.of("/home/k/openvpn"));
        assertThat(s.stopAtShutdown()).isTrue();
        assertThat(s.describe()).contains("supervisor=process");
    }

    @Test
    @DisplayName("a supervisor that is set is kept, with or without systemd")
    void setSupervisorIsKept() {
        // Act
        VpnSettings systemdWithout = readWithoutSystemd(Map.of("keyswitch.vpn.supervisor", "systemd"), Optional.of(Path.of("/home/k")));
        VpnSettings processWith = read(Map.of("keyswitch.vpn.supervisor", "process"), Optional.of(Path.of("/home/k")));

        // Assert
        assertThat(systemdWithout.supervisor()).isEqualTo("systemd");
        assertThat(systemdWithout.configDirectory()).isEqualTo(Path.of("/etc/openvpn/server"));
        assertThat(processWith.supervisor()).isEqualTo("process");
        assertThat(processWith.configDirectory()).isEqualTo(Path.of("/home/k/openvpn"));
    }

    @Test
    @DisplayName("the default follows this machine: systemd where /run/systemd/system exists, else process")
    void defaultFollowsThisMachine() {
        // Act
        VpnSettings s = VpnSettings.from(key -> null, Optional.of(Path.of("/home/k")));

        // Assert
        assertThat(s.supervisor()).isEqualTo(java.nio.file.Files.isDirectory(Path.of("/run/systemd/system")) ? "systemd" : "process");
    }

    @Test
    @DisplayName("an unusable value fails with the key's name")
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> read(Map.of("keyswitch.vpn.supervisor", "docker"), Optional.empty()))
                .hasMessageContaining("keyswitch.vpn.supervisor");
        assertThatThrownBy(() -> read(Map.of("keyswitch.vpn.port-base", "seventy"), Optional.empty()))
                .hasMessage("keyswitch.vpn.port-base must be a whole number from 1 to 65000, not 'seventy'");
        assertThatThrownBy(() -> read(Map.of("keyswitch.vpn.tunnel-pool", "10.0.0.1/8"), Optional.empty()))
                .hasMessageContaining("keyswitch.vpn.tunnel-pool");
        assertThatThrownBy(() -> read(Map.of("keyswitch.vpn.tunnel-pool", "10.0.0.0/16", "keyswitch.vpn.tunnel-prefix", "12"),
                Optional.empty())).hasMessageContaining("keyswitch.vpn.tunnel-prefix");
        assertThatThrownBy(() -> read(Map.of("keyswitch.vpn.public-host", "vpn example"), Optional.empty()))
                .hasMessageContaining("keyswitch.vpn.public-host");
    }
}
