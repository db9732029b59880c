package io.keyswitch.connection.openvpn;

import java.time.Instant;

/**
 * One client as the server's {@code status 3} lists it: used to reconcile who is connected after the
 * management socket was (re)opened.
 */
public record ConnectedClient(long cid, String commonName, String username, String realAddress,
                              String virtualAddress, long bytesReceived, long bytesSent, Instant connectedSince) {
}
