package io.keyswitch.connection;

/** Where a connection is in its life. */
public enum ConnectionState {
    /** Asked for; its rules are not in place yet (the technician's VPN is not up, or the firewall did not answer). */
    WAITING,
    /** The firewall lets the technician's tunnel address reach the granted components. */
    OPEN,
    /** Ended; its rules are gone. */
    CLOSED
}
