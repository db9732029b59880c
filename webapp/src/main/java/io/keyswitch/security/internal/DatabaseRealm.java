package io.keyswitch.security.internal;

import io.keyswitch.security.AccountPasswordToken;
import io.keyswitch.platform.PortalPrincipal;
import io.keyswitch.platform.Rights;
import io.keyswitch.user.User;
import io.keyswitch.user.UserDirectory;
import io.keyswitch.user.internal.BcryptPasswordHasher;
import jakarta.enterprise.inject.spi.CDI;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authc.UnknownAccountException;
import org.apache.shiro.authz.AuthorizationInfo;
import org.apache.shiro.authz.SimpleAuthorizationInfo;
import org.apache.shiro.realm.AuthorizingRealm;
import org.apache.shiro.subject.PrincipalCollection;

/**
 * Shiro realm over the portal's database: finds the user by account and user name (exactly: the login passes the
 * canonical names of {@code LoginNames}), and reads the rights at every check (no caching), so a change to a group,
 * to the user's status, their account's status, their temporary validity or their system administrator flag
 * applies at once: a user who may not log in now holds no right.
 */
public class DatabaseRealm extends AuthorizingRealm {

    public DatabaseRealm() {
        setAuthenticationTokenClass(AccountPasswordToken.class);
        setAuthorizationCachingEnabled(false);
        setAuthenticationCachingEnabled(false);
        setCachingEnabled(false);
    }

    @Override
    protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) throws AuthenticationException {
        AccountPasswordToken login = (AccountPasswordToken) token;
        Optional<User> user = directory().findForLogin(login.getAccountName(), login.getUsername());
        if (user.isEmpty()) {
            CDI.current().select(BcryptPasswordHasher.class).get().spendOneCheck(login.getPassword());
            throw new UnknownAccountException();
        }
        User u = user.get();
        PortalPrincipal principal = new PortalPrincipal(u.getId(), u.getAccount().getId(), u.getAccount().getName(),
                u.getUsername(), u.getFullName(), u.isSystemAdmin());
        return new SimpleAuthenticationInfo(principal, u.getPasswordHash(), getName());
    }

    @Override
    protected AuthorizationInfo doGetAuthorizationInfo(PrincipalCollection principals) {
        PortalPrincipal principal = principals.oneByType(PortalPrincipal.class);
        SimpleAuthorizationInfo info = new SimpleAuthorizationInfo();
        if (principal == null) {
            return info;
        }
        Set<String> rights = new HashSet<>(directory().rightsNow(principal.userId(),
                CDI.current().select(java.time.Clock.class).get().instant()));
        if (rights.contains(Rights.ACCOUNT_MANAGE)) {
            info.addRole(io.keyswitch.platform.AdminRights.SYSTEM_ADMIN_ROLE);
        }
        info.setStringPermissions(rights);
        return info;
    }

    private static UserDirectory directory() {
        return CDI.current().select(UserDirectory.class).get();
    }
}
