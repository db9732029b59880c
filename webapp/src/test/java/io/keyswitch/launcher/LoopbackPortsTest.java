package io.keyswitch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Free loopback ports for the servers tests start")
class LoopbackPortsTest {

    @Test
    @DisplayName("come from below the kernel's ephemeral range, so no outgoing connection can hold one when a portal restarts on it")
    void outsideTheEphemeralRange() {
        int ephemeralStart = LoopbackPorts.ephemeralStart();

        for (int i = 0; i < 200; i++) {
            assertThat(LoopbackPorts.free()).isBetween(LoopbackPorts.LOWEST, ephemeralStart - 1);
        }
    }

    @Test
    @DisplayName("are never given twice in one JVM and can be listened on")
    void distinctAndBindable() throws IOException {
        Set<Integer> given = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = LoopbackPorts.free();
            assertThat(given.add(port)).as("port %d given twice", port).isTrue();
        }
        int port = LoopbackPorts.free();
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    @DisplayName("are not ports somebody listens on")
    void busyPortsAreNotFree() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(LoopbackPorts.bindable(busy.getLocalPort())).isFalse();
        }
    }
}
