package io.keyswitch.security.internal;

import io.keyswitch.user.PasswordHasher;
import jakarta.enterprise.inject.spi.CDI;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.authc.credential.CredentialsMatcher;

/** Lets Shiro check passwords with the portal's bcrypt hasher. */
public class BcryptCredentialsMatcher implements CredentialsMatcher {

    @Override
    public boolean doCredentialsMatch(AuthenticationToken token, AuthenticationInfo info) {
        char[] password = ((UsernamePasswordToken) token).getPassword();
        Object stored = info.getCredentials();
        return stored instanceof String hash
                && CDI.current().select(PasswordHasher.class).get().matches(password, hash);
    }
}
