package io.keyswitch.security;

import io.keyswitch.platform.PortalPrincipal;
import org.apache.shiro.authc.HostAuthenticationToken;

/**
 * A login whose every factor {@link LoginService} has checked (the password, and the second factor
 * where one applies). Only {@code LoginService} makes it; {@code ConfirmedLoginRealm} signs the
 * principal in without a further check. Shiro never builds tokens from requests here (the login
 * filter is pass-through), so no request can present one.
 */
public final class ConfirmedLoginToken implements HostAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final PortalPrincipal principal;
    private final String host;

    ConfirmedLoginToken(PortalPrincipal principal, String host) {
        this.principal = principal;
        this.host = host;
    }

    @Override
    public PortalPrincipal getPrincipal() {
        return principal;
    }

    /** No credentials: they were checked before the token was made. */
    @Override
    public Object getCredentials() {
        return Boolean.TRUE;
    }

    @Override
    public String getHost() {
        return host;
    }
}
