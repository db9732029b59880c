package io.keyswitch.security.web;

import io.keyswitch.security.LoginResult;
import io.keyswitch.security.LoginService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/** The login page: account, user name, password. */
@Named
@RequestScoped
public class LoginView {

    @Inject
    LoginService loginService;

    private String account;
    private String username;
    private String password;

    public void login() {
        HttpServletRequest request = Requests.current();
        LoginResult result = loginService.login(account, username,
                password == null ? new char[0] : password.toCharArray(), request.getRemoteAddr());
        password = null;
        if (!result.signedIn()) {
            FacesContext.getCurrentInstance().addMessage(null,
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, result.message(), null));
            return;
        }
        request.changeSessionId();
        if (result.status() == LoginResult.Status.MUST_CHANGE_PASSWORD) {
            request.getSession().setAttribute(SessionAttributes.MUST_CHANGE_PASSWORD, Boolean.TRUE);
            FacesContext.getCurrentInstance().addMessage(null,
                    new FacesMessage(FacesMessage.SEVERITY_WARN, result.message(), null));
            Requests.redirect("/password.xhtml");
        } else {
            Requests.redirect("/index.xhtml");
        }
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
