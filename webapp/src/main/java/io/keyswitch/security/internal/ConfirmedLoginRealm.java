package io.keyswitch.security.internal;

import io.keyswitch.security.ConfirmedLoginToken;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authc.credential.AllowAllCredentialsMatcher;
import org.apache.shiro.realm.AuthenticatingRealm;

/**
 * Signs in a {@link ConfirmedLoginToken}: a login whose factors {@code LoginService} has checked.
 * Authentication only; rights come from {@link DatabaseRealm}, which reads them by the principal.
 */
public class ConfirmedLoginRealm extends AuthenticatingRealm {

    public ConfirmedLoginRealm() {
        setAuthenticationTokenClass(ConfirmedLoginToken.class);
        setCredentialsMatcher(new AllowAllCredentialsMatcher());
        setAuthenticationCachingEnabled(false);
        setCachingEnabled(false);
    }

    @Override
    protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) {
        ConfirmedLoginToken confirmed = (ConfirmedLoginToken) token;
        return new SimpleAuthenticationInfo(confirmed.getPrincipal(), Boolean.TRUE, getName());
    }
}
