package io.keyswitch.security.web;

import io.keyswitch.security.LoginService;
import io.keyswitch.platform.PortalPrincipal;
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

    @Inject
    SessionRegistry sessions;

    public PortalPrincipal getPrincipal() {
        Object p = SecurityUtils.getSubject().getPrincipal();
        return p instanceof PortalPrincipal principal ? principal : null;
    }

    public boolean isPermitted(String permission) {
        return SecurityUtils.getSubject().isPermitted(permission);
    }

    /** Whether the signed-in user manages their account's login security (second-factor policy). */
    public boolean isSecurityAdmin() {
        return io.keyswitch.platform.AdminRights.accountSecurityAdmin();
    }

    /** Whether the signed-in user manages appliance-wide settings (bans, SMTP, SMS, login notice). */
    public boolean isSystemAdmin() {
        return io.keyswitch.platform.AdminRights.applianceAdmin();
    }

    /** Ends every session of the signed-in user, on every device, this one included. */
    public void logoutEverywhere() {
        PortalPrincipal p = getPrincipal();
        if (p != null) {
            sessions.logoutEverywhere(p, Requests.sourceIp());
        }
        try {
            org.apache.shiro.SecurityUtils.getSubject().logout();
        } catch (RuntimeException sessionAlreadyEnded) {
            // the registry has ended this session too
        }
        Requests.redirect("/login.xhtml");
    }

    public void logout() {
        loginService.logout(Requests.sourceIp());
        Requests.current().getSession().invalidate();
        Requests.redirect("/login.xhtml");
    }
}
