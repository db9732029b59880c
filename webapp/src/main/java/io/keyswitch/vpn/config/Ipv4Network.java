package io.keyswitch.vpn.config;

import java.util.regex.Pattern;

/** An IPv4 network as OpenVPN writes it: address and dotted netmask, e.g. {@code 10.8.0.0 255.255.255.0}. */
public record Ipv4Network(String address, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    public Ipv4Network {
        if (address == null || !IPV4.matcher(address).matches() || prefixLength < 8 || prefixLength > 30) {
            throw new IllegalArgumentException("not an IPv4 network (prefix 8..30): " + address + "/" + prefixLength);
        }
        if ((toInt(address) & ~mask(prefixLength)) != 0) {
            throw new IllegalArgumentException("host bits set in " + address + "/" + prefixLength);
        }
    }

    /** Parses {@code a.b.c.d/n}. */
    public static Ipv4Network parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not CIDR: " + cidr);
        }
        return new Ipv4Network(cidr.substring(0, slash), Integer.parseInt(cidr.substring(slash + 1)));
    }

    public String netmask() {
        return toText(mask(prefixLength));
    }

    /** The n-th address of the network (1 is the first host). */
    public String host(int n) {
        if (n < 1 || n >= (1L << (32 - prefixLength)) - 1) {
            throw new IllegalArgumentException("host " + n + " outside " + this);
        }
        return toText(toInt(address) + n);
    }

    /** How many subnets of {@code prefix} bits this network holds. */
    public long subnetCount(int prefix) {
        if (prefix < prefixLength) {
            throw new IllegalArgumentException("a /" + prefix + " does not fit in " + this);
        }
        return 1L << (prefix - prefixLength);
    }

    /** The {@code index}-th subnet of {@code prefix} bits in this network (0 is the first). */
    public Ipv4Network subnet(int prefix, long index) {
        if (index < 0 || index >= subnetCount(prefix)) {
            throw new IllegalArgumentException("subnet " + index + " of /" + prefix + " outside " + this);
        }
        return new Ipv4Network(toText((int) (toInt(address) + (index << (32 - prefix)))), prefix);
    }

    /** Whether {@code other} lies wholly inside this network. */
    public boolean covers(Ipv4Network other) {
        return other.prefixLength >= prefixLength && (toInt(other.address) & mask(prefixLength)) == toInt(address);
    }

    /** {@code address netmask}, as OpenVPN's directives take it. */
    public String openvpn() {
        return address + " " + netmask();
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    private static int toInt(String address) {
        int value = 0;
        for (String part : address.split("\\.")) {
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }

    private static String toText(int value) {
        return (value >>> 24 & 0xff) + "." + (value >>> 16 & 0xff) + "." + (value >>> 8 & 0xff) + "." + (value & 0xff);
    }
}
