package io.keyswitch.vpn.openvpn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sanitized environment OpenVPN sends with a {@code >CLIENT:} notification
 * ({@code common_name}, {@code untrusted_ip}, {@code username}, {@code password}, ...).
 * Its {@link #toString()} never shows secrets.
 */
public final class ClientEnvironment {

    static final int MAX_VALUE_LENGTH = 1024;
    static final int MAX_VARIABLES = 256;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(pass|secret|token|session_id).*");

    private final Map<String, String> variables;

    private ClientEnvironment(Map<String, String> variables) {
        this.variables = Collections.unmodifiableMap(variables);
    }

    public static ClientEnvironment of(Map<String, String> variables) {
        Builder builder = new Builder();
        variables.forEach(builder::put);
        return builder.build();
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(variables.get(key));
    }

    /** The certificate's common name (already verified against the CA by OpenVPN). */
    public Optional<String> commonName() {
        return get("common_name").or(() -> get("X509_0_CN"));
    }

    public Optional<String> username() {
        return get("username");
    }

    /** The password as the client sent it; for a technician it is in {@code SCRV1:} form. Never log it. */
    public Optional<String> password() {
        return get("password");
    }

    /** The client's public address before authentication ({@code untrusted_ip}), or after it ({@code trusted_ip}). */
    public Optional<String> remoteAddress() {
        return get("untrusted_ip").or(() -> get("trusted_ip"));
    }

    public Optional<String> virtualAddress() {
        return get("ifconfig_pool_remote_ip");
    }

    public Optional<Long> number(String key) {
        return get(key).flatMap(value -> {
            try {
                return Optional.of(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public Map<String, String> asMap() {
        return variables;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        variables.forEach((key, value) -> {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(key).append('=').append(SECRET_KEY.matcher(key).matches() ? "***" : value);
        });
        return text.append('}').toString();
    }

    static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    /** Collects variables, dropping bad keys, control characters and excess length. */
    static final class Builder {
        private final Map<String, String> variables = new LinkedHashMap<>();
        private int rejected;

        /** Returns false when the variable was rejected (bad key, or too many variables). */
        boolean put(String key, String value) {
            if (!KEY.matcher(key).matches() || variables.size() >= MAX_VARIABLES) {
                rejected++;
                return false;
            }
            variables.put(key, sanitize(value));
            return true;
        }

        int rejected() {
            return rejected;
        }

        ClientEnvironment build() {
            return new ClientEnvironment(new LinkedHashMap<>(variables));
        }
    }

    static String sanitize(String value) {
        return sanitize(value, false);
    }

    /** Drops control characters (except tabs when asked) and cuts the value to {@link #MAX_VALUE_LENGTH}. */
    static String sanitize(String value, boolean keepTabs) {
        StringBuilder clean = new StringBuilder(Math.min(value.length(), MAX_VALUE_LENGTH));
        for (int i = 0; i < value.length() && clean.length() < MAX_VALUE_LENGTH; i++) {
            char c = value.charAt(i);
            if ((c >= 0x20 || keepTabs && c == '\t') && c != 0x7f && c != '\uFFFD') {
                clean.append(c);
            }
        }
        return clean.toString();
    }
}
