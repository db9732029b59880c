package io.keyswitch.vpn.openvpn;

import java.util.regex.Pattern;

/**
 * Builds the per-client config lines sent with {@code client-auth}: only validated addresses go in, so nothing a
 * user typed can add a directive or end the block early.
 */
public final class ClientConfigLines {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9 ._\\-\"/:]{1,256}");

    private ClientConfigLines() {
    }

    /** The client's tunnel address and the subnet's netmask ({@code topology subnet}). */
    public static String ifconfigPush(String address, String netmask) {
        return "ifconfig-push " + ipv4(address) + " " + ipv4(netmask);
    }

    /** Routes a subnet behind this client (a device's virtual LAN subnet) to it inside the server. */
    public static String iroute(String network, String netmask) {
        return "iroute " + ipv4(network) + " " + ipv4(netmask);
    }

    /** Pushes a route to the client (e.g. a device's virtual subnet to a technician). */
    public static String pushRoute(String network, String netmask) {
        return "push \"route " + ipv4(network) + " " + ipv4(netmask) + "\"";
    }

    static String ipv4(String value) {
        if (value == null || !IPV4.matcher(value).matches()) {
            throw new IllegalArgumentException("not an IPv4 address: " + value);
        }
        return value;
    }

    /** Rejects a line that could break the {@code client-auth} block (newlines, control characters, a bare END). */
    static void requireSafe(String line) {
        if (line == null || !SAFE.matcher(line).matches() || line.strip().equals("END")) {
            throw new IllegalArgumentException("unsafe client config line");
        }
    }
}
