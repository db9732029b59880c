package io.keyswitch.account;

import java.time.Instant;

/**
 * Who administers a new account: makes its group "Administrators" with every right and the account's first user,
 * who must change the one-time password at the first login. Implemented where users live, so that accounts need
 * not know how users are stored.
 */
public interface AccountAdministrators {

    /** Makes the group and its first member {@code username} in the new, flushed {@code account}; the one-time password. */
    String found(Account account, String username, String fullName, Instant now);
}
