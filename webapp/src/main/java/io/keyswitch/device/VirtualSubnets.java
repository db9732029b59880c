package io.keyswitch.device;

import io.keyswitch.platform.Ipv4Subnet;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Gives each device a virtual subnet from its account's pool, of the same size as the device's real
 * LAN, so the device can map one onto the other 1:1 (NETMAP) and machines with the same LAN
 * (192.168.0.0/24 everywhere) stay apart. The taken subnets are kept sorted, so finding a free one
 * jumps over taken blocks instead of testing every candidate against every device.
 */
public final class VirtualSubnets {

    private final Ipv4Subnet pool;
    /** network → broadcast of every taken subnet; they never overlap. */
    private final TreeMap<Long, Long> taken = new TreeMap<>();
    private long cursor;

    /** An allocator over {@code pool} with {@code taken} already in use. */
    public VirtualSubnets(Ipv4Subnet pool, Collection<Ipv4Subnet> taken) {
        this.pool = pool;
        this.cursor = pool.network();
        taken.forEach(t -> this.taken.put(t.network(), t.broadcast()));
    }

    /** The first subnet of {@code lanPrefix} in {@code pool} that overlaps none of {@code taken}. */
    public static Optional<Ipv4Subnet> allocate(Ipv4Subnet pool, int lanPrefix, Collection<Ipv4Subnet> taken) {
        return new VirtualSubnets(pool, taken).firstFree(lanPrefix, pool.network());
    }

    /**
     * The next free subnet of {@code lanPrefix} after the one given before (wrapping to the pool's
     * start once), now taken: for many devices at once (an import) without scanning from the start
     * each time.
     */
    public Optional<Ipv4Subnet> next(int lanPrefix) {
        Optional<Ipv4Subnet> found = firstFree(lanPrefix, cursor);
        if (found.isEmpty() && cursor != pool.network()) {
            found = firstFree(lanPrefix, pool.network());
        }
        found.ifPresent(s -> {
            taken.put(s.network(), s.broadcast());
            cursor = s.broadcast() + 1;
        });
        return found;
    }

    private Optional<Ipv4Subnet> firstFree(int lanPrefix, long from) {
        if (lanPrefix < pool.prefix()) {
            return Optional.empty();
        }
        long step = 1L << (32 - lanPrefix);
        long candidate = alignUp(Math.max(from, pool.network()), step);
        while (candidate + step - 1 <= pool.broadcast()) {
            long end = candidate + step - 1;
            Map.Entry<Long, Long> below = taken.floorEntry(end);
            if (below == null || below.getValue() < candidate) {
                return Optional.of(new Ipv4Subnet(candidate, lanPrefix));
            }
            candidate = alignUp(below.getValue() + 1, step);
        }
        return Optional.empty();
    }

    private static long alignUp(long address, long step) {
        return (address + step - 1) / step * step;
    }
}
