package io.keyswitch.jail;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Parses IP address literals without ever asking DNS ({@link InetAddress#getByName} resolves
 * anything that is not a literal, which must not happen on the login path).
 */
public final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAddresses() {
    }

    /**
     * The address a literal names. An IPv6 zone ({@code %eth0}) and brackets are dropped; an
     * IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) comes back as the IPv4 address.
     *
     * @throws IllegalArgumentException if the text is not an IPv4 or IPv6 literal
     */
    static InetAddress parse(String literal) {
        if (literal == null) {
            throw new IllegalArgumentException("No address given");
        }
        String text = literal.trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        boolean v4 = IPV4.matcher(text).matches();
        boolean v6 = !v4 && text.indexOf(':') >= 0 && IPV6.matcher(text).matches();
        if (!v4 && !v6) {
            throw new IllegalArgumentException("Not an IP address literal: " + abbreviate(literal));
        }
        try {
            // Safe: a dotted quad or a text with ':' is parsed as a literal, never resolved.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address literal: " + abbreviate(literal), e);
        }
    }

    /** The address with all bits after the first {@code prefixLength} set to zero. */
    static InetAddress mask(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        for (int bit = prefixLength; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The address as the jail counts it: an IPv4 address as it is, an IPv6 address as its network of
     * {@code ipv6PrefixLength} bits ({@code 2001:db8:0:1:0:0:0:0/64}).
     *
     * @throws IllegalArgumentException if the text is not an IP literal
     */
    public static String subject(String literal, int ipv6PrefixLength) {
        InetAddress address = parse(literal);
        return isIpv6(address) && ipv6PrefixLength < 128
                ? mask(address, ipv6PrefixLength).getHostAddress() + "/" + ipv6PrefixLength : address.getHostAddress();
    }

    static boolean isIpv6(InetAddress address) {
        return address instanceof Inet6Address;
    }

    private static String abbreviate(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
    }
}
