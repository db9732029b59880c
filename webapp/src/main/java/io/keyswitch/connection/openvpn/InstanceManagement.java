package io.keyswitch.connection.openvpn;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The commands the portal gives one running OpenVPN instance through its management interface. */
public interface InstanceManagement {

    /** The instance's name (e.g. the account's instance name, {@code openvpn-server@<name>}). */
    String instance();

    /** Whether the management socket is open right now. */
    boolean isConnected();

    /**
     * Disconnects a client at once ({@code client-kill}); with {@code halt} the client is told not to come back
     * (OpenVPN 2.4+ clients exit), otherwise it may reconnect and must pass authentication again.
     */
    CompletableFuture<Void> killClient(long cid, boolean halt);

    /** The clients connected now ({@code status 3}). */
    CompletableFuture<List<ConnectedClient>> connectedClients();
}
