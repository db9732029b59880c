package io.keyswitch.vpn.openvpn;

import java.util.List;

/** What a {@link ClientAuthenticator} decided: allow with per-client config lines, or deny with a reason. */
public sealed interface AuthDecision {

    /** Allow; the lines (e.g. from {@link ClientConfigLines}) become the client's config, sent with {@code client-auth}. */
    record Allow(List<String> configLines) implements AuthDecision {
        public Allow {
            configLines = List.copyOf(configLines);
            configLines.forEach(ClientConfigLines::requireSafe);
        }
    }

    /**
     * Deny. {@code reason} goes to the server log (and the audit trail); {@code clientReason}, if not null, is sent
     * to the client after {@code AUTH_FAILED}. Keep the client reason vague: it reaches whoever tried.
     */
    record Deny(String reason, String clientReason) implements AuthDecision {
    }

    static AuthDecision allow(List<String> configLines) {
        return new Allow(configLines);
    }

    static AuthDecision deny(String reason) {
        return new Deny(reason, null);
    }

    static AuthDecision deny(String reason, String clientReason) {
        return new Deny(reason, clientReason);
    }
}
