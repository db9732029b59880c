package io.keyswitch.device;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The protocols and ports a component may be reached on, written as {@code tcp/102, tcp/502, udp/161}
 * or with a range {@code tcp/8000-8010}.
 */
public record ServiceList(List<Service> services) {

    /** One protocol with a port or a range of ports. */
    public record Service(String protocol, int fromPort, int toPort) {
        @Override
        public String toString() {
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
            String[] pp = item.split("/", -1);
            if (pp.length != 2 || !(pp[0].equals("tcp") || pp[0].equals("udp"))) {
                errors.add("'" + raw.strip() + "' is not protocol/port, such as tcp/502 or udp/161.");
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

    @Override
    public String toString() {
        return services.stream().map(Service::toString).collect(Collectors.joining(", "));
    }
}
