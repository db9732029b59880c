package io.keyswitch.account;

import io.keyswitch.platform.Ipv4Subnet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rules for accounts' virtual pools, without the database: each account's devices are routed into its own
 * OpenVPN instance by its pool's blocks, so no two accounts' blocks may overlap, and none may overlap the VPN's tunnel
 * addresses. Blocks are handed out from the ranges of the space in the order given (the first range is filled before
 * the next is used), each aligned to its size.
 *
 * @param space  the ranges blocks come from (default {@code 100.64.0.0/10, 10.0.0.0/9}: 49,152 device /24s), in the
 *               order they are used; they overlap neither each other nor the tunnel pool
 * @param prefix the size of a block (default /16: 256 device LANs of /24)
 * @param tunnel the VPN's tunnel pool ({@code keyswitch.vpn.tunnel-pool}), which no block may touch
 */
public record PoolAllocator(List<Ipv4Subnet> space, int prefix, Ipv4Subnet tunnel) {

    /** The widest block an account may have (a /8) and the narrowest (a /24: one device LAN of /24). */
    public static final int WIDEST = 8;
    public static final int NARROWEST = 24;

    /** The setting the space is read from, named in every refusal of it. */
    public static final String SPACE_KEY = "keyswitch.accounts.virtual-space";

    public PoolAllocator {
        space = List.copyOf(space);
        if (space.isEmpty()) {
            throw new IllegalArgumentException(SPACE_KEY + ": name at least one range, such as 100.64.0.0/10");
        }
        for (int i = 0; i < space.size(); i++) {
            Ipv4Subnet range = space.get(i);
            if (range.overlaps(tunnel)) {
                throw new IllegalArgumentException(SPACE_KEY + ": " + range + " overlaps the VPN's tunnel pool " + tunnel
                        + " (keyswitch.vpn.tunnel-pool); choose ranges outside it");
            }
            for (int j = 0; j < i; j++) {
                if (range.overlaps(space.get(j))) {
                    throw new IllegalArgumentException(SPACE_KEY + ": " + range + " overlaps " + space.get(j)
                            + "; name each range once");
                }
            }
        }
        int widestAllowed = Math.max(WIDEST, space.stream().mapToInt(Ipv4Subnet::prefix).max().orElseThrow());
        if (prefix < widestAllowed || prefix > NARROWEST) {
            throw new IllegalArgumentException("keyswitch.accounts.pool-prefix: a block must be from /" + widestAllowed
                    + " to /" + NARROWEST + " to fit in every range of " + SPACE_KEY + " (" + describe(space) + ")");
        }
    }

    /** An allocator over one range (as before the space had several). */
    public PoolAllocator(Ipv4Subnet space, int prefix, Ipv4Subnet tunnel) {
        this(List.of(space), prefix, tunnel);
    }

    /** How many device LANs of {@code lanPrefix} the whole space holds. */
    public long capacity(int lanPrefix) {
        return space.stream().mapToLong(r -> r.prefix() > lanPrefix ? 0 : 1L << (lanPrefix - r.prefix())).sum();
    }

    /** The first block of this allocator's size in the space that overlaps none of {@code taken} nor the tunnel pool. */
    public Optional<Ipv4Subnet> suggest(Collection<Ipv4Subnet> taken) {
        return suggest(taken, prefix);
    }

    /**
     * The first block of {@code blockPrefix} (at least {@link #WIDEST}) in the space, range by range, aligned to its
     * size, that overlaps none of {@code taken} nor the tunnel pool.
     */
    public Optional<Ipv4Subnet> suggest(Collection<Ipv4Subnet> taken, int blockPrefix) {
        if (blockPrefix < WIDEST || blockPrefix > Ipv4Subnet.MAX_PREFIX) {
            return Optional.empty();
        }
        TreeMap<Long, Long> used = disjoint(taken);
        long step = 1L << (32 - blockPrefix);
        for (Ipv4Subnet range : space) {
            if (range.prefix() > blockPrefix) {
                continue;
            }
            long candidate = range.network();
            while (candidate + step - 1 <= range.broadcast()) {
                // the last taken range starting at or before the block's end; earlier ones end before it starts
                Map.Entry<Long, Long> below = used.floorEntry(candidate + step - 1);
                if (below == null || below.getValue() < candidate) {
                    return Optional.of(new Ipv4Subnet(candidate, blockPrefix));
                }
                candidate = (below.getValue() + step) / step * step; // the next aligned block after it
            }
        }
        return Optional.empty();
    }

    /**
     * Start → end of everything taken and the tunnel pool, overlapping ranges joined (pools of accounts made before
     * pools were chosen per account may overlap), so a taken neighbour is jumped over, not tested block by block.
     */
    private TreeMap<Long, Long> disjoint(Collection<Ipv4Subnet> taken) {
        List<Ipv4Subnet> all = new ArrayList<>(taken);
        all.add(tunnel);
        all.sort(Comparator.comparingLong(Ipv4Subnet::network));
        TreeMap<Long, Long> used = new TreeMap<>();
        for (Ipv4Subnet t : all) {
            Map.Entry<Long, Long> last = used.lastEntry();
            if (last != null && t.network() <= last.getValue() + 1) {
                used.put(last.getKey(), Math.max(last.getValue(), t.broadcast()));
            } else {
                used.put(t.network(), t.broadcast());
            }
        }
        return used;
    }

    /**
     * What is wrong with {@code blocks} as an account's pool, given the other accounts' blocks by account name; empty
     * when they are usable. Each block from /{@value #WIDEST} to /{@value #NARROWEST}, none overlapping another, the
     * tunnel pool or another account's block.
     */
    public Optional<String> problem(List<Ipv4Subnet> blocks, Map<String, ? extends Collection<Ipv4Subnet>> others) {
        if (blocks.isEmpty()) {
            return Optional.of("Enter a pool such as 100.66.0.0/16 (several blocks separated by commas).");
        }
        List<Ipv4Subnet> seen = new ArrayList<>();
        for (Ipv4Subnet pool : blocks) {
            if (pool.prefix() < WIDEST || pool.prefix() > NARROWEST) {
                return Optional.of("A virtual pool must be from /" + WIDEST + " to /" + NARROWEST + ".");
            }
            if (pool.overlaps(tunnel)) {
                return Optional.of("It overlaps the VPN's tunnel addresses " + tunnel + ".");
            }
            Optional<Ipv4Subnet> twice = seen.stream().filter(pool::overlaps).findFirst();
            if (twice.isPresent()) {
                return Optional.of(pool + " overlaps " + twice.get() + " of the same pool.");
            }
            seen.add(pool);
            for (Map.Entry<String, ? extends Collection<Ipv4Subnet>> e : others.entrySet()) {
                Optional<Ipv4Subnet> other = e.getValue().stream().filter(pool::overlaps).findFirst();
                if (other.isPresent()) {
                    return Optional.of("It overlaps the virtual pool " + other.get() + " of account '" + e.getKey() + "'.");
                }
            }
        }
        return Optional.empty();
    }

    /** The one-block form callers used before pools had blocks. */
    public Optional<String> problem(Ipv4Subnet pool, Map<String, Ipv4Subnet> others) {
        Map<String, List<Ipv4Subnet>> lists = new java.util.LinkedHashMap<>();
        others.forEach((name, block) -> lists.put(name, List.of(block)));
        return problem(List.of(pool), lists);
    }

    /** "100.64.0.0/10, 10.0.0.0/9" */
    public static String describe(Collection<Ipv4Subnet> subnets) {
        return String.join(", ", subnets.stream().map(Ipv4Subnet::toString).toList());
    }

    /** The blocks sorted by address. */
    static List<Ipv4Subnet> sorted(Collection<Ipv4Subnet> blocks) {
        return blocks.stream().sorted(Comparator.comparingLong(Ipv4Subnet::network)).toList();
    }
}
