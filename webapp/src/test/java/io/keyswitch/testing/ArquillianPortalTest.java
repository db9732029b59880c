package io.keyswitch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.launcher.LoopbackPorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The container tests' portal, between two test classes")
class ArquillianPortalTest {

    @Test
    @DisplayName("a portal told to stop still holds its port for a while: the next one waits until it can bind")
    void waitsForThePreviousPortalsPort() throws Exception {
        int port = LoopbackPorts.free();
        Process previous = SlowToStop.start(port, Duration.ofSeconds(2));

        previous.destroy(); // what Arquillian's Payara Micro container does at the end of a class, without waiting
        assertThatThrownBy(() -> bind(port)).isInstanceOf(IOException.class);
        Instant asked = Instant.now();
        ArquillianPortal.awaitBindable(port, Instant.now().plusSeconds(30));

        assertThat(Duration.between(asked, Instant.now())).isGreaterThan(Duration.ofSeconds(1));
        bind(port);
        assertThat(previous.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("a port that stays taken ends the wait with the port's number, not a hang")
    void givesUpOnAPortThatStaysTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(LoopbackPorts.free(), 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> ArquillianPortal.awaitBindable(taken.getLocalPort(), Instant.now().plusMillis(300)))
                    .hasMessage("port " + taken.getLocalPort() + " is still in use");
        }
    }

    private static void bind(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        }
    }

    /** A child JVM that listens on a port and, told to stop, keeps listening a while (as a portal shutting down). */
    public static final class SlowToStop {

        static Process start(int port, Duration stopping) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    SlowToStop.class.getName(), Integer.toString(port), Long.toString(stopping.toMillis()))
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!"listening".equals(line)) {
                child.destroyForcibly();
                throw new IOException("the child did not start: " + line);
            }
            return child;
        }

        public static void main(String[] args) throws Exception {
            ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 1, InetAddress.getLoopbackAddress());
            long stopping = Long.parseLong(args[1]);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(stopping);
                    server.close();
                } catch (InterruptedException | IOException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            System.out.println("listening");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
