package io.keyswitch.siem.syslog;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

/** RFC 6587 / RFC 5425: octet-counted frames on a TCP or TLS socket, each batch flushed once. */
final class StreamConnection implements SyslogConnection {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    StreamConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.in = socket.getInputStream();
    }

    @Override
    public void send(List<byte[]> messages) throws IOException {
        for (byte[] m : messages) {
            out.write(OctetCounting.frame(m));
        }
        out.flush();
    }

    /**
     * A read that waits 1 ms: a syslog server never sends, so a timeout means the connection is open, and an end of
     * stream or an error means the server closed or reset it (a stopped server: what it had not read is lost).
     */
    @Override
    public boolean alive() {
        if (socket.isClosed()) {
            return false;
        }
        int before = -1;
        try {
            before = socket.getSoTimeout();
            socket.setSoTimeout(1);
            return in.read() >= 0;
        } catch (SocketTimeoutException open) {
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            try {
                if (before >= 0 && !socket.isClosed()) {
                    socket.setSoTimeout(before);
                }
            } catch (IOException ignored) {
                // the next send fails and says so
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken connection: nothing more to do
        }
    }
}
