package io.keyswitch.vpn.openvpn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Plays OpenVPN's side of the management unix socket, for tests and the load generator: accepts one connection at a
 * time, greets like OpenVPN, answers commands the way OpenVPN 2.6 does, and hands every command (a
 * {@code client-auth} block joined with newlines) to whoever listens.
 */
public final class ManagementSocketStandIn implements AutoCloseable {

    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final Consumer<String> commandListener;
    private final BlockingQueue<String> commands = new LinkedBlockingQueue<>();
    private final Object writeLock = new Object();
    private volatile List<String> statusRows = List.of();
    private volatile SocketChannel connection;
    private volatile int connections;
    private volatile boolean closed;

    /** @param commandListener called on the stand-in's reader thread for each command, or null to queue them */
    public ManagementSocketStandIn(Path socket, Consumer<String> commandListener) throws IOException {
        this.socket = socket;
        this.commandListener = commandListener;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = new Thread(this::acceptLoop, "management-stand-in");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The rows {@code status 3} lists, e.g. {@link #clientRow}. */
    public void setStatusRows(List<String> rows) {
        statusRows = List.copyOf(rows);
    }

    public static String clientRow(long cid, String commonName, String virtualAddress) {
        return String.join("\t", "CLIENT_LIST", commonName, "10.255.1.2:1194", virtualAddress, "", "100", "200",
                "2026-11-29 16:00:00", "1795881600", commonName, Long.toString(cid), Long.toString(cid), "AES-256-GCM");
    }

    /** Writes lines as OpenVPN would (CRLF). */
    public void send(String... lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append("\r\n");
        }
        write(text.toString());
    }

    /** Writes raw bytes, e.g. a big batch prepared by a load generator. */
    public void write(String text) throws IOException {
        SocketChannel current = connection;
        if (current == null) {
            throw new IOException("no management client connected");
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        synchronized (writeLock) {
            while (bytes.hasRemaining()) {
                current.write(bytes);
            }
        }
    }

    /** The next command the client sent, waiting up to the timeout; null if none. */
    public String nextCommand(long timeout, TimeUnit unit) throws InterruptedException {
        return commands.poll(timeout, unit);
    }

    /** Waits until the client has connected {@code count} times in all. */
    public boolean awaitConnections(int count, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (connections < count && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
        return connections >= count;
    }

    /** Closes the current connection, as an OpenVPN restart would. */
    public void dropConnection() throws IOException {
        SocketChannel current = connection;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        dropConnection();
        server.close();
        Files.deleteIfExists(socket);
    }

    private void acceptLoop() {
        while (!closed) {
            try (SocketChannel accepted = server.accept()) {
                connection = accepted;
                connections++;
                send(">INFO:OpenVPN Management Interface Version 5 -- type 'help' for more info");
                serve(new BufferedReader(new InputStreamReader(Channels.newInputStream(accepted), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                // connection dropped or stand-in closed: accept the next one
            } finally {
                connection = null;
            }
        }
    }

    private void serve(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            String command = line;
            if (line.startsWith("client-auth ")) {
                List<String> block = new ArrayList<>(List.of(line));
                String configLine;
                while ((configLine = in.readLine()) != null && !configLine.equals("END")) {
                    block.add(configLine);
                }
                block.add("END");
                command = String.join("\n", block);
            }
            answer(command);
            if (commandListener != null) {
                commandListener.accept(command);
            } else {
                commands.add(command);
            }
        }
    }

    private void answer(String command) throws IOException {
        String verb = command.split("[ \n]", 2)[0];
        switch (verb) {
            case "status" -> {
                List<String> lines = new ArrayList<>();
                lines.add("TITLE\tOpenVPN 2.6.14 stand-in");
                lines.add("TIME\t2026-11-29 16:00:00\t1795881600");
                lines.add("HEADER\tCLIENT_LIST\tCommon Name\tReal Address\tVirtual Address\tVirtual IPv6 Address\tBytes Received"
                        + "\tBytes Sent\tConnected Since\tConnected Since (time_t)\tUsername\tClient ID\tPeer ID\tData Channel Cipher");
                lines.addAll(statusRows);
                lines.add("GLOBAL_STATS\tMax bcast/mcast queue length\t0");
                lines.add("END");
                send(lines.toArray(String[]::new));
            }
            case "client-auth" -> send("SUCCESS: client-auth command succeeded");
            case "client-deny" -> send("SUCCESS: client-deny command succeeded");
            case "client-kill" -> send("SUCCESS: client-kill command succeeded");
            case "kill" -> send("SUCCESS: common name '" + command.substring(5) + "' found, 1 client(s) killed");
            case "hold" -> send("SUCCESS: hold release succeeded");
            case "bytecount" -> send("SUCCESS: bytecount interval changed");
            default -> send("ERROR: unknown command, enter 'help' for more options");
        }
    }
}
