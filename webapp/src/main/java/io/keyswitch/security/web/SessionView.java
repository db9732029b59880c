package io.keyswitch.security.web;

import io.keyswitch.security.LoginService;
import io.keyswitch.security.PortalPrincipal;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.shiro.SecurityUtils;

/** The signed-in user and account, for the page header, and the logout action. */
@Named("signedIn")
@RequestScoped
public class SessionView {

    @Inject
    LoginService loginService;

    public PortalPrincipal getPrincipal() {
        Object p = SecurityUtils.getSubject().getPrincipal();
        return p instanceof PortalPrincipal principal ? principal : null;
    }

    public boolean isPermitted(String permission) {
        return SecurityUtils.getSubject().isPermitted(permission);
    }

    public void logout() {
        loginService.logout(Requests.sourceIp());
        Requests.current().getSession().invalidate();
        Requests.redirect("/login.xhtml");
    }
}
