package io.keyswitch.security.web;

import io.keyswitch.security.LoginNotice;
import io.keyswitch.security.LoginResult;
import io.keyswitch.security.LoginService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;

/** The login page: account, user name, password; then on to the second factor where one applies. */
@Named
@RequestScoped
public class LoginView {

    @Inject
    LoginService loginService;

    @Inject
    Clock clock;

    @Inject
    LoginNotice notice;

    private String account;
    private String username;
    private String password;
    private String noticeText;

    public void login() {
        HttpServletRequest request = Requests.current();
        LoginResult result = loginService.login(account, username,
                password == null ? new char[0] : password.toCharArray(), request.getRemoteAddr());
        password = null;
        finish(result, clock);
    }

    /** Takes the person where the result of a login step leads; shared by the login's later steps. */
    static void finish(LoginResult result, Clock clock) {
        HttpServletRequest request = Requests.current();
        FacesContext faces = FacesContext.getCurrentInstance();
        switch (result.status()) {
            case BANNED -> Requests.tooManyAttempts(result.retryAt(), clock);
            case REFUSED -> faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, result.message(), null));
            case SECOND_FACTOR, ENROL -> {
                request.changeSessionId();
                request.getSession().setAttribute(SessionAttributes.PENDING_LOGIN, result.pending());
                Requests.redirect(result.status() == LoginResult.Status.ENROL ? "/enrol.xhtml" : "/second-factor.xhtml");
            }
            case MUST_CHANGE_PASSWORD, SIGNED_IN -> {
                Requests.completeLogin();
                if (result.status() == LoginResult.Status.MUST_CHANGE_PASSWORD) {
                    request.getSession().setAttribute(SessionAttributes.MUST_CHANGE_PASSWORD, Boolean.TRUE);
                    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, result.message(), null));
                    Requests.redirect("/password.xhtml");
                } else {
                    Requests.redirect("/index.xhtml");
                }
            }
        }
    }

    /** The system-use notification shown above the form (IEC 62443-3-3 SR 1.12); empty when none is set. */
    public String getNotice() {
        if (noticeText == null) {
            noticeText = notice.text();
        }
        return noticeText;
    }

    public String getAccount() {
        return account;
    }

    public void setAccount(String account) {
        this.account = account;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
