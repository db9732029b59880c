package io.keyswitch.security.web;

import io.keyswitch.security.LoginResult;
import io.keyswitch.security.LoginService;
import io.keyswitch.security.PendingLogin;
import io.keyswitch.security.PortalPrincipal;
import io.keyswitch.security.TotpAuthenticator;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.shiro.SecurityUtils;

/**
 * Enrolment of an authenticator app: shows a new secret as a QR code (rendered by the portal) and
 * as text, keeps it once the first code fits, then shows the ten recovery codes once. Serves a
 * login that must enrol first (a {@link PendingLogin}) and a signed-in user who adds or replaces
 * their authenticator.
 */
@Named
@ViewScoped
public class EnrolView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient LoginService loginService;

    @Inject
    transient TotpAuthenticator totp;

    @Inject
    transient Clock clock;

    private PendingLogin pending;
    private PortalPrincipal principal;
    private TotpAuthenticator.Enrolment enrolment;
    private String code;
    private List<String> recoveryCodes = List.of();

    @PostConstruct
    void start() {
        PendingLogin p = Requests.pendingLogin();
        if (p != null && p.mustEnrol() && p.validAt(clock.instant())) {
            pending = p;
            principal = p.principal();
        } else if (SecurityUtils.getSubject().isAuthenticated()
                && SecurityUtils.getSubject().getPrincipal() instanceof PortalPrincipal signedIn) {
            principal = signedIn;
        }
        if (principal != null) {
            enrolment = totp.begin(principal);
        }
    }

    /** Neither a login that must enrol nor a signed-in user: on to the login page. */
    public void check() {
        if (principal == null) {
            Requests.redirect("/login.xhtml");
        }
    }

    public void confirm() {
        if (principal == null || enrolment == null) {
            Requests.redirect("/login.xhtml");
            return;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        String ip = Requests.sourceIp();
        if (pending != null) {
            LoginService.EnrolmentResult result = loginService.enrolAndLogin(pending, enrolment, code, ip);
            code = null;
            LoginResult login = result.login();
            if (!login.signedIn()) {
                if (LoginService.TOO_LATE.equals(login.message())) {
                    Requests.current().getSession().removeAttribute(SessionAttributes.PENDING_LOGIN);
                    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, login.message(), null));
                    Requests.redirect("/login.xhtml");
                } else {
                    faces.addMessage("enrolForm:code", new FacesMessage(FacesMessage.SEVERITY_ERROR, login.message(), null));
                }
                return;
            }
            Requests.completeLogin();
            if (login.status() == LoginResult.Status.MUST_CHANGE_PASSWORD) {
                Requests.current().getSession().setAttribute(SessionAttributes.MUST_CHANGE_PASSWORD, Boolean.TRUE);
            }
            pending = null;
            recoveryCodes = result.recoveryCodes();
        } else {
            Optional<List<String>> codes = totp.confirm(principal, enrolment, code, ip);
            code = null;
            if (codes.isEmpty()) {
                faces.addMessage("enrolForm:code", new FacesMessage(FacesMessage.SEVERITY_ERROR, LoginService.WRONG_CODE, null));
                return;
            }
            recoveryCodes = codes.get();
        }
        enrolment = null;
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Your authenticator app is set up.", null));
    }

    public boolean isDone() {
        return !recoveryCodes.isEmpty();
    }

    public TotpAuthenticator.Enrolment getEnrolment() {
        return enrolment;
    }

    public List<String> getRecoveryCodes() {
        return recoveryCodes;
    }

    public String getUserName() {
        return principal == null ? "" : principal.qualifiedName();
    }

    public boolean isAtLogin() {
        return pending != null;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
