package io.keyswitch.security.maillink;

import java.time.Instant;
import java.util.Optional;

/**
 * Keeps issued e-mail link tokens by their hash. The portal implements it on a table
 * (user id unique, token hash unique, expiry indexed).
 */
public interface EmailLinkTokenStore {

    /** Stores the link, replacing any earlier link of the same user: only the newest mail works. */
    void save(StoredEmailLink link);

    /**
     * Removes the link with this hash and returns it, in one atomic step (e.g. a transaction with
     * {@code SELECT … FOR UPDATE} then {@code DELETE}, or MariaDB's {@code DELETE … RETURNING}),
     * so two clicks racing on one link cannot both succeed.
     */
    Optional<StoredEmailLink> take(String tokenHash);

    /** Deletes links whose validity has ended at {@code now} ({@code expiresAt <= now}); returns how many. */
    int deleteExpired(Instant now);
}
