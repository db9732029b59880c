package io.keyswitch.connection;

import java.util.regex.Pattern;

/**
 * One rule of the appliance's forward path: the technician's tunnel address, coming in on the account's tun
 * interface, may reach the component's virtual address on one protocol and port range ({@code icmp}: no ports).
 * Replies of flows the technician opened pass on the same rule; nothing else passes.
 *
 * @param device    the account's tun interface, {@code ks<id>}
 * @param fromPort  0 for icmp
 * @param toPort    0 for icmp
 */
public record FirewallRule(String device, String technician, String component, String protocol, int fromPort,
                           int toPort) {

    private static final Pattern DEVICE = Pattern.compile("ks[0-9]{1,13}");
    private static final Pattern ADDRESS = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    public FirewallRule {
        if (device == null || !DEVICE.matcher(device).matches()) {
            throw new IllegalArgumentException("device must be ks<digits>: " + device);
        }
        if (technician == null || !ADDRESS.matcher(technician).matches() || component == null
                || !ADDRESS.matcher(component).matches()) {
            throw new IllegalArgumentException("addresses must be IPv4: " + technician + ", " + component);
        }
        switch (String.valueOf(protocol)) {
            case "icmp" -> {
                if (fromPort != 0 || toPort != 0) {
                    throw new IllegalArgumentException("icmp has no ports");
                }
            }
            case "tcp", "udp" -> {
                if (fromPort < 1 || toPort > 65535 || toPort < fromPort) {
                    throw new IllegalArgumentException("ports must be 1-65535, from <= to: " + fromPort + "-" + toPort);
                }
            }
            default -> throw new IllegalArgumentException("protocol must be tcp, udp or icmp: " + protocol);
        }
    }

    /** The rule as the helper's grammar writes it after device and technician: {@code 100.64.3.10/tcp/102}. */
    public String target() {
        if (protocol.equals("icmp")) {
            return component + "/icmp";
        }
        return component + "/" + protocol + "/" + (fromPort == toPort ? Integer.toString(fromPort) : fromPort + "-" + toPort);
    }

    @Override
    public String toString() {
        return device + " " + technician + " " + target();
    }
}
