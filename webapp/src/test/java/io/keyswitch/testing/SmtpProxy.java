package io.keyswitch.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of an SMTP server (GreenMail) that counts the connections made through it and can
 * play a server that goes away in the middle of a batch: {@link #cutAfter(int)} ends the connection when the client
 * starts the mail after the n-th (the n-th was taken and answered) and turns the next connection away at once; later
 * connections pass again.
 */
public final class SmtpProxy implements AutoCloseable {

    private static final byte[] END_OF_DATA = {'\r', '\n', '.', '\r', '\n'};

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicBoolean turnAway = new AtomicBoolean();
    private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> sockets = new ArrayList<>();
    private final int to;
    private volatile int cutAfter = Integer.MAX_VALUE;

    /** Listens on a free loopback port and forwards to the SMTP server on loopback port {@code to}. */
    public SmtpProxy(int to) throws IOException {
        this.to = to;
        Thread acceptor = new Thread(this::accept, "smtp-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections made through the proxy so far (turned away ones included). */
    public int connections() {
        return connections.get();
    }

    /** Mails the clients finished sending through the proxy so far. */
    public int messages() {
        return messages.get();
    }

    /** From now on: cut the connection after {@code n} more mails, and turn the next connection away. */
    public void cutAfter(int n) {
        cutAfter = messages.get() + n;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                if (turnAway.compareAndSet(true, false)) {
                    client.close();
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), to);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(server);
                }
                pipe(client, server, true);
                pipe(server, client, false);
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Copies one direction; the end of one side closes both. From the client it counts the mails and cuts. */
    private void pipe(Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = new BufferedOutputStream(to.getOutputStream())) {
                byte[] buffer = new byte[8192];
                int matched = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (!fromClient) {
                        out.write(buffer, 0, n);
                        out.flush();
                        continue;
                    }
                    for (int i = 0; i < n; i++) {
                        if (messages.get() >= cutAfter) { // the client starts the next mail: the server goes away
                            cutAfter = Integer.MAX_VALUE;
                            turnAway.set(true);
                            return;
                        }
                        out.write(buffer[i]);
                        matched = buffer[i] == END_OF_DATA[matched] ? matched + 1 : buffer[i] == END_OF_DATA[0] ? 1 : 0;
                        if (matched == END_OF_DATA.length) {
                            matched = 0;
                            messages.incrementAndGet();
                        }
                    }
                    out.flush();
                }
            } catch (IOException ended) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "smtp-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closed already
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (sockets) {
            sockets.forEach(SmtpProxy::closeQuietly);
        }
    }
}
