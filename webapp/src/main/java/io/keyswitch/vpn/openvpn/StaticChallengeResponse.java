package io.keyswitch.vpn.openvpn;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A technician's password and authenticator code, as OpenVPN's {@code static-challenge} sends them in the password
 * field: {@code SCRV1:base64(password):base64(response)}. {@link #toString()} shows neither.
 */
public record StaticChallengeResponse(String password, String response) {

    private static final String PREFIX = "SCRV1:";

    /** Empty when the field is not in {@code SCRV1} form or its base64 is broken. */
    public static Optional<StaticChallengeResponse> parse(String field) {
        if (field == null || !field.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = field.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            return Optional.of(new StaticChallengeResponse(
                    new String(base64.decode(parts[0]), StandardCharsets.UTF_8),
                    new String(base64.decode(parts[1]), StandardCharsets.UTF_8).strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "StaticChallengeResponse[***]";
    }
}
