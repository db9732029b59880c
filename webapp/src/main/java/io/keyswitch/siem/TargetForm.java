package io.keyswitch.siem;

import io.keyswitch.platform.Text;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.siem.syslog.Transport;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A syslog target as a person or a program sends it. {@link #check()} says per field what is wrong, or gives the
 * checked target. Who may make a target of which scope is {@link SyslogTargets}' to check.
 *
 * @param scope     {@code APPLIANCE} (every account's events; system administrators) or {@code ACCOUNT} (the
 *                  actor's account's own events); blank: {@code ACCOUNT}. Only read when the target is made.
 * @param transport {@code UDP}, {@code TCP} or {@code TLS}
 * @param caPem     for TLS: the CA certificates (PEM) the server's certificate must chain to; ignored otherwise
 * @param enabled   blank: yes
 */
public record TargetForm(String name, String scope, String host, Integer port, String transport, String caPem,
                         Boolean enabled) {

    /** The largest CA text taken, in characters (a few certificates). */
    static final int MAX_CA_PEM = 64_000;

    /** A DNS name (labels of letters, digits and hyphens) or an IPv4 address; an IPv6 address is checked apart. */
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** The scope of a target. */
    public enum Scope {
        APPLIANCE, ACCOUNT
    }

    public record Checked(String name, Scope scope, String host, int port, Transport transport, String caPem,
                          boolean enabled) {
    }

    /** @throws ValidationFailed naming each wrong field */
    public Checked check() {
        Map<String, String> errors = new LinkedHashMap<>();
        String n = Text.oneLine(errors, "name", "The name", name, 100);
        if (n == null) {
            errors.putIfAbsent("name", "Please name the target (e.g. the SIEM's name).");
        }
        Scope s = Scope.ACCOUNT;
        if (scope != null && !scope.isBlank()) {
            try {
                s = Scope.valueOf(scope.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("scope", "The scope is APPLIANCE (every account's events) or ACCOUNT (this account's).");
            }
        }
        String h = Text.oneLine(errors, "host", "The host", host, 253);
        if (h == null) {
            errors.putIfAbsent("host", "Please enter the syslog server's host name or address.");
        } else if (!HOST.matcher(h).matches() && !(h.contains(":") && IPV6.matcher(h).matches())) {
            errors.put("host", "Not a host name or address: letters, digits, hyphens and dots (or an IPv6 address).");
        }
        if (port == null) {
            errors.put("port", "Please enter the port (514 for UDP and TCP, 6514 for TLS).");
        } else if (port < 1 || port > 65535) {
            errors.put("port", "The port must be between 1 and 65535.");
        }
        Transport t = null;
        if (transport == null || transport.isBlank()) {
            errors.put("transport", "Please choose the transport: UDP, TCP or TLS.");
        } else {
            try {
                t = Transport.valueOf(transport.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("transport", "The transport is UDP, TCP or TLS.");
            }
        }
        String ca = null;
        // checked as text whatever the transport (a UDP or TCP target keeps none, but nothing malformed is taken)
        String pem = Text.multiLine(errors, "caPem", "The CA certificate", caPem, MAX_CA_PEM);
        if (t == Transport.TLS && !errors.containsKey("caPem")) {
            if (pem == null) {
                errors.put("caPem", "TLS needs the CA certificate (PEM) that signed the syslog server's certificate.");
            } else {
                try {
                    CaCertificates.read(caPem);
                    ca = caPem.strip() + "\n";
                } catch (IllegalArgumentException e) {
                    errors.put("caPem", e.getMessage());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return new Checked(n, s, h, port, t, ca, enabled == null || enabled);
    }
}
