package io.keyswitch.vpn.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Instance supervisors")
class InstanceSupervisorTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("systemd: acts on openvpn-server@<name> and refuses names that are not plain")
    void systemdCommands() {
        // Arrange
        SystemdInstanceSupervisor supervisor = new SystemdInstanceSupervisor(Path.of("/usr/sbin/openvpn"),
                List.of("sudo", "-n", "systemctl"));

        // Act
        List<String> command = supervisor.command("restart", "acme");

        // Assert
        assertEquals(List.of("sudo", "-n", "systemctl", "restart", "--quiet", "openvpn-server@acme.service"), command);
        assertThrows(IllegalArgumentException.class, () -> supervisor.command("start", "acme;reboot"));
        assertThrows(IllegalArgumentException.class, () -> supervisor.command("start", "../etc"));
    }

    @Test
    @DisplayName("without openvpn, the VPN is unavailable with a reason, and starting says so instead of crashing")
    void unavailableWithoutOpenvpn() {
        // Arrange
        VpnAvailability probed = OpenVpnProbe.probe(dir.resolve("no-openvpn-here"));
        UnavailableInstanceSupervisor supervisor = new UnavailableInstanceSupervisor(probed.detail());

        // Act
        IOException failure = assertThrows(IOException.class, () -> supervisor.start("acme"));

        // Assert
        assertFalse(probed.available());
        assertEquals("openvpn is not installed", probed.detail());
        assertTrue(failure.getMessage().contains("VPN unavailable"));
        assertFalse(supervisor.isRunning("acme"));
    }

    @Test
    @DisplayName("process: runs the binary with --config <absolute path>, and stops it")
    void processStartsAndStops() throws Exception {
        // Arrange: a stand-in binary that records its arguments and stays up like openvpn
        Path args = dir.resolve("args");
        Path binary = dir.resolve("fake-openvpn");
        Files.writeString(binary, "#!/bin/sh\necho \"$@\" > " + args + "\nexec sleep 60\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
        ProcessInstanceSupervisor supervisor = new ProcessInstanceSupervisor(binary, List.of(),
                name -> dir.resolve(name + ".conf"), name -> dir.resolve(name + ".log"));

        // Act
        supervisor.start("acme");
        boolean running = supervisor.isRunning("acme");
        long deadline = System.currentTimeMillis() + 5000;
        while (!Files.exists(args) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        supervisor.stop("acme");

        // Assert
        assertTrue(running);
        assertEquals("--config " + dir.resolve("acme.conf"), Files.readString(args).strip());
        assertFalse(supervisor.isRunning("acme"));
    }

    @Test
    @DisplayName("probing a binary that is not openvpn reports it unavailable")
    void probeRejectsImpostor() throws Exception {
        // Arrange
        Path binary = dir.resolve("impostor");
        Files.writeString(binary, "#!/bin/sh\necho hello\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));

        // Act
        VpnAvailability availability = OpenVpnProbe.probe(binary);

        // Assert
        assertFalse(availability.available());
    }
}
