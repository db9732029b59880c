package io.keyswitch.user.internal;

import io.keyswitch.account.Account;
import io.keyswitch.account.AccountAdministrators;
import io.keyswitch.platform.RandomTokens;
import io.keyswitch.user.Administrators;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** A new account's administrators as users and groups ({@link Administrators}), with a one-time password. */
@ApplicationScoped
public class JpaAccountAdministrators implements AccountAdministrators {

    @Inject
    Administrators administrators;

    @Override
    public String found(Account account, String username, String fullName, Instant now) {
        String password = RandomTokens.readable(16);
        administrators.found(account, username, fullName, password.toCharArray(), true, false, now);
        return password;
    }
}
