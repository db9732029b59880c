package io.keyswitch.vpn.openvpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The management client, against a stand-in for OpenVPN's socket")
class ManagementClientTest {

    @TempDir
    Path dir;

    private ManagementSocketStandIn openvpn;
    private ManagementClient client;
    private ExecutorService decisions;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private volatile boolean failOnEstablished;

    @BeforeEach
    void start() throws Exception {
        openvpn = new ManagementSocketStandIn(dir.resolve("mgmt.sock"), null);
        openvpn.setStatusRows(List.of(ManagementSocketStandIn.clientRow(4, "dev-4", "10.255.8.4")));
        decisions = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        decisions.shutdownNow();
        openvpn.close();
    }

    private void connect(ClientAuthenticator authenticator) throws Exception {
        client = new ManagementClient("acme", dir.resolve("mgmt.sock"), authenticator, new Recorder(), decisions,
                new ManagementClient.Settings(5, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(10)));
        client.start();
        assertEquals("available true", events.poll(5, TimeUnit.SECONDS));
        assertEquals("bytecount 5", openvpn.nextCommand(5, TimeUnit.SECONDS));
        assertEquals("status 3", openvpn.nextCommand(5, TimeUnit.SECONDS));
        assertEquals("reconciled [dev-4@10.255.8.4]", events.poll(5, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("on connecting, asks for byte counts and reconciles who is connected from status 3")
    void reconcilesOnConnect() throws Exception {
        // Arrange, Act, Assert: connect() checks the opening commands and the reconciled list
        connect(request -> AuthDecision.deny("unused"));
        assertTrue(client.isConnected());
    }

    @Test
    @DisplayName("answers an allowed CONNECT with client-auth, the config lines and END")
    void allowsWithConfigLines() throws Exception {
        // Arrange
        connect(request -> AuthDecision.allow(List.of(ClientConfigLines.ifconfigPush("10.255.8.10", "255.255.255.0"),
                ClientConfigLines.iroute("10.255.128.0", "255.255.255.0"))));

        // Act
        openvpn.send(">CLIENT:CONNECT,7,1", ">CLIENT:ENV,common_name=dev-1", ">CLIENT:ENV,password=x", ">CLIENT:ENV,END");

        // Assert
        assertEquals("client-auth 7 1\nifconfig-push 10.255.8.10 255.255.255.0\niroute 10.255.128.0 255.255.255.0\nEND",
                openvpn.nextCommand(5, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("answers a denied CONNECT with client-deny and both reasons quoted safely")
    void deniesWithQuotedReasons() throws Exception {
        // Arrange
        connect(request -> AuthDecision.deny("wrong \"secret\" for " + request.env().commonName().orElse("?"), "denied"));

        // Act
        openvpn.send(">CLIENT:CONNECT,8,0", ">CLIENT:ENV,common_name=dev-2", ">CLIENT:ENV,END");

        // Assert
        assertEquals("client-deny 8 0 \"wrong 'secret' for dev-2\" \"denied\"", openvpn.nextCommand(5, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("denies when the authenticator throws, and keeps reading")
    void deniesOnAuthenticatorFailure() throws Exception {
        // Arrange
        connect(request -> {
            throw new IllegalStateException("database down");
        });

        // Act
        openvpn.send(">CLIENT:CONNECT,9,0", ">CLIENT:ENV,END", "garbage", ">CLIENT:ESTABLISHED,4", ">CLIENT:ENV,common_name=dev-4",
                ">CLIENT:ENV,END");

        // Assert
        assertEquals("client-deny 9 0 \"internal error\"", openvpn.nextCommand(5, TimeUnit.SECONDS));
        assertEquals("established 4 dev-4", events.poll(5, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("reports established, byte counts and disconnects to the listener")
    void reportsClientEvents() throws Exception {
        // Arrange
        connect(request -> AuthDecision.deny("unused"));

        // Act
        openvpn.send(">CLIENT:ESTABLISHED,3", ">CLIENT:ENV,common_name=dev-3", ">CLIENT:ENV,END",
                ">BYTECOUNT_CLI:3,10,20", ">CLIENT:DISCONNECT,3", ">CLIENT:ENV,common_name=dev-3", ">CLIENT:ENV,END");

        // Assert
        assertEquals("established 3 dev-3", events.poll(5, TimeUnit.SECONDS));
        assertEquals("bytes 3 10/20", events.poll(5, TimeUnit.SECONDS));
        assertEquals("disconnected 3 dev-3", events.poll(5, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("keeps reading when the listener throws")
    void survivesFailingListener() throws Exception {
        // Arrange
        failOnEstablished = true;
        connect(request -> AuthDecision.deny("unused"));

        // Act
        openvpn.send(">CLIENT:ESTABLISHED,3", ">CLIENT:ENV,common_name=dev-3", ">CLIENT:ENV,END",
                ">CLIENT:DISCONNECT,3", ">CLIENT:ENV,common_name=dev-3", ">CLIENT:ENV,END");

        // Assert
        assertEquals("established 3 dev-3", events.poll(5, TimeUnit.SECONDS));
        assertEquals("disconnected 3 dev-3", events.poll(5, TimeUnit.SECONDS));
        assertTrue(client.isConnected());
    }

    @Test
    @DisplayName("releases a hold and kills a client on request")
    void releasesHoldAndKills() throws Exception {
        // Arrange
        connect(request -> AuthDecision.deny("unused"));

        // Act
        openvpn.send(">HOLD:Waiting for hold release:0");
        String hold = openvpn.nextCommand(5, TimeUnit.SECONDS);
        client.killClient(4, false).get(5, TimeUnit.SECONDS);

        // Assert
        assertEquals("hold release", hold);
        assertEquals("client-kill 4", openvpn.nextCommand(5, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("disconnects now: client-kill to tell the client, then kill by common name to drop it at once")
    void disconnectsNow() throws Exception {
        // Arrange
        connect(request -> AuthDecision.deny("unused"));

        // Act
        client.disconnectNow(4, "dev-4", true).get(5, TimeUnit.SECONDS);

        // Assert
        assertEquals("client-kill 4 HALT", openvpn.nextCommand(5, TimeUnit.SECONDS));
        assertEquals("kill dev-4", openvpn.nextCommand(5, TimeUnit.SECONDS));
        assertThrows(IllegalArgumentException.class, () -> client.disconnectNow(4, "1.2.3.4:5", false));
    }

    @Test
    @DisplayName("leaves clients still authenticating out of the reconciled list")
    void reconcilesOnlyEstablished() throws Exception {
        // Arrange
        connect(request -> AuthDecision.deny("unused"));
        openvpn.setStatusRows(List.of(ManagementSocketStandIn.clientRow(4, "dev-4", "10.255.8.4"),
                ManagementSocketStandIn.clientRow(5, "dev-5", "")));

        // Act
        client.reconnect();

        // Assert
        assertEquals("available false", events.poll(5, TimeUnit.SECONDS));
        assertEquals("available true", events.poll(5, TimeUnit.SECONDS));
        assertEquals("reconciled [dev-4@10.255.8.4]", events.poll(5, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("fails a pending command when the socket is gone, instead of hanging")
    void failsWhenSocketGone() throws Exception {
        // Arrange
        connect(request -> AuthDecision.deny("unused"));
        openvpn.close();

        // Act
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.killClient(4, true).get(5, TimeUnit.SECONDS));

        // Assert
        assertTrue(failure.getCause() instanceof ManagementCommandException, failure.toString());
    }

    @Test
    @DisplayName("reconnects after the socket dropped and reconciles again")
    void reconnectsAndReconciles() throws Exception {
        // Arrange
        connect(request -> AuthDecision.deny("unused"));
        openvpn.setStatusRows(List.of());

        // Act
        openvpn.dropConnection();

        // Assert
        assertEquals("available false", events.poll(5, TimeUnit.SECONDS));
        assertEquals("available true", events.poll(5, TimeUnit.SECONDS));
        assertEquals("bytecount 5", openvpn.nextCommand(5, TimeUnit.SECONDS));
        assertEquals("status 3", openvpn.nextCommand(5, TimeUnit.SECONDS));
        assertEquals("reconciled []", events.poll(5, TimeUnit.SECONDS));
        assertTrue(openvpn.awaitConnections(2, 1000));
    }

    @Test
    @DisplayName("refuses config lines that could break the client-auth block")
    void refusesUnsafeConfigLines() {
        // Arrange
        List<String> unsafe = List.of("push \"route 1.2.3.0 255.255.255.0\"\nEND", "END", "iroute 1.2.3.0\r");

        // Act, Assert
        for (String line : unsafe) {
            assertThrows(IllegalArgumentException.class, () -> AuthDecision.allow(List.of(line)), line);
        }
        assertThrows(IllegalArgumentException.class, () -> ClientConfigLines.iroute("10.0.0.0\nEND", "255.0.0.0"));
        assertFalse(ManagementClient.quote("a\"b\\c\nd").contains("\n"));
    }

    private final class Recorder implements ClientEventListener {
        @Override
        public void established(String instance, ManagementEvent.ClientEstablished event) {
            events.add("established " + event.cid() + " " + event.env().commonName().orElse("-"));
            if (failOnEstablished) {
                throw new IllegalStateException("listener bug");
            }
        }

        @Override
        public void disconnected(String instance, ManagementEvent.ClientDisconnected event) {
            events.add("disconnected " + event.cid() + " " + event.env().commonName().orElse("-"));
        }

        @Override
        public void byteCount(String instance, ManagementEvent.ByteCount event) {
            events.add("bytes " + event.cid() + " " + event.bytesIn() + "/" + event.bytesOut());
        }

        @Override
        public void reconciled(String instance, List<ConnectedClient> connected) {
            events.add("reconciled " + connected.stream().map(c -> c.commonName() + "@" + c.virtualAddress()).toList()
                    .toString().replace(", ", ","));
        }

        @Override
        public void managementAvailable(String instance, boolean available) {
            events.add("available " + available);
        }
    }
}
