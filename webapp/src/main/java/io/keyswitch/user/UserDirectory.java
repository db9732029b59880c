package io.keyswitch.user;

import io.keyswitch.platform.Rights;
import java.util.Optional;
import java.util.Set;

/** Finds users for the login and tells what they may do. */
public interface UserDirectory {

    /** The user named {@code username} in the account named {@code accountName}, with the account loaded. */
    Optional<User> findForLogin(String accountName, String username);

    Optional<User> find(long userId);

    /** The id of the account with this name, if there is one. */
    Optional<Long> accountIdByName(String accountName);

    /** The union of the rights of every group the user is in, read now (a group change applies at once). */
    Set<String> rightsOf(long userId);

    /** Which of {@code userIds} hold {@code right} through a group now, in one query. */
    Set<Long> holding(String right, java.util.Collection<Long> userIds);

    /**
     * What a signed-in user may do at this moment: their groups' rights, and {@value Rights#ACCOUNT_MANAGE} when they
     * are a system administrator; nothing at all when the user is gone or disabled, their account is disabled, or
     * their temporary access is not (or no longer) valid. Read at every check.
     */
    Set<String> rightsNow(long userId, java.time.Instant now);

    long countUsers();
}
