package io.keyswitch.device;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The protocols and ports a component may be reached on, written as {@code tcp/102, tcp/502, udp/161},
 * with a range {@code tcp/8000-8010}, or {@code icmp} (ping and its errors; no port).
 */
public record ServiceList(List<Service> services) {

    /** ICMP has no ports: its service is written {@code icmp}, held with port 0. */
    public static final String ICMP = "icmp";

    /** One protocol with a port or a range of ports ({@code icmp}: port 0). */
    public record Service(String protocol, int fromPort, int toPort) {
        public boolean icmp() {
            return ICMP.equals(protocol);
        }

        @Override
        public String toString() {
            if (icmp()) {
                return ICMP;
            }
            return protocol + "/" + (fromPort == toPort ? Integer.toString(fromPort) : fromPort + "-" + toPort);
        }
    }

    /** A parse result: the list, or every problem found, each in plain words. */
    public record Parsed(ServiceList list, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public static Parsed parse(String text) {
        List<String> errors = new ArrayList<>();
        Set<Service> services = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            errors.add("Name at least one protocol and port, such as tcp/102.");
            return new Parsed(null, errors);
        }
        for (String raw : text.split(",")) {
            String item = raw.strip().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) {
                continue;
            }
            if (item.equals(ICMP)) {
                services.add(new Service(ICMP, 0, 0));
                continue;
            }
            String[] pp = item.split("/", -1);
            if (pp.length != 2 || !(pp[0].equals("tcp") || pp[0].equals("udp"))) {
                errors.add("'" + raw.strip() + "' is not protocol/port, such as tcp/502 or udp/161, or icmp.");
                continue;
            }
            String[] range = pp[1].split("-", -1);
            Integer from = port(range[0]);
            Integer to = range.length == 2 ? port(range[1]) : from;
            if (range.length > 2 || from == null || to == null) {
                errors.add("'" + raw.strip() + "': ports are numbers from 1 to 65535.");
            } else if (to < from) {
                errors.add("'" + raw.strip() + "': a range goes from the lower port to the higher.");
            } else {
                services.add(new Service(pp[0], from, to));
            }
        }
        if (services.isEmpty() && errors.isEmpty()) {
            errors.add("Name at least one protocol and port, such as tcp/102.");
        }
        return errors.isEmpty() ? new Parsed(new ServiceList(List.copyOf(services)), errors) : new Parsed(null, errors);
    }

    private static Integer port(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int p = Integer.parseInt(s);
        return p >= 1 && p <= 65535 ? p : null;
    }

    /**
     * The same services with overlapping or touching port ranges of one protocol merged, by protocol and port: what a
     * firewall rule set of intervals can hold ({@code tcp/80, tcp/79-81, tcp/82} → {@code tcp/79-82}).
     */
    public List<Service> merged() {
        List<Service> sorted = new ArrayList<>(services);
        sorted.sort(Comparator.comparing(Service::protocol).thenComparingInt(Service::fromPort));
        List<Service> out = new ArrayList<>();
        for (Service s : sorted) {
            Service last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.protocol().equals(s.protocol()) && s.fromPort() <= last.toPort() + 1) {
                out.set(out.size() - 1, new Service(last.protocol(), last.fromPort(), Math.max(last.toPort(), s.toPort())));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return services.stream().map(Service::toString).collect(Collectors.joining(", "));
    }
}
