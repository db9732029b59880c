package io.keyswitch.datapoint;

import java.util.Collection;
import java.util.Set;

/**
 * Role: which devices' VPN tunnels anyone wants now (a technician's connection to them waits for the tunnel or is open),
 * asked once for a batch of reports. Implemented by the connections, so device reports need not know them.
 */
public interface TunnelDemand {

    /** @return those of {@code deviceIds} whose tunnel is wanted */
    Set<Long> wanted(Collection<Long> deviceIds);
}
