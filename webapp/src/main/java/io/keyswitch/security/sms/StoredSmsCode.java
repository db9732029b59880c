package io.keyswitch.security.sms;

import java.time.Instant;

/**
 * An SMS login code as stored: never the code, only its hash.
 *
 * @param userId whose code
 * @param codeHash {@link SmsCodes#hash(String, String)} of the code
 * @param issuedAt when it was sent
 * @param expiresAt until when it is accepted
 * @param attemptsLeft how many more tries it allows, wrong ones included
 */
public record StoredSmsCode(String userId, String codeHash, Instant issuedAt, Instant expiresAt, int attemptsLeft) {
}
