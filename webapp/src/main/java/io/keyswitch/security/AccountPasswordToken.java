package io.keyswitch.security;

import org.apache.shiro.authc.UsernamePasswordToken;

/** A login attempt: account name, user name and password. */
public class AccountPasswordToken extends UsernamePasswordToken {

    private static final long serialVersionUID = 1L;

    private final String accountName;

    public AccountPasswordToken(String accountName, String username, char[] password, String host) {
        super(username, password, false, host);
        this.accountName = accountName;
    }

    public String getAccountName() {
        return accountName;
    }
}
