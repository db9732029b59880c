package io.keyswitch.platform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * An IPv4 subnet such as {@code 192.168.0.0/24}, always written with its network address.
 *
 * @param network the network address as an unsigned 32-bit value
 * @param prefix  the prefix length, 8 to 30 (a device LAN needs room for components)
 */
public record Ipv4Subnet(long network, int prefix) {

    public static final int MIN_PREFIX = 8;
    public static final int MAX_PREFIX = 30;

    public Ipv4Subnet {
        if (prefix < MIN_PREFIX || prefix > MAX_PREFIX) {
            throw new IllegalArgumentException("prefix must be " + MIN_PREFIX + " to " + MAX_PREFIX);
        }
        if ((network & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("not a network address for /" + prefix);
        }
    }

    /**
     * Reads {@code a.b.c.d/n}; the answer is empty with a message that says what is wrong.
     */
    public static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return Parsed.error("Enter a subnet such as 192.168.0.0/24.");
        }
        String s = text.strip();
        int slash = s.indexOf('/');
        if (slash < 0) {
            return Parsed.error("A subnet needs a prefix length, such as 192.168.0.0/24.");
        }
        Optional<Long> address = Ipv4Address.parse(s.substring(0, slash));
        if (address.isEmpty()) {
            return Parsed.error("'" + s.substring(0, slash) + "' is not an IPv4 address.");
        }
        int prefix;
        try {
            prefix = Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            return Parsed.error("The prefix length must be a number from " + MIN_PREFIX + " to " + MAX_PREFIX + ".");
        }
        if (prefix < MIN_PREFIX || prefix > MAX_PREFIX) {
            return Parsed.error("The prefix length must be from " + MIN_PREFIX + " to " + MAX_PREFIX + ".");
        }
        long network = address.get() & mask(prefix);
        if (network != address.get()) {
            return Parsed.error("Use the network address: " + Ipv4Address.format(network) + "/" + prefix + ".");
        }
        return new Parsed(new Ipv4Subnet(network, prefix), null);
    }

    /** A parse result: a subnet, or the message saying what is wrong. */
    public record Parsed(Ipv4Subnet subnet, String error) {
        static Parsed error(String message) {
            return new Parsed(null, message);
        }

        public boolean ok() {
            return subnet != null;
        }
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    public long broadcast() {
        return network + size() - 1;
    }

    /** Whether {@code address} is a host address inside this subnet (not the network or broadcast address). */
    public boolean containsHost(long address) {
        return address > network && address < broadcast();
    }

    public boolean overlaps(Ipv4Subnet other) {
        return network <= other.broadcast() && other.network <= broadcast();
    }

    public boolean contains(Ipv4Subnet other) {
        return other.network >= network && other.broadcast() <= broadcast();
    }

    /**
     * Where {@code address} of this subnet lands in {@code mapped}, a subnet of the same size, 1:1 (what a router's
     * NETMAP does): the host part stays, the network part is {@code mapped}'s.
     */
    public long map(long address, Ipv4Subnet mapped) {
        if (mapped.prefix != prefix || address < network || address > broadcast()) {
            throw new IllegalArgumentException(Ipv4Address.format(address) + " of " + this + " does not map onto " + mapped);
        }
        return mapped.network + (address - network);
    }

    /** {@link #map} for addresses and subnets written as text: where {@code address} of {@code from} lands in {@code to}. */
    public static String mapAddress(String address, String from, String to) {
        Ipv4Subnet source = parse(from).subnet();
        Ipv4Subnet target = parse(to).subnet();
        if (source == null || target == null) {
            throw new IllegalArgumentException("not subnets: " + from + ", " + to);
        }
        long a = Ipv4Address.parse(address).orElseThrow(() -> new IllegalArgumentException("not an IPv4 address: " + address));
        return Ipv4Address.format(source.map(a, target));
    }

    /**
     * The fewest subnets that cover exactly what {@code subnets} cover (what a routing table needs): subnets inside
     * another dropped, aligned neighbours of one size merged ({@code 100.64.0.0/16} and {@code 100.65.0.0/16} are
     * {@code 100.64.0.0/15}), sorted by address; never wider than /{@value #MIN_PREFIX}.
     */
    public static List<Ipv4Subnet> aggregate(Collection<Ipv4Subnet> subnets) {
        List<Ipv4Subnet> sorted = new ArrayList<>(subnets);
        sorted.sort(Comparator.comparingLong(Ipv4Subnet::network).thenComparingInt(Ipv4Subnet::prefix));
        Deque<Ipv4Subnet> merged = new ArrayDeque<>();
        for (Ipv4Subnet next : sorted) {
            if (!merged.isEmpty() && merged.peekLast().contains(next)) {
                continue;
            }
            merged.addLast(next);
            while (merged.size() > 1) {
                Ipv4Subnet high = merged.pollLast();
                Ipv4Subnet low = merged.peekLast();
                if (low.prefix == high.prefix && low.prefix > MIN_PREFIX && high.network == low.broadcast() + 1
                        && (low.network & mask(low.prefix - 1)) == low.network) {
                    merged.pollLast();
                    merged.addLast(new Ipv4Subnet(low.network, low.prefix - 1));
                } else {
                    merged.addLast(high);
                    break;
                }
            }
        }
        return List.copyOf(merged);
    }

    static long mask(int prefix) {
        return (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    @Override
    public String toString() {
        return Ipv4Address.format(network) + "/" + prefix;
    }
}
