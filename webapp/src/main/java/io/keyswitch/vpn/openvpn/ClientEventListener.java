package io.keyswitch.vpn.openvpn;

import java.util.List;

/**
 * Receives what happens to one instance's clients: the portal keeps live status (online since, addresses, bytes)
 * and audits connect/disconnect with it. Called on the management client's reader thread: return quickly.
 */
public interface ClientEventListener {

    default void established(String instance, ManagementEvent.ClientEstablished event) {
    }

    default void disconnected(String instance, ManagementEvent.ClientDisconnected event) {
    }

    default void byteCount(String instance, ManagementEvent.ByteCount event) {
    }

    /**
     * After the management socket was (re)opened: the complete list of established clients (those with a tunnel
     * address; one still authenticating is not yet established). Everything not in it is
     * offline, whatever events were missed while the socket was down.
     */
    default void reconciled(String instance, List<ConnectedClient> connected) {
    }

    /** The management socket opened ({@code true}) or dropped ({@code false}). */
    default void managementAvailable(String instance, boolean available) {
    }
}
