package io.keyswitch.siem.syslog;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

/** RFC 5426: one datagram per message on a connected channel, so that an ICMP "port unreachable" reaches this end. */
final class UdpConnection implements SyslogConnection {

    private final DatagramChannel channel;
    private final ByteBuffer probe = ByteBuffer.allocate(1);

    UdpConnection(DatagramChannel channel) {
        this.channel = channel;
    }

    @Override
    public void send(List<byte[]> messages) throws IOException {
        for (byte[] m : messages) {
            channel.write(ByteBuffer.wrap(m));
        }
    }

    @Override
    public boolean alive() {
        try {
            probe.clear();
            channel.read(probe); // non-blocking: a syslog server sends nothing; a reported ICMP error throws
            return true;
        } catch (PortUnreachableException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing: nothing more to do
        }
    }
}
