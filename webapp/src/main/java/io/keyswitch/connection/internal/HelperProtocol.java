package io.keyswitch.connection.internal;

import io.keyswitch.connection.Firewall;
import io.keyswitch.connection.FirewallException;
import io.keyswitch.connection.FirewallRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The firewall helper's line grammar, as the portal writes requests and reads answers (the helper's own parser is
 * {@code appliance/rootfs/usr/local/libexec/keyswitch/keyswitch-firewall}). Requests group rules by interface and
 * technician: {@code ADD ks3 10.128.0.6 100.64.3.10/tcp/102 100.64.3.11/icmp}.
 */
final class HelperProtocol {

    private static final Pattern ROW = Pattern.compile("R (ks[0-9]{1,13}) ([0-9.]{7,15}) ([0-9.]{7,15})/(tcp|udp|icmp)"
            + "(?:/([0-9]{1,5})(?:-([0-9]{1,5}))?)? ([0-9]{1,19}) ([0-9]{1,19})");

    private HelperProtocol() {
    }

    /** {@code ADD}/{@code DEL} requests, one per (interface, technician) the rules name. */
    static List<String> requests(String verb, List<FirewallRule> rules) {
        Map<String, StringBuilder> byHead = new LinkedHashMap<>();
        for (FirewallRule rule : rules) {
            byHead.computeIfAbsent(verb + " " + rule.device() + " " + rule.technician(), StringBuilder::new)
                    .append(' ').append(rule.target());
        }
        return byHead.values().stream().map(StringBuilder::toString).toList();
    }

    /** The words after {@code OK}, or the helper's reason as an exception. */
    static String[] ok(String last) throws FirewallException {
        if (last == null) {
            throw new FirewallException("the firewall helper closed the connection");
        }
        if (last.startsWith("ERR ")) {
            throw new FirewallException("the firewall helper refused: " + last.substring(4));
        }
        if (!last.equals("OK") && !last.startsWith("OK ")) {
            throw new FirewallException("the firewall helper answered something unexpected: " + abbreviate(last));
        }
        return last.length() > 3 ? last.substring(3).split(" ") : new String[0];
    }

    /** {@code OK <removed> <bytes to device> <bytes from device>}. */
    static Firewall.Counted removed(String last) throws FirewallException {
        String[] words = ok(last);
        if (words.length != 3) {
            throw new FirewallException("the firewall helper's DEL answer has no byte counts: " + abbreviate(last));
        }
        return new Firewall.Counted(number(words[1]), number(words[2]));
    }

    /** The {@code R …} rows of a {@code LIST} answer (the last line is {@code OK <n>}). */
    static List<Firewall.CountedRule> rows(List<String> lines) throws FirewallException {
        ok(lines.isEmpty() ? null : lines.get(lines.size() - 1));
        List<Firewall.CountedRule> rules = new ArrayList<>();
        for (String line : lines.subList(0, lines.size() - 1)) {
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                throw new FirewallException("the firewall helper listed a row that is not a rule: " + abbreviate(line));
            }
            boolean icmp = m.group(4).equals("icmp");
            int from = icmp ? 0 : Integer.parseInt(m.group(5));
            int to = icmp ? 0 : m.group(6) == null ? from : Integer.parseInt(m.group(6));
            try {
                rules.add(new Firewall.CountedRule(new FirewallRule(m.group(1), m.group(2), m.group(3), m.group(4), from, to),
                        new Firewall.Counted(number(m.group(7)), number(m.group(8)))));
            } catch (IllegalArgumentException e) {
                throw new FirewallException("the firewall helper listed a rule the portal cannot read: " + abbreviate(line), e);
            }
        }
        return rules;
    }

    private static long number(String text) throws FirewallException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new FirewallException("not a number in the firewall helper's answer: " + abbreviate(text));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
