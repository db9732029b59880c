package io.keyswitch.security.web;

import io.keyswitch.security.LoginResult;
import io.keyswitch.security.LoginService;
import io.keyswitch.security.PendingLogin;
import io.keyswitch.platform.PortalPrincipal;
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
 * their authenticator. Replacing one needs the password and a current code (of the app, or a
 * recovery code) first, so that a session left open is not enough to move the second factor to
 * another phone; wrong tries count in the login jail.
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
    private boolean reauthRequired;
    private String password;
    private String currentCode;

    @PostConstruct
    void start() {
        PendingLogin p = Requests.pendingLogin();
        if (p != null && p.mustEnrol() && p.validAt(clock.instant())) {
            pending = p;
            principal = p.principal();
        } else if (SecurityUtils.getSubject().isAuthenticated()
                && SecurityUtils.getSubject().getPrincipal() instanceof PortalPrincipal signedIn) {
            principal = signedIn;
            reauthRequired = totp.enrolled(signedIn.userId());
        }
        if (principal != null && !reauthRequired) {
            enrolment = totp.begin(principal);
        }
    }

    /** A signed-in user who has an authenticator proves it is them: password and a current code, then a new secret. */
    public void reauth() {
        if (principal == null || !reauthRequired) {
            Requests.redirect("/login.xhtml");
            return;
        }
        LoginResult result = loginService.reauthenticate(principal, password == null ? new char[0] : password.toCharArray(),
                currentCode, Requests.sourceIp());
        password = null;
        currentCode = null;
        switch (result.status()) {
            case BANNED -> Requests.tooManyAttempts(result.retryAt(), clock);
            case REFUSED -> FacesContext.getCurrentInstance().addMessage("reauthForm:password",
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, result.message(), null));
            default -> {
                reauthRequired = false;
                enrolment = totp.begin(principal);
            }
        }
    }

    /** Neither a login that must enrol nor a signed-in user: on to the login page. */
    public void check() {
        if (principal == null) {
            Requests.redirect("/login.xhtml");
        }
    }

    public void confirm() {
        if (principal == null || enrolment == null || reauthRequired) {
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

    public boolean isReauthRequired() {
        return reauthRequired;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getCurrentCode() {
        return currentCode;
    }

    public void setCurrentCode(String currentCode) {
        this.currentCode = currentCode;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
