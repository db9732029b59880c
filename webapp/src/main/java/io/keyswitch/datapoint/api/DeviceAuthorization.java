package io.keyswitch.datapoint.api;

import io.keyswitch.platform.Utf8;
import java.util.Base64;
import java.util.Optional;

/**
 * A device's credentials as a report carries them: {@code Authorization: Basic base64(identity:secret)}, or
 * {@code Authorization: Bearer <secret>} with the identity in the body's {@code device} field (for routers that can
 * set a bearer token but not a user name). Anything else is no credentials.
 *
 * @param identity the device's identity ({@code device-42}), the VPN user name
 */
public record DeviceAuthorization(String identity, String secret) {

    /** Longer headers are not read: a device secret is 32 characters, an identity about 25. */
    static final int MAX_HEADER = 512;

    /**
     * @param header         the {@code Authorization} header, or {@code null}
     * @param deviceInBody   the body's {@code device} field, or {@code null}
     * @return the credentials, or empty when the header is missing, of another scheme, not decodable, or a bearer
     *     token without a device named in the body
     */
    public static Optional<DeviceAuthorization> parse(String header, String deviceInBody) {
        if (header == null || header.length() > MAX_HEADER) {
            return Optional.empty();
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String pair;
            try {
                pair = Utf8.decode(Base64.getDecoder().decode(header.substring(6).strip()));
            } catch (IllegalArgumentException | Utf8.Invalid e) {
                return Optional.empty();
            }
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new DeviceAuthorization(pair.substring(0, colon), pair.substring(colon + 1)));
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String secret = header.substring(7).strip();
            if (secret.isEmpty() || deviceInBody == null || deviceInBody.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new DeviceAuthorization(deviceInBody.strip(), secret));
        }
        return Optional.empty();
    }
}
