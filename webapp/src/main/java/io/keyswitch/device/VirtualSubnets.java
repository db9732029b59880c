package io.keyswitch.device;

import io.keyswitch.platform.Ipv4Subnet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Gives each device a virtual subnet from its account's pool (one or more blocks), of the same size as the device's
 * real LAN, so the device can map one onto the other 1:1 (NETMAP) and machines with the same LAN (192.168.0.0/24
 * everywhere) stay apart. The taken subnets are kept sorted, so finding a free one jumps over taken blocks instead of
 * testing every candidate against every device. When nothing fits, the caller grows the pool and {@link #add}s the
 * new block.
 */
public final class VirtualSubnets {

    /** The pool's blocks, by address. */
    private final List<Ipv4Subnet> blocks = new ArrayList<>();
    /** network → broadcast of every taken subnet; they never overlap. */
    private final TreeMap<Long, Long> taken = new TreeMap<>();
    private long cursor;

    /** An allocator over one block with {@code taken} already in use. */
    public VirtualSubnets(Ipv4Subnet pool, Collection<Ipv4Subnet> taken) {
        this(List.of(pool), taken);
    }

    /** An allocator over the pool's {@code blocks} with {@code taken} already in use. */
    public VirtualSubnets(List<Ipv4Subnet> blocks, Collection<Ipv4Subnet> taken) {
        blocks.forEach(this::add);
        this.cursor = this.blocks.isEmpty() ? 0 : this.blocks.get(0).network();
        taken.forEach(t -> this.taken.put(t.network(), t.broadcast()));
    }

    /** The first subnet of {@code lanPrefix} in {@code pool} that overlaps none of {@code taken}. */
    public static Optional<Ipv4Subnet> allocate(Ipv4Subnet pool, int lanPrefix, Collection<Ipv4Subnet> taken) {
        return new VirtualSubnets(pool, taken).next(lanPrefix);
    }

    /** A block the pool grew by: the next {@link #next} looks there too. */
    public void add(Ipv4Subnet block) {
        blocks.add(block);
        blocks.sort(Comparator.comparingLong(Ipv4Subnet::network));
    }

    /**
     * The next free subnet of {@code lanPrefix} after the one given before (wrapping to the pool's start once), now
     * taken: for many devices at once (an import) without scanning from the start each time.
     */
    public Optional<Ipv4Subnet> next(int lanPrefix) {
        Optional<Ipv4Subnet> found = firstFree(lanPrefix, cursor);
        if (found.isEmpty()) {
            found = firstFree(lanPrefix, 0);
        }
        found.ifPresent(s -> {
            taken.put(s.network(), s.broadcast());
            cursor = s.broadcast() + 1;
        });
        return found;
    }

    /** The first free subnet at or after {@code from}, block by block. */
    private Optional<Ipv4Subnet> firstFree(int lanPrefix, long from) {
        for (Ipv4Subnet block : blocks) {
            if (block.broadcast() < from || lanPrefix < block.prefix()) {
                continue;
            }
            Optional<Ipv4Subnet> found = firstFree(block, lanPrefix, Math.max(from, block.network()));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<Ipv4Subnet> firstFree(Ipv4Subnet block, int lanPrefix, long from) {
        long step = 1L << (32 - lanPrefix);
        long candidate = alignUp(from, step);
        while (candidate + step - 1 <= block.broadcast()) {
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
