package io.keyswitch.account;

import io.keyswitch.platform.Ipv4Subnet;
import java.util.Collection;
import java.util.Optional;

/**
 * The rules for accounts' virtual pools, without the database: each account's devices are routed into its own
 * OpenVPN instance by the pool, so no two pools may overlap, and none may overlap the VPN's tunnel addresses.
 *
 * @param space  where pools are suggested from (default {@code 100.64.0.0/10}, the shared address space)
 * @param prefix the size of a suggested pool (default /16: 256 device LANs of /24)
 * @param tunnel the VPN's tunnel pool ({@code keyswitch.vpn.tunnel-pool}), which no pool may touch
 */
public record PoolAllocator(Ipv4Subnet space, int prefix, Ipv4Subnet tunnel) {

    /** The largest pool an account may have (a /8) and the smallest (a /24: one device LAN of /24). */
    public static final int WIDEST = 8;
    public static final int NARROWEST = 24;

    public PoolAllocator {
        if (prefix < Math.max(WIDEST, space.prefix()) || prefix > NARROWEST) {
            throw new IllegalArgumentException("pool prefix must be from /" + Math.max(WIDEST, space.prefix()) + " to /"
                    + NARROWEST + " inside " + space);
        }
    }

    /** The first block of this allocator's size in its space that overlaps none of {@code taken} nor the tunnel pool. */
    public Optional<Ipv4Subnet> suggest(Collection<Ipv4Subnet> taken) {
        long step = 1L << (32 - prefix);
        for (long candidate = space.network(); candidate + step - 1 <= space.broadcast(); candidate += step) {
            Ipv4Subnet block = new Ipv4Subnet(candidate, prefix);
            Optional<Ipv4Subnet> blocker = taken.stream().filter(block::overlaps).findFirst();
            if (blocker.isEmpty() && !block.overlaps(tunnel)) {
                return Optional.of(block);
            }
            if (blocker.isPresent() && blocker.get().broadcast() > candidate + step - 1) {
                // jump over a wide neighbour instead of testing each block inside it
                candidate = blocker.get().broadcast() + 1 - step;
            }
        }
        return Optional.empty();
    }

    /** What is wrong with {@code pool} for an account, given the other accounts' pools by name; empty when it is usable. */
    public Optional<String> problem(Ipv4Subnet pool, java.util.Map<String, Ipv4Subnet> others) {
        if (pool.prefix() < WIDEST || pool.prefix() > NARROWEST) {
            return Optional.of("A virtual pool must be from /" + WIDEST + " to /" + NARROWEST + ".");
        }
        if (pool.overlaps(tunnel)) {
            return Optional.of("It overlaps the VPN's tunnel addresses " + tunnel + ".");
        }
        return others.entrySet().stream().filter(e -> pool.overlaps(e.getValue())).findFirst()
                .map(e -> "It overlaps the virtual pool " + e.getValue() + " of account '" + e.getKey() + "'.");
    }
}
