package io.keyswitch.vpn.openvpn;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Owns the management unix socket of ONE OpenVPN instance: reads its stream on one thread, decides client
 * authentications through a {@link ClientAuthenticator} on a bounded executor, writes commands one at a time, and
 * when the socket drops, reconnects and reconciles who is connected from {@code status 3}.
 *
 * <p>Replies arrive in the order the commands were written, so every command is queued with the kind of reply it
 * expects (one line, or lines until {@code END}) in the same lock that writes it.
 */
public final class ManagementClient implements InstanceManagement, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ManagementClient.class.getName());
    private static final int MAX_REASON_LENGTH = 200;
    /** The CNs the appliance CA issues; nothing else may go into a {@code kill} command. */
    private static final Pattern COMMON_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@\\-]{0,63}");

    /**
     * @param byteCountSeconds how often OpenVPN reports per-client bytes ({@code bytecount N}); 0 for never
     * @param reconnectMin     first wait after the socket dropped; doubled each failure up to {@code reconnectMax}
     * @param killGrace      in {@link #disconnectNow}, the time between {@code client-kill} and {@code kill}
     */
    public record Settings(int byteCountSeconds, Duration reconnectMin, Duration reconnectMax, Duration killGrace) {
        public static Settings defaults() {
            return new Settings(10, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMillis(300));
        }
    }

    private final String instance;
    private final Path socket;
    private final ClientAuthenticator authenticator;
    private final ClientEventListener listener;
    private final Executor decisions;
    private final Settings settings;
    private final Object writeLock = new Object();

    private volatile Session session;
    private volatile boolean closed;
    private Thread reader;

    public ManagementClient(String instance, Path socket, ClientAuthenticator authenticator,
                            ClientEventListener listener, Executor decisions, Settings settings) {
        this.instance = instance;
        this.socket = socket.toAbsolutePath();
        this.authenticator = authenticator;
        this.listener = listener;
        this.decisions = decisions;
        this.settings = settings;
    }

    /** Starts the reader thread, which connects (and keeps reconnecting) to the socket. */
    public synchronized void start() {
        if (reader != null) {
            throw new IllegalStateException("already started");
        }
        reader = new Thread(this::run, "openvpn-management-" + instance);
        reader.setDaemon(true);
        reader.start();
        LOG.info(() -> "OpenVPN management for " + instance + " on " + socket + " (bytecount "
                + settings.byteCountSeconds() + " s, reconnect " + settings.reconnectMin().toMillis() + "-"
                + settings.reconnectMax().toMillis() + " ms)");
    }

    @Override
    public String instance() {
        return instance;
    }

    @Override
    public boolean isConnected() {
        return session != null;
    }

    @Override
    public CompletableFuture<Void> killClient(long cid, boolean halt) {
        return send("client-kill " + cid + (halt ? " HALT" : ""), false).thenApply(reply -> null);
    }

    @Override
    public CompletableFuture<Void> disconnectNow(long cid, String commonName, boolean halt) {
        if (commonName == null || !COMMON_NAME.matcher(commonName).matches()) {
            throw new IllegalArgumentException("not a common name the CA issues");
        }
        CompletableFuture<Void> told = killClient(cid, halt).exceptionally(e -> null);
        return told.thenCompose(ignored -> CompletableFuture.runAsync(() -> { },
                        CompletableFuture.delayedExecutor(settings.killGrace().toMillis(), TimeUnit.MILLISECONDS)))
                .thenCompose(ignored -> send("kill " + commonName, false))
                .handle((reply, e) -> {
                    if (e != null && !String.valueOf(e.getMessage()).contains("not found")) {
                        throw new ManagementCommandException("kill " + commonName + ": " + e.getMessage());
                    }
                    return null;
                });
    }

    @Override
    public CompletableFuture<List<ConnectedClient>> connectedClients() {
        return send("status 3", true).thenApply(StatusReportParser::parse);
    }

    /** Drops the socket as a crash would; the reader reconnects and reconciles. */
    public void reconnect() {
        Session current = session;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        reconnect();
        Thread thread;
        synchronized (this) {
            thread = reader;
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        long delay = settings.reconnectMin().toMillis();
        while (!closed) {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                delay = settings.reconnectMin().toMillis();
                read(new Session(channel));
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.FINE, "Management socket of " + instance + " not available", e);
                }
            }
            if (!closed) {
                sleep(delay);
                delay = Math.min(delay * 2, settings.reconnectMax().toMillis());
            }
        }
    }

    private void read(Session opened) throws IOException {
        ManagementStreamParser parser = new ManagementStreamParser(this::dispatchSafely, opened::multiLineReplyExpected);
        session = opened;
        LOG.info(() -> "Management socket of " + instance + " open");
        notifyAvailable(true);
        try {
            if (settings.byteCountSeconds() > 0) {
                send("bytecount " + settings.byteCountSeconds(), false);
            }
            connectedClients().thenAccept(clients -> listener.reconciled(instance,
                            clients.stream().filter(ConnectedClient::isEstablished).toList()))
                    .exceptionally(e -> {
                        LOG.warning(() -> "Could not reconcile " + instance + ": " + e.getMessage());
                        return null;
                    });
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            while (opened.channel.read(buffer) >= 0) {
                buffer.flip();
                parser.feed(buffer);
                buffer.clear();
            }
        } catch (IOException e) {
            if (!closed && opened.open) {
                LOG.warning(() -> "Management socket of " + instance + " dropped: " + e.getMessage());
            }
        } finally {
            session = null;
            opened.close();
            opened.failPending();
            LOG.info(() -> "Management socket of " + instance + " closed");
            notifyAvailable(false);
        }
    }

    private void notifyAvailable(boolean available) {
        try {
            listener.managementAvailable(instance, available);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Listener failed on availability of " + instance, e);
        }
    }

    /** A failing listener must not stop the reader: the next event is handled as usual. */
    private void dispatchSafely(ManagementEvent event) {
        try {
            dispatch(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Handling " + event.getClass().getSimpleName() + " from " + instance + " failed", e);
        }
    }

    private void dispatch(ManagementEvent event) {
        if (event instanceof ManagementEvent.ClientAuthRequest request) {
            decide(request);
        } else if (event instanceof ManagementEvent.ClientEstablished established) {
            listener.established(instance, established);
        } else if (event instanceof ManagementEvent.ClientDisconnected disconnected) {
            listener.disconnected(instance, disconnected);
        } else if (event instanceof ManagementEvent.ByteCount count) {
            listener.byteCount(instance, count);
        } else if (event instanceof ManagementEvent.Hold) {
            send("hold release", false);
        } else if (event instanceof ManagementEvent.CommandSucceeded reply) {
            reply(List.of(reply.text()), null);
        } else if (event instanceof ManagementEvent.CommandOutput reply) {
            reply(reply.lines(), null);
        } else if (event instanceof ManagementEvent.CommandFailed reply) {
            reply(null, reply.text());
        } else if (event instanceof ManagementEvent.Notification notification && notification.source().equals("FATAL")) {
            LOG.severe(() -> "OpenVPN " + instance + " fatal: " + notification.text());
        } else {
            LOG.fine(() -> "OpenVPN " + instance + ": " + event);
        }
    }

    private void reply(List<String> lines, String error) {
        Session current = session;
        Pending pending = current == null ? null : current.pending.poll();
        if (pending == null) {
            LOG.warning(() -> "Reply from " + instance + " to no command: " + (error == null ? "success" : error));
        } else if (error != null) {
            pending.reply.completeExceptionally(new ManagementCommandException(pending.command + ": " + error));
        } else {
            pending.reply.complete(lines);
        }
    }

    private void decide(ManagementEvent.ClientAuthRequest request) {
        try {
            decisions.execute(() -> answer(request, authenticate(request)));
        } catch (RejectedExecutionException e) {
            answer(request, AuthDecision.deny("portal busy: decision queue full", "try again later"));
        }
    }

    private AuthDecision authenticate(ManagementEvent.ClientAuthRequest request) {
        try {
            AuthDecision decision = authenticator.authenticate(request);
            return decision != null ? decision : AuthDecision.deny("no decision");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Authentication of client " + request.cid() + " on " + instance + " failed", e);
            return AuthDecision.deny("internal error");
        }
    }

    private void answer(ManagementEvent.ClientAuthRequest request, AuthDecision decision) {
        String command;
        if (decision instanceof AuthDecision.Allow allow) {
            StringBuilder text = new StringBuilder("client-auth ").append(request.cid()).append(' ').append(request.kid());
            for (String line : allow.configLines()) {
                text.append('\n').append(line);
            }
            command = text.append("\nEND").toString();
        } else {
            AuthDecision.Deny deny = (AuthDecision.Deny) decision;
            LOG.info(() -> "OpenVPN " + instance + ": client " + request.cid() + " denied: " + deny.reason());
            command = "client-deny " + request.cid() + " " + request.kid() + " " + quote(deny.reason())
                    + (deny.clientReason() == null ? "" : " " + quote(deny.clientReason()));
        }
        send(command, false).exceptionally(e -> {
            LOG.warning(() -> "Answer to client " + request.cid() + " on " + instance + " not delivered: " + e.getMessage());
            return null;
        });
    }

    static String quote(String text) {
        String clean = ClientEnvironment.sanitize(text == null ? "" : text).replace('"', '\'').replace('\\', '/');
        return '"' + (clean.length() > MAX_REASON_LENGTH ? clean.substring(0, MAX_REASON_LENGTH) : clean) + '"';
    }

    private CompletableFuture<List<String>> send(String command, boolean multiLine) {
        Pending pending = new Pending(firstWord(command), multiLine);
        Session current = session;
        if (current == null) {
            pending.reply.completeExceptionally(new ManagementCommandException("management socket of " + instance + " is not open"));
            return pending.reply;
        }
        ByteBuffer bytes = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
        synchronized (writeLock) {
            current.pending.add(pending);
            try {
                while (bytes.hasRemaining()) {
                    current.channel.write(bytes);
                }
            } catch (IOException e) {
                current.close();
                pending.reply.completeExceptionally(new ManagementCommandException("write failed: " + e.getMessage()));
            }
        }
        return pending.reply;
    }

    private static String firstWord(String command) {
        int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            if (!closed) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One open socket and the replies it still owes, oldest first. */
    private static final class Session {
        final SocketChannel channel;
        final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
        volatile boolean open = true;

        Session(SocketChannel channel) {
            this.channel = channel;
        }

        boolean multiLineReplyExpected() {
            Pending head = pending.peek();
            return head != null && head.multiLine;
        }

        void close() {
            open = false;
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing management socket", e);
            }
        }

        void failPending() {
            List<Pending> left = new ArrayList<>(pending);
            pending.clear();
            left.forEach(p -> p.reply.completeExceptionally(new ManagementCommandException("management socket closed")));
        }
    }

    private static final class Pending {
        final String command;
        final boolean multiLine;
        final CompletableFuture<List<String>> reply = new CompletableFuture<>();

        Pending(String command, boolean multiLine) {
            this.command = command;
            this.multiLine = multiLine;
        }
    }
}
