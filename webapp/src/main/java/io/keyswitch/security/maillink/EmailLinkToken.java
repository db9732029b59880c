package io.keyswitch.security.maillink;

import java.time.Instant;

/**
 * A freshly issued token, to be put into the link mailed to the user, e.g.
 * {@code https://portal.example/login/mail?token=…}. It exists in clear only here: the store
 * keeps its hash. {@link #toString()} hides it.
 *
 * @param token 43 characters of URL-safe Base64 (256 random bits), safe in a URL as is
 * @param expiresAt after this instant the link no longer works
 */
public record EmailLinkToken(String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "EmailLinkToken[redacted, expires " + expiresAt + "]";
    }
}
