package io.keyswitch.connection.internal;

import io.keyswitch.connection.Firewall;
import io.keyswitch.connection.FirewallException;
import io.keyswitch.connection.FirewallRule;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The {@link Firewall} as the appliance has it: the firewall helper ({@code keyswitch-firewall.service}) on its unix
 * socket, which only the portal's user may open. One connection, kept open and opened again when it broke; one
 * request at a time; every answer awaited at most {@code timeout}.
 */
public final class HelperSocketFirewall implements Firewall {

    private static final Logger LOG = Logger.getLogger(HelperSocketFirewall.class.getName());
    private static final int MAX_ANSWER = 16 * 1024 * 1024;

    private final Path socket;
    private final Duration timeout;
    private SocketChannel channel;
    private Selector selector;
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private volatile String lastProblem;

    public HelperSocketFirewall(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    @Override
    public Availability availability() {
        if (!Files.exists(socket)) {
            return new Availability(false, "the firewall helper's socket " + socket + " does not exist"
                    + " (keyswitch-firewall.socket not running?)");
        }
        String problem = lastProblem;
        return problem == null ? new Availability(true, "firewall helper at " + socket)
                : new Availability(false, problem);
    }

    /** Asks {@code PING}: whether the helper answers now. */
    public synchronized boolean ping() {
        try {
            HelperProtocol.ok(exchange("PING").get(0));
            return true;
        } catch (FirewallException e) {
            return false;
        }
    }

    @Override
    public synchronized void add(List<FirewallRule> rules) throws FirewallException {
        for (String request : HelperProtocol.requests("ADD", rules)) {
            List<String> answer = exchange(request);
            HelperProtocol.ok(answer.get(answer.size() - 1));
        }
    }

    @Override
    public synchronized Counted remove(List<FirewallRule> rules) throws FirewallException {
        Counted total = Counted.NONE;
        for (String request : HelperProtocol.requests("DEL", rules)) {
            List<String> answer = exchange(request);
            total = total.plus(HelperProtocol.removed(answer.get(answer.size() - 1)));
        }
        return total;
    }

    @Override
    public synchronized List<CountedRule> list() throws FirewallException {
        return HelperProtocol.rows(exchange("LIST"));
    }

    @Override
    public synchronized void clear() throws FirewallException {
        List<String> answer = exchange("FLUSH");
        HelperProtocol.ok(answer.get(answer.size() - 1));
    }

    /**
     * Sends one request line and reads the answer's lines up to the {@code OK}/{@code ERR} line. A connection kept
     * from before that turns out broken (the helper was restarted) is opened again once: every request is safe to
     * repeat (ADD keeps rules already in, DEL skips rules already out).
     */
    private List<String> exchange(String request) throws FirewallException {
        boolean reused = channel != null && channel.isOpen();
        try {
            return exchangeOnce(request);
        } catch (IOException e) {
            close();
            if (reused) {
                try {
                    return exchangeOnce(request);
                } catch (IOException again) {
                    close();
                    throw unanswered(again);
                }
            }
            throw unanswered(e);
        }
    }

    private FirewallException unanswered(IOException e) {
        String problem = "the firewall helper at " + socket + " does not answer: " + e.getMessage();
        if (!problem.equals(lastProblem)) { // once per problem, not at every count
            LOG.warning(problem);
        }
        lastProblem = problem;
        return new FirewallException(problem, e);
    }

    private List<String> exchangeOnce(String request) throws IOException {
        open();
        ByteBuffer out = ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.US_ASCII));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                await(SelectionKey.OP_WRITE, deadline);
            }
        }
        List<String> lines = new ArrayList<>();
        int size = 0;
        while (true) {
            String line = nextLine(deadline);
            size += line.length();
            if (size > MAX_ANSWER) {
                throw new IOException("answer longer than " + MAX_ANSWER + " bytes");
            }
            lines.add(line);
            if (line.equals("OK") || line.startsWith("OK ") || line.startsWith("ERR ")) {
                lastProblem = null;
                return lines;
            }
        }
    }

    /** The next line of the answer; what was read past it stays in {@code buffer} for the next call. */
    private String nextLine(long deadline) throws IOException {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    String line = new String(buffer, start, i - start, StandardCharsets.US_ASCII);
                    start = i + 1;
                    return line;
                }
            }
            if (start > 0) { // keep the unread part at the front
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            }
            int read = channel.read(ByteBuffer.wrap(buffer, end, buffer.length - end));
            if (read < 0) {
                throw new IOException("the helper closed the connection");
            }
            if (read == 0) {
                await(SelectionKey.OP_READ, deadline);
            }
            end += Math.max(read, 0);
        }
    }

    private void await(int operation, long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new IOException("no answer within " + timeout.toMillis() + " ms");
        }
        SelectionKey key = channel.keyFor(selector);
        key.interestOps(operation);
        selector.select(left);
        selector.selectedKeys().clear();
    }

    private void open() throws IOException {
        if (channel != null && channel.isOpen()) {
            return;
        }
        start = 0;
        end = 0;
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    /** Closes the connection; the next request opens it again. */
    public synchronized void close() {
        try {
            if (selector != null) {
                selector.close();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.fine("closing the firewall helper's connection: " + e.getMessage());
        }
        channel = null;
        selector = null;
    }
}
