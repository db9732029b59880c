package io.keyswitch.vpn.openvpn;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The line state machine of the management protocol: bytes in arbitrary chunks in, {@link ManagementEvent}s out.
 *
 * <p>States: idle; inside a {@code >CLIENT:} environment block (until {@code >CLIENT:ENV,END}); inside a multi-line
 * command reply (until {@code END}). A multi-line reply is only expected when the caller says so
 * ({@code multiLineReplyExpected}), because such lines carry no marker of their own. A line that fits no state is
 * logged (shortened, without values) and skipped; nothing here throws on bad input. Not thread-safe: one reader.
 */
public final class ManagementStreamParser {

    private static final Logger LOG = Logger.getLogger(ManagementStreamParser.class.getName());
    private static final String CLIENT = ">CLIENT:";
    private static final String ENV = ">CLIENT:ENV,";
    private static final int MAX_REPLY_LINES = 200_000;

    private final Consumer<ManagementEvent> events;
    private final BooleanSupplier multiLineReplyExpected;
    private final LineAssembler lines = new LineAssembler(this::acceptLine);

    private PendingClient client;
    private List<String> reply;
    private long skippedLines;

    public ManagementStreamParser(Consumer<ManagementEvent> events, BooleanSupplier multiLineReplyExpected) {
        this.events = events;
        this.multiLineReplyExpected = multiLineReplyExpected;
    }

    public void feed(byte[] bytes, int offset, int count) {
        lines.feed(bytes, offset, count);
    }

    public void feed(ByteBuffer bytes) {
        lines.feed(bytes);
    }

    /** Lines that fit no state and were skipped, since this parser was made. */
    public long skippedLines() {
        return skippedLines;
    }

    void acceptLine(String line) {
        if (client != null) {
            acceptInClientBlock(line);
        } else if (reply != null) {
            acceptInReply(line);
        } else {
            acceptIdle(line);
        }
    }

    private void acceptIdle(String line) {
        if (line.startsWith(">")) {
            acceptRealTime(line);
        } else if (line.startsWith("SUCCESS:")) {
            events.accept(new ManagementEvent.CommandSucceeded(line.substring(8).trim()));
        } else if (line.startsWith("ERROR:")) {
            events.accept(new ManagementEvent.CommandFailed(line.substring(6).trim()));
        } else if (multiLineReplyExpected.getAsBoolean()) {
            reply = new ArrayList<>();
            acceptInReply(line);
        } else if (!line.isBlank()) {
            skip("unexpected line", line);
        }
    }

    private void acceptInReply(String line) {
        if (line.equals("END")) {
            List<String> done = reply;
            reply = null;
            events.accept(new ManagementEvent.CommandOutput(done));
        } else if (line.startsWith(">")) {
            acceptRealTime(line);
        } else if (reply.size() < MAX_REPLY_LINES) {
            reply.add(ClientEnvironment.sanitize(line, true));
        } else {
            skip("reply too long", line);
        }
    }

    private void acceptRealTime(String line) {
        int colon = line.indexOf(':');
        if (colon < 2) {
            skip("real-time line without source", line);
            return;
        }
        String source = line.substring(1, colon);
        String text = line.substring(colon + 1);
        switch (source) {
            case "CLIENT" -> acceptClientHeader(text, line);
            case "BYTECOUNT_CLI" -> acceptByteCount(text, line);
            case "INFO" -> events.accept(new ManagementEvent.Info(ClientEnvironment.sanitize(text)));
            case "HOLD" -> events.accept(new ManagementEvent.Hold(ClientEnvironment.sanitize(text)));
            default -> {
                if (source.matches("[A-Z_\\-]{1,32}")) {
                    events.accept(new ManagementEvent.Notification(source, ClientEnvironment.sanitize(text)));
                } else {
                    skip("unknown real-time source", line);
                }
            }
        }
    }

    private void acceptClientHeader(String text, String line) {
        String[] parts = text.split(",", -1);
        try {
            switch (parts[0]) {
                case "CONNECT", "REAUTH" -> {
                    requireParts(parts, 3);
                    client = new PendingClient(parts[0], Long.parseUnsignedLong(parts[1]), Long.parseUnsignedLong(parts[2]));
                }
                case "ESTABLISHED", "DISCONNECT" -> {
                    requireParts(parts, 2);
                    client = new PendingClient(parts[0], Long.parseUnsignedLong(parts[1]), -1);
                }
                case "CR_RESPONSE" -> {
                    requireParts(parts, 4);
                    client = new PendingClient(parts[0], Long.parseUnsignedLong(parts[1]), Long.parseUnsignedLong(parts[2]));
                }
                case "ADDRESS" -> {
                    requireParts(parts, 4);
                    events.accept(new ManagementEvent.ClientAddress(Long.parseUnsignedLong(parts[1]),
                            ClientEnvironment.sanitize(parts[2]), "1".equals(parts[3])));
                }
                case "ENV" -> skip("environment line outside a client block", ENV);
                default -> skip("unknown client notification", line);
            }
        } catch (NumberFormatException e) {
            skip("client notification with a bad id", line);
        }
    }

    private static void requireParts(String[] parts, int count) {
        if (parts.length != count) {
            throw new NumberFormatException("expected " + count + " fields");
        }
    }

    private void acceptByteCount(String text, String line) {
        String[] parts = text.split(",", -1);
        try {
            if (parts.length != 3) {
                throw new NumberFormatException();
            }
            events.accept(new ManagementEvent.ByteCount(Long.parseUnsignedLong(parts[0]),
                    Long.parseUnsignedLong(parts[1]), Long.parseUnsignedLong(parts[2])));
        } catch (NumberFormatException e) {
            skip("bad byte count", line);
        }
    }

    private void acceptInClientBlock(String line) {
        if (line.startsWith(ENV)) {
            String variable = line.substring(ENV.length());
            if (variable.equals("END")) {
                PendingClient done = client;
                client = null;
                done.emit();
                return;
            }
            int equals = variable.indexOf('=');
            if (equals < 1 || !client.env.put(variable.substring(0, equals), variable.substring(equals + 1))) {
                // Never log the value: it may be a password.
                skip("bad environment variable", ENV + (equals < 1 ? "?" : variable.substring(0, Math.min(equals, 64))));
            }
        } else if (line.startsWith(CLIENT)) {
            LOG.warning(() -> "Client block " + client.type + "," + client.cid + " cut short by a new notification; dropped");
            skippedLines++;
            client = null;
            acceptIdle(line);
        } else {
            skip("unexpected line inside a client block", line);
        }
    }

    private void skip(String why, String line) {
        skippedLines++;
        if (LOG.isLoggable(Level.WARNING)) {
            String shown = ClientEnvironment.sanitize(line.length() > 80 ? line.substring(0, 80) + "..." : line);
            LOG.warning("Management line skipped (" + why + "): " + shown);
        }
    }

    private final class PendingClient {
        final String type;
        final long cid;
        final long kid;
        final ClientEnvironment.Builder env = new ClientEnvironment.Builder();

        PendingClient(String type, long cid, long kid) {
            this.type = type;
            this.cid = cid;
            this.kid = kid;
        }

        void emit() {
            ClientEnvironment environment = env.build();
            switch (type) {
                case "CONNECT" -> events.accept(new ManagementEvent.ClientAuthRequest(cid, kid, false, environment));
                case "REAUTH" -> events.accept(new ManagementEvent.ClientAuthRequest(cid, kid, true, environment));
                case "ESTABLISHED" -> events.accept(new ManagementEvent.ClientEstablished(cid, environment));
                case "DISCONNECT" -> events.accept(new ManagementEvent.ClientDisconnected(cid, environment));
                default -> LOG.fine(() -> "Client notification " + type + " for " + cid + " ignored");
            }
        }
    }
}
