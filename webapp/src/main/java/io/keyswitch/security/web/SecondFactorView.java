package io.keyswitch.security.web;

import io.keyswitch.security.LoginResult;
import io.keyswitch.security.LoginService;
import io.keyswitch.security.PendingLogin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;

/** The login's second step: the code from the authenticator app, or a recovery code. */
@Named
@RequestScoped
public class SecondFactorView {

    @Inject
    LoginService loginService;

    @Inject
    Clock clock;

    @Inject
    io.keyswitch.security.EmailLinkAuthenticator mailLinks;

    private String code;

    /** Without a login in progress this page leads to the login page. */
    public void check() {
        PendingLogin pending = Requests.pendingLogin();
        if (pending == null || !pending.validAt(clock.instant()) || pending.mustEnrol()) {
            Requests.redirect("/login.xhtml");
        }
    }

    public void verify() {
        PendingLogin pending = Requests.pendingLogin();
        if (pending == null || pending.mustEnrol()) {
            Requests.redirect("/login.xhtml");
            return;
        }
        LoginResult result = loginService.secondFactor(pending, code, Requests.sourceIp());
        code = null;
        if (result.status() == LoginResult.Status.REFUSED) {
            FacesContext faces = FacesContext.getCurrentInstance();
            if (LoginService.TOO_LATE.equals(result.message())) {
                Requests.current().getSession().removeAttribute(SessionAttributes.PENDING_LOGIN);
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, result.message(), null));
                Requests.redirect("/login.xhtml");
            } else {
                faces.addMessage("secondFactorForm:code", new FacesMessage(FacesMessage.SEVERITY_ERROR, result.message(), null));
            }
            return;
        }
        LoginView.finish(result, clock);
    }

    /** Mails a login link for the login in progress. */
    public void sendMailLink() {
        PendingLogin pending = Requests.pendingLogin();
        FacesContext faces = FacesContext.getCurrentInstance();
        if (pending == null || !pending.mailLink() || !pending.validAt(clock.instant())) {
            Requests.redirect("/login.xhtml");
            return;
        }
        var request = Requests.current();
        String base = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                + request.getContextPath() + "/";
        try {
            mailLinks.send(pending, base, request.getRemoteAddr());
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    "We sent a login link to your e-mail address. Open it in this browser within a few minutes.", null));
        } catch (io.keyswitch.mail.MailDeliveryException e) {
            java.util.logging.Logger.getLogger(SecondFactorView.class.getName()).warning("Login link not sent: " + e.getMessage());
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "The login link could not be sent. Please try again later or contact your administrator.", null));
        }
    }

    /** Whether the user has an authenticator app (the code field is shown). */
    public boolean isTotp() {
        PendingLogin pending = Requests.pendingLogin();
        return pending != null && pending.totp();
    }

    /** Whether the user can get an e-mail link (the button is shown). */
    public boolean isMailLink() {
        PendingLogin pending = Requests.pendingLogin();
        return pending != null && pending.mailLink();
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
