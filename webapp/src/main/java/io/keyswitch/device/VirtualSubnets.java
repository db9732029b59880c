package io.keyswitch.device;

import java.util.Collection;
import java.util.Optional;

/**
 * Gives each device a virtual subnet from its account's pool, of the same size as the device's real
 * LAN, so the device can map one onto the other 1:1 (NETMAP) and machines with the same LAN
 * (192.168.0.0/24 everywhere) stay apart.
 */
public final class VirtualSubnets {

    private VirtualSubnets() {
    }

    /** The first subnet of {@code lanPrefix} in {@code pool} that overlaps none of {@code taken}. */
    public static Optional<Ipv4Subnet> allocate(Ipv4Subnet pool, int lanPrefix, Collection<Ipv4Subnet> taken) {
        if (lanPrefix < pool.prefix()) {
            return Optional.empty();
        }
        long step = 1L << (32 - lanPrefix);
        for (long candidate = pool.network(); candidate + step - 1 <= pool.broadcast(); candidate += step) {
            Ipv4Subnet subnet = new Ipv4Subnet(candidate, lanPrefix);
            if (taken.stream().noneMatch(subnet::overlaps)) {
                return Optional.of(subnet);
            }
        }
        return Optional.empty();
    }
}
