package io.keyswitch.vpn.openvpn;

import java.time.Instant;

/**
 * One client as the server's {@code status 3} lists it: used to reconcile who is connected after the
 * management socket was (re)opened.
 */
public record ConnectedClient(long cid, String commonName, String username, String realAddress,
                              String virtualAddress, long bytesReceived, long bytesSent, Instant connectedSince) {

    /** A client still authenticating, or refused and not yet gone, is listed without a tunnel address. */
    public boolean isEstablished() {
        return virtualAddress != null && !virtualAddress.isEmpty();
    }
}
