package io.keyswitch.datapoint;

/**
 * Role: whether anyone wants a device's VPN tunnel now (a technician's connection to it waits for the tunnel or is
 * open). Implemented by the connections, so device reports need not know them.
 */
public interface TunnelDemand {

    boolean wanted(long deviceId);
}
