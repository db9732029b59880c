package io.keyswitch.siem.syslog;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** An open way to one syslog server: sends messages in order and says whether the server is still there. */
public interface SyslogConnection extends Closeable {

    /** Sends each message (RFC 5424 bytes, framed as the transport needs) in order; an exception means the way broke. */
    void send(List<byte[]> messages) throws IOException;

    /**
     * Whether the server is still there as far as this end can tell without waiting: a TCP or TLS peer that closed or
     * reset the connection, or a UDP port reported unreachable, is not.
     */
    boolean alive();

    @Override
    void close();
}
