package io.keyswitch.vpn.openvpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The management stream parser")
class ManagementStreamParserTest {

    /** What the recorded stream means, whatever the chunking; garbage lines are not in it. */
    private static final List<String> EXPECTED = List.of(
            "INFO OpenVPN Management Interface Version 5 -- type 'help' for more info",
            "HOLD Waiting for hold release:0",
            "SUCCESS hold release succeeded",
            "SUCCESS bytecount interval changed",
            "CONNECT cid=0 kid=1 cn=dev-1 user=dev-1 password=correct-horse-battery ip=10.255.1.2 note=tabhere bellend vars=13",
            "SUCCESS client-auth command succeeded",
            "ESTABLISHED cid=0 cn=dev-1 vip=10.255.8.10",
            "ADDRESS cid=0 10.255.8.10 primary=true",
            "ADDRESS cid=0 10.255.128.0/255.255.255.0 primary=false",
            "BYTECOUNT cid=0 in=1234 out=5678",
            "LOG 1700000000,I,some log line",
            "OUTPUT lines=8 first=TITLE",
            "REAUTH cid=0 kid=2 cn=dev-1",
            "ERROR client-deny command failed",
            "DISCONNECT cid=0 cn=dev-1 received=2048 sent=4096");
    private static final int GARBAGE_LINES = 8;

    @ParameterizedTest(name = "chunks of {0} bytes")
    @ValueSource(ints = {1, 3, 7, 64, 4096})
    @DisplayName("reads a hand-made stream (every message kind, 8 garbage lines) the same in any chunk size")
    void readsRecordedStreamInAnyChunkSize(int chunk) throws IOException {
        // Arrange
        byte[] stream = recordedStream();
        Recorder recorder = new Recorder("single", "single", "single", "block", "single");
        ManagementStreamParser parser = new ManagementStreamParser(recorder, recorder::nextIsBlock);

        // Act
        for (int offset = 0; offset < stream.length; offset += chunk) {
            parser.feed(stream, offset, Math.min(chunk, stream.length - offset));
        }

        // Assert
        assertEquals(EXPECTED, recorder.described);
        assertEquals(GARBAGE_LINES, parser.skippedLines());
    }

    @Test
    @DisplayName("reads the status reply's client list from the hand-made stream")
    void readsStatusReply() throws IOException {
        // Arrange
        byte[] stream = recordedStream();
        Recorder recorder = new Recorder("single", "single", "single", "block", "single");
        ManagementStreamParser parser = new ManagementStreamParser(recorder, recorder::nextIsBlock);

        // Act
        parser.feed(stream, 0, stream.length);

        // Assert
        List<ConnectedClient> clients = StatusReportParser.parse(recorder.output.get(0).lines());
        assertEquals(1, clients.size());
        assertEquals(new ConnectedClient(0, "dev-1", "dev-1", "10.255.1.2:41234", "10.255.8.10", 1234, 5678,
                java.time.Instant.ofEpochSecond(1795883995)), clients.get(0));
    }

    @Test
    @DisplayName("skips reply-like lines when no multi-line reply is expected")
    void skipsUnexpectedReplyLines() {
        // Arrange
        List<ManagementEvent> events = new ArrayList<>();
        ManagementStreamParser parser = new ManagementStreamParser(events::add, () -> false);

        // Act
        feed(parser, "CLIENT_LIST\tdev-1\nEND\n>INFO:still alive\n");

        // Assert
        assertEquals(List.of(new ManagementEvent.Info("still alive")), events);
        assertEquals(2, parser.skippedLines());
    }

    @Test
    @DisplayName("drops a client block cut short by a new notification, and reads the new one")
    void dropsClientBlockCutShort() {
        // Arrange
        List<ManagementEvent> events = new ArrayList<>();
        ManagementStreamParser parser = new ManagementStreamParser(events::add, () -> false);

        // Act
        feed(parser, ">CLIENT:CONNECT,1,0\n>CLIENT:ENV,common_name=a\n>CLIENT:CONNECT,2,0\n>CLIENT:ENV,common_name=b\n>CLIENT:ENV,END\n");

        // Assert
        assertEquals(1, events.size());
        ManagementEvent.ClientAuthRequest request = (ManagementEvent.ClientAuthRequest) events.get(0);
        assertEquals(2, request.cid());
        assertEquals("b", request.env().commonName().orElseThrow());
    }

    @Test
    @DisplayName("drops a line longer than 64 KiB and goes on with the next")
    void dropsOverlongLine() {
        // Arrange
        List<ManagementEvent> events = new ArrayList<>();
        ManagementStreamParser parser = new ManagementStreamParser(events::add, () -> false);

        // Act
        feed(parser, ">INFO:" + "x".repeat(LineAssembler.MAX_LINE_BYTES + 10) + "\n>INFO:next\n");

        // Assert
        assertEquals(List.of(new ManagementEvent.Info("next")), events);
    }

    @Test
    @DisplayName("shows no password when an environment is printed")
    void environmentHidesSecrets() {
        // Arrange
        List<ManagementEvent> events = new ArrayList<>();
        ManagementStreamParser parser = new ManagementStreamParser(events::add, () -> false);

        // Act
        feed(parser, ">CLIENT:CONNECT,1,0\n>CLIENT:ENV,password=hunter2hunter2\n>CLIENT:ENV,common_name=a\n>CLIENT:ENV,END\n");
        String printed = events.get(0).toString();

        // Assert
        assertFalse(printed.contains("hunter2"), printed);
        assertTrue(printed.contains("password=***"), printed);
        assertTrue(printed.contains("common_name=a"), printed);
    }

    @Test
    @DisplayName("caps a value at 1024 characters")
    void capsValueLength() {
        // Arrange
        List<ManagementEvent> events = new ArrayList<>();
        ManagementStreamParser parser = new ManagementStreamParser(events::add, () -> false);

        // Act
        feed(parser, ">CLIENT:ESTABLISHED,7\n>CLIENT:ENV,common_name=" + "a".repeat(5000) + "\n>CLIENT:ENV,END\n");

        // Assert
        ManagementEvent.ClientEstablished established = (ManagementEvent.ClientEstablished) events.get(0);
        assertEquals(ClientEnvironment.MAX_VALUE_LENGTH, established.env().commonName().orElseThrow().length());
    }

    private static void feed(ManagementStreamParser parser, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, bytes.length);
    }

    private static byte[] recordedStream() throws IOException {
        try (InputStream in = ManagementStreamParserTest.class.getResourceAsStream("handmade-stream-with-garbage.bin")) {
            return in.readAllBytes();
        }
    }

    /** Plays the management client's part: knows which reply kind comes next, and describes each event. */
    private static final class Recorder implements java.util.function.Consumer<ManagementEvent> {
        final Deque<String> expectedReplies;
        final List<String> described = new ArrayList<>();
        final List<ManagementEvent.CommandOutput> output = new ArrayList<>();

        Recorder(String... replies) {
            expectedReplies = new ArrayDeque<>(List.of(replies));
        }

        boolean nextIsBlock() {
            return "block".equals(expectedReplies.peek());
        }

        @Override
        public void accept(ManagementEvent event) {
            described.add(describe(event));
            if (event instanceof ManagementEvent.CommandSucceeded || event instanceof ManagementEvent.CommandFailed
                    || event instanceof ManagementEvent.CommandOutput) {
                expectedReplies.poll();
            }
            if (event instanceof ManagementEvent.CommandOutput o) {
                output.add(o);
            }
        }

        private static String describe(ManagementEvent event) {
            if (event instanceof ManagementEvent.ClientAuthRequest r && !r.reauth()) {
                ClientEnvironment env = r.env();
                return "CONNECT cid=" + r.cid() + " kid=" + r.kid() + " cn=" + env.commonName().orElse("-")
                        + " user=" + env.username().orElse("-") + " password=" + env.password().orElse("-")
                        + " ip=" + env.remoteAddress().orElse("-") + " note=" + env.get("note").orElse("-")
                        + " vars=" + env.asMap().size();
            } else if (event instanceof ManagementEvent.ClientAuthRequest r) {
                return "REAUTH cid=" + r.cid() + " kid=" + r.kid() + " cn=" + r.env().commonName().orElse("-");
            } else if (event instanceof ManagementEvent.ClientEstablished e) {
                return "ESTABLISHED cid=" + e.cid() + " cn=" + e.env().commonName().orElse("-")
                        + " vip=" + e.env().virtualAddress().orElse("-");
            } else if (event instanceof ManagementEvent.ClientDisconnected d) {
                return "DISCONNECT cid=" + d.cid() + " cn=" + d.env().commonName().orElse("-")
                        + " received=" + d.env().number("bytes_received").orElse(-1L)
                        + " sent=" + d.env().number("bytes_sent").orElse(-1L);
            } else if (event instanceof ManagementEvent.ClientAddress a) {
                return "ADDRESS cid=" + a.cid() + " " + a.address() + " primary=" + a.primary();
            } else if (event instanceof ManagementEvent.ByteCount b) {
                return "BYTECOUNT cid=" + b.cid() + " in=" + b.bytesIn() + " out=" + b.bytesOut();
            } else if (event instanceof ManagementEvent.Info i) {
                return "INFO " + i.text();
            } else if (event instanceof ManagementEvent.Hold h) {
                return "HOLD " + h.text();
            } else if (event instanceof ManagementEvent.Notification n) {
                return n.source() + " " + n.text();
            } else if (event instanceof ManagementEvent.CommandSucceeded s) {
                return "SUCCESS " + s.text();
            } else if (event instanceof ManagementEvent.CommandFailed f) {
                return "ERROR " + f.text();
            } else {
                ManagementEvent.CommandOutput o = (ManagementEvent.CommandOutput) event;
                return "OUTPUT lines=" + o.lines().size() + " first=" + o.lines().get(0).split("\t")[0];
            }
        }
    }
}
