package io.keyswitch.jail;

import java.net.InetAddress;

/**
 * A range of IPv4 or IPv6 addresses in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32});
 * a bare address is a range of one.
 */
public final class AddressRange {

    private final InetAddress network;
    private final int prefixLength;

    private AddressRange(InetAddress network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses CIDR notation. Host bits after the prefix are ignored ({@code 10.1.2.3/8} is
     * {@code 10.0.0.0/8}).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static AddressRange parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        InetAddress address = IpAddresses.parse(slash < 0 ? text : text.substring(0, slash));
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("Bad prefix length in address range " + text);
            }
            prefix = Integer.parseInt(length);
        }
        return new AddressRange(IpAddresses.mask(address, prefix), prefix);
    }

    /** Whether the address lies in the range (an IPv4 address is never in an IPv6 range). */
    public boolean contains(InetAddress address) {
        if (address.getAddress().length != network.getAddress().length) {
            return false;
        }
        return IpAddresses.mask(address, prefixLength).equals(network);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange that && prefixLength == that.prefixLength && network.equals(that.network);
    }

    @Override
    public int hashCode() {
        return network.hashCode() * 31 + prefixLength;
    }

    /** CIDR notation, e.g. {@code 10.0.0.0/8}. */
    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
