package io.keyswitch.security.maillink;

import java.time.Instant;

/**
 * What the store keeps of an issued token.
 *
 * @param userId whose login the link completes
 * @param tokenHash hex SHA-256 of the token
 * @param expiresAt end of validity
 */
public record StoredEmailLink(String userId, String tokenHash, Instant expiresAt) {
}
