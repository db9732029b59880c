package io.keyswitch.vpn.openvpn;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The commands the portal gives one running OpenVPN instance through its management interface. */
public interface InstanceManagement extends AutoCloseable {

    /** The instance's name (e.g. the account's instance name, {@code openvpn-server@<name>}). */
    String instance();

    /** Whether the management socket is open right now. */
    boolean isConnected();

    /**
     * Tells a client to go ({@code client-kill}): with {@code halt} it is told not to come back (OpenVPN 2.4+ clients
     * exit), otherwise it reconnects and must pass authentication again. OpenVPN 2.6 keeps the server side of the
     * session for 5 more seconds (its fixed scheduled-exit delay) before {@code >CLIENT:DISCONNECT}.
     */
    CompletableFuture<Void> killClient(long cid, boolean halt);

    /**
     * Ends a client's session now, e.g. when its device is revoked or its user disabled: {@code client-kill} so the
     * client learns of it at once, then, after a short grace for that message to leave, {@code kill <common name>}
     * so the server drops every session of that certificate without OpenVPN's 5-second delay.
     */
    CompletableFuture<Void> disconnectNow(long cid, String commonName, boolean halt);

    /** The clients connected now ({@code status 3}). */
    CompletableFuture<List<ConnectedClient>> connectedClients();

    /** Closes the management socket for good (no reconnect); the instance itself keeps running. */
    @Override
    void close();
}
