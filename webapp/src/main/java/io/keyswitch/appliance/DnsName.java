package io.keyswitch.appliance;

import io.keyswitch.platform.ValidationFailed;
import java.util.Locale;
import java.util.regex.Pattern;

/** The DNS name the appliance is reached by: checked once here, for the wizard and the settings page. */
public final class DnsName {

    /** Labels of letters, digits and hyphens (RFC 1123), at least two, the last not all digits. */
    private static final Pattern NAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    private DnsName() {
    }

    /**
     * The name in lower case, without a trailing dot.
     *
     * @throws ValidationFailed under {@code field} when it is not a fully qualified host name
     */
    public static String check(String input, String field) {
        String name = input == null ? "" : input.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            throw ValidationFailed.of(field, "Please enter the DNS name people and devices reach the appliance by, e.g. remote.example.com.");
        }
        if (name.matches("[0-9.]+") || name.contains(":")) {
            throw ValidationFailed.of(field, "Please enter a DNS name, not an IP address: certificates, profiles and e-mail links use the name.");
        }
        if (name.contains("*")) {
            throw ValidationFailed.of(field, "A wildcard is not a host name; enter the one name of this appliance.");
        }
        if (!name.contains(".")) {
            throw ValidationFailed.of(field, "Please enter the full name with its domain, e.g. " + name + ".example.com.");
        }
        if (!NAME.matcher(name).matches()) {
            throw ValidationFailed.of(field, "This is not a valid DNS name: use letters, digits and hyphens in labels separated by dots "
                    + "(a label neither starts nor ends with a hyphen and has at most 63 characters).");
        }
        return name;
    }
}
