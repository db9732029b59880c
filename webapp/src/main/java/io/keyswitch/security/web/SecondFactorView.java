package io.keyswitch.security.web;

import io.keyswitch.security.LoginResult;
import io.keyswitch.security.LoginService;
import io.keyswitch.security.PendingLogin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import io.keyswitch.mail.MailDeliveryException;
import io.keyswitch.security.EmailLinkAuthenticator;
import io.keyswitch.security.SmsCodeAuthenticator;
import io.keyswitch.sms.SmsDeliveryException;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/** The login's second step: the code from the authenticator app, a recovery code, an e-mail link or an SMS code. */
@Named
@RequestScoped
public class SecondFactorView {

    @Inject
    LoginService loginService;

    @Inject
    Clock clock;

    @Inject
    EmailLinkAuthenticator mailLinks;

    @Inject
    SmsCodeAuthenticator smsCodes;

    private String code;
    private String smsCode;

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
        if (banned(pending)) {
            return;
        }
        var request = Requests.current();
        // the portal's own address the connection came to, never the Host header (which the client chooses)
        String local = request.getLocalAddr();
        String base = "https://" + (local.indexOf(':') >= 0 ? "[" + local + "]" : local) + ":" + request.getLocalPort()
                + request.getContextPath() + "/";
        try {
            var sent = mailLinks.send(pending, base, request.getRemoteAddr());
            faces.addMessage(null, sent == EmailLinkAuthenticator.Sent.SENT
                    ? new FacesMessage(FacesMessage.SEVERITY_INFO,
                            "We sent a login link to your e-mail address. Open it in this browser within a few minutes.", null)
                    : new FacesMessage(FacesMessage.SEVERITY_WARN,
                            "A login link was sent less than half a minute ago. Please look for it, or try again in a moment.", null));
        } catch (MailDeliveryException e) {
            Logger.getLogger(SecondFactorView.class.getName()).warning("Login link not sent: " + e.getMessage());
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "The login link could not be sent. Please try again later or contact your administrator.", null));
        }
    }

    /** Sends an SMS code for the login in progress. */
    public void sendSms() {
        PendingLogin pending = Requests.pendingLogin();
        FacesContext faces = FacesContext.getCurrentInstance();
        if (pending == null || !pending.sms() || !pending.validAt(clock.instant())) {
            Requests.redirect("/login.xhtml");
            return;
        }
        if (banned(pending)) {
            return;
        }
        try {
            var sent = smsCodes.send(pending, Requests.sourceIp());
            faces.addMessage(null, sent == SmsCodeAuthenticator.Sent.SENT
                    ? new FacesMessage(FacesMessage.SEVERITY_INFO, "We sent a code by SMS to your number ending in "
                            + smsCodes.numberEnding(pending.principal().userId()) + ". Enter it below.", null)
                    : new FacesMessage(FacesMessage.SEVERITY_WARN,
                            "A code was sent less than half a minute ago. Please wait for it, or try again in a moment.", null));
        } catch (SmsDeliveryException e) {
            Logger.getLogger(SecondFactorView.class.getName()).warning("SMS code not sent: " + e.getMessage());
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "The SMS could not be sent. Please try again later or contact your administrator.", null));
        }
    }

    /**
     * Whether the jail refuses the address or the user name: then nothing is sent (a banned user
     * name from another address could otherwise have mails or SMS sent in a loop) and the answer is 429.
     */
    private boolean banned(PendingLogin pending) {
        Optional<java.time.Instant> until = loginService.banned(pending, Requests.sourceIp());
        until.ifPresent(u -> Requests.tooManyAttempts(u, clock));
        return until.isPresent();
    }

    /** Checks the SMS code typed for the login in progress. */
    public void verifySms() {
        PendingLogin pending = Requests.pendingLogin();
        if (pending == null || !pending.sms()) {
            Requests.redirect("/login.xhtml");
            return;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        if (smsCode == null || smsCode.isBlank()) {
            faces.addMessage("smsForm:smsCode", new FacesMessage(FacesMessage.SEVERITY_ERROR, "Please enter the code from the SMS.", null));
            return;
        }
        LoginResult result = loginService.smsCode(pending, smsCode, Requests.sourceIp());
        smsCode = null;
        if (result.status() == LoginResult.Status.REFUSED) {
            if (LoginService.TOO_LATE.equals(result.message())) {
                Requests.current().getSession().removeAttribute(SessionAttributes.PENDING_LOGIN);
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, result.message(), null));
                Requests.redirect("/login.xhtml");
            } else {
                faces.addMessage("smsForm:smsCode", new FacesMessage(FacesMessage.SEVERITY_ERROR, result.message(), null));
            }
            return;
        }
        LoginView.finish(result, clock);
    }

    /** Whether the user can get an SMS code (the SMS part is shown). */
    public boolean isSms() {
        PendingLogin pending = Requests.pendingLogin();
        return pending != null && pending.sms();
    }

    public String getSmsCode() {
        return smsCode;
    }

    public void setSmsCode(String smsCode) {
        this.smsCode = smsCode;
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
