package io.keyswitch.user;

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

    long countUsers();
}
