package io.keyswitch.vpn.openvpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser on real OpenVPN 2.6.14 management streams, recorded byte for byte in the system tier (through a
 * tee between the server's socket and our client; device passwords replaced by "redacted-in-recording"), with
 * the commands our client sent, which say which reply is multi-line.
 */
@DisplayName("The management parser on recorded OpenVPN 2.6.14 sessions")
class RecordedOpenVpnSessionTest {

    private static final String TEN_DEVICES = "openvpn-2.6.14-connect-ten-devices";
    private static final String KILL_AND_TECHNICIANS = "openvpn-2.6.14-kill-reference-device-technicians";
    /** Lines that must be skipped in every state: idle, inside a client block, inside a reply. */
    private static final List<String> GARBAGE = List.of(">garbage:not a source", ">BYTECOUNT_CLI:1,notanumber,2",
            ">\u0001\u0002", "> no colon at all");

    @ParameterizedTest(name = "chunks of {0} bytes")
    @ValueSource(ints = {1, 3, 7, 64, 4096})
    @DisplayName("reads ten devices connecting the same in any chunk size, with garbage lines between the real ones")
    void readsTenDevicesInAnyChunkSizeWithGarbage(int chunk) throws IOException {
        // Arrange
        byte[] clean = resource(TEN_DEVICES + ".stream");
        List<String> expected = parse(clean, clean.length, TEN_DEVICES).described;
        Garbled garbled = withGarbage(clean, new Random(chunk));

        // Act
        Result result = parse(garbled.bytes, chunk, TEN_DEVICES);

        // Assert
        assertEquals(expected, result.described);
        assertEquals(garbled.inserted, result.skipped);
        assertTrue(garbled.inserted > 100, "enough garbage to matter: " + garbled.inserted);
    }

    @Test
    @DisplayName("finds in the ten-device session what OpenVPN sent: 11 CONNECTs, 10 ESTABLISHED, addresses, byte counts")
    void tenDeviceSessionContent() throws IOException {
        // Arrange
        byte[] stream = resource(TEN_DEVICES + ".stream");

        // Act
        Result result = parse(stream, 7, TEN_DEVICES);

        // Assert
        Map<String, Integer> counts = result.counts();
        assertEquals(11, counts.get("CONNECT"));
        assertEquals(10, counts.get("ESTABLISHED"));
        assertEquals(20, counts.get("ADDRESS"));
        assertEquals(11, counts.get("BYTECOUNT"));
        assertEquals(1, counts.get("OUTPUT"));
        assertEquals(0, result.skipped);
        assertTrue(result.described.contains("CONNECT 0/1 cn=dev-1 user=dev-1 password=redacted-in-recording"),
                result.described.toString());
        assertTrue(result.described.contains("ESTABLISHED 0 cn=dev-1 vip=10.255.80.10"), result.described.toString());
    }

    @Test
    @DisplayName("reads the restarted portal's session: status 3 with ten established and one refused client, then DISCONNECTs")
    void restartedPortalSession() throws IOException {
        // Arrange
        byte[] stream = resource(KILL_AND_TECHNICIANS + ".stream");

        // Act
        Result result = parse(stream, 3, KILL_AND_TECHNICIANS);

        // Assert
        List<ConnectedClient> listed = StatusReportParser.parse(result.outputs.get(0));
        assertEquals(11, listed.size());
        assertEquals(List.of("dev-2"), listed.stream().filter(c -> !c.isEstablished()).map(ConnectedClient::commonName).toList(),
                "the device refused for a wrong secret lingers in status 3 without an address");
        assertEquals(2, result.counts().get("DISCONNECT"));
        assertTrue(result.described.contains("DISCONNECT 0 cn=dev-1"), result.described.toString());
        assertEquals(0, result.skipped);
    }

    private static Result parse(byte[] bytes, int chunk, String recording) throws IOException {
        Result result = new Result(replyKinds(recording));
        ManagementStreamParser parser = new ManagementStreamParser(result, result::nextIsBlock);
        for (int offset = 0; offset < bytes.length; offset += chunk) {
            parser.feed(bytes, offset, Math.min(chunk, bytes.length - offset));
        }
        result.skipped = parser.skippedLines();
        return result;
    }

    /** The kind of reply each command sent gets, in order: "status" is multi-line; a client-auth block is one command. */
    private static Deque<Boolean> replyKinds(String recording) throws IOException {
        Deque<Boolean> kinds = new ArrayDeque<>();
        boolean inAuthBlock = false;
        for (String line : new String(resource(recording + ".commands"), StandardCharsets.UTF_8).split("\n")) {
            if (inAuthBlock) {
                inAuthBlock = !line.equals("END");
            } else if (line.startsWith("client-auth ")) {
                inAuthBlock = true;
                kinds.add(false);
            } else if (!line.isBlank()) {
                kinds.add(line.startsWith("status"));
            }
        }
        return kinds;
    }

    private static Garbled withGarbage(byte[] clean, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int inserted = 0;
        for (String line : new String(clean, StandardCharsets.UTF_8).split("\r\n", -1)) {
            if (random.nextInt(8) == 0) {
                out.writeBytes((GARBAGE.get(random.nextInt(GARBAGE.size())) + "\r\n").getBytes(StandardCharsets.UTF_8));
                inserted++;
            }
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = out.toByteArray();
        // The recording ends with CRLF, so the split left an empty last element: drop its extra CRLF.
        return new Garbled(java.util.Arrays.copyOf(bytes, bytes.length - 2), inserted);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = RecordedOpenVpnSessionTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private record Garbled(byte[] bytes, int inserted) {
    }

    private static final class Result implements Consumer<ManagementEvent> {
        final Deque<Boolean> replyKinds;
        final List<String> described = new ArrayList<>();
        final List<List<String>> outputs = new ArrayList<>();
        long skipped;

        Result(Deque<Boolean> replyKinds) {
            this.replyKinds = replyKinds;
        }

        boolean nextIsBlock() {
            return Boolean.TRUE.equals(replyKinds.peek());
        }

        Map<String, Integer> counts() {
            Map<String, Integer> counts = new TreeMap<>();
            described.forEach(d -> counts.merge(d.split(" ")[0], 1, Integer::sum));
            return counts;
        }

        @Override
        public void accept(ManagementEvent event) {
            if (event instanceof ManagementEvent.CommandSucceeded || event instanceof ManagementEvent.CommandFailed
                    || event instanceof ManagementEvent.CommandOutput) {
                replyKinds.poll();
            }
            if (event instanceof ManagementEvent.ClientAuthRequest r) {
                described.add((r.reauth() ? "REAUTH " : "CONNECT ") + r.cid() + "/" + r.kid() + " cn="
                        + r.env().commonName().orElse("-") + " user=" + r.env().username().orElse("-")
                        + " password=" + r.env().password().orElse("-"));
            } else if (event instanceof ManagementEvent.ClientEstablished e) {
                described.add("ESTABLISHED " + e.cid() + " cn=" + e.env().commonName().orElse("-")
                        + " vip=" + e.env().virtualAddress().orElse("-"));
            } else if (event instanceof ManagementEvent.ClientDisconnected d) {
                described.add("DISCONNECT " + d.cid() + " cn=" + d.env().commonName().orElse("-"));
            } else if (event instanceof ManagementEvent.ClientAddress a) {
                described.add("ADDRESS " + a.cid() + " " + a.address() + " " + a.primary());
            } else if (event instanceof ManagementEvent.ByteCount b) {
                described.add("BYTECOUNT " + b.cid() + " " + b.bytesIn() + " " + b.bytesOut());
            } else if (event instanceof ManagementEvent.CommandOutput o) {
                described.add("OUTPUT " + o.lines().size());
                outputs.add(o.lines());
            } else {
                described.add(event.getClass().getSimpleName() + " " + event);
            }
        }
    }
}
