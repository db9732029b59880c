package io.keyswitch.siem.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What went wrong with a syslog server, in words")
class FailureWordsTest {

    private static final Endpoint TCP = new Endpoint("127.0.0.1", 6514, Transport.TCP, List.of());
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    @DisplayName("refused, timed out and unknown host each say so and name the server")
    void words() {
        assertThat(FailureWords.of(new ConnectException("Connection refused"), TCP, TIMEOUT))
                .isEqualTo("Refused: nothing listens on 127.0.0.1:6514 (TCP), or a firewall refused the connection.");
        assertThat(FailureWords.of(new SocketTimeoutException("connect timed out"), TCP, TIMEOUT))
                .isEqualTo("Timed out: 127.0.0.1:6514 (TCP) did not answer within 5 s.");
        assertThat(FailureWords.of(new UnknownHostException("siem.invalid"),
                new Endpoint("siem.invalid", 514, Transport.UDP, List.of()), TIMEOUT))
                .isEqualTo("Unknown host: 'siem.invalid' does not resolve to an address.");
        assertThat(FailureWords.of(new IOException(), TCP, TIMEOUT)).isEqualTo("Failed: IOException (127.0.0.1:6514 (TCP)).");
    }

    @Test
    @DisplayName("a real refused connection on loopback is worded as refused")
    void realRefusal() throws IOException {
        // Arrange: a port that was just free
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ((InetSocketAddress) s.getLocalSocketAddress()).getPort();
        }
        Endpoint closed = new Endpoint("127.0.0.1", port, Transport.TCP, List.of());

        // Act
        String words;
        try (SyslogConnection c = closed.open(Duration.ofSeconds(2))) {
            words = "connected";
        } catch (IOException e) {
            words = FailureWords.of(e, closed, TIMEOUT);
        }

        // Assert
        assertThat(words).startsWith("Refused: nothing listens on 127.0.0.1:" + port + " (TCP)");
    }
}
