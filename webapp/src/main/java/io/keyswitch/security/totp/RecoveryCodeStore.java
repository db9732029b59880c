package io.keyswitch.security.totp;

import java.util.List;

/**
 * Keeps the hashes of a user's unused recovery codes. The portal implements it on a table of
 * (user id, code hash), unique on both.
 */
public interface RecoveryCodeStore {

    /** Replaces all of the user's code hashes by the given ones (a new set voids the old set). */
    void replaceAll(String userId, List<String> codeHashes);

    /**
     * Removes the hash if the user has it. Must be atomic ({@code DELETE … WHERE user_id = ? AND
     * code_hash = ?}, one row changed), so two logins racing with one code cannot both win.
     *
     * @return {@code true} if the hash was there and is now gone
     */
    boolean remove(String userId, String codeHash);

    /** How many unused codes the user has left (the portal warns when few remain). */
    int remaining(String userId);
}
