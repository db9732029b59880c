package io.keyswitch.security.web;

import io.keyswitch.security.LoginResult;
import io.keyswitch.security.LoginService;
import io.keyswitch.security.PendingLogin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;

/** Where the e-mail login link lands: completes the login waiting in this browser session. */
@Named
@RequestScoped
public class MailLinkView {

    @Inject
    LoginService loginService;

    @Inject
    Clock clock;

    private String token;
    private String problem;

    public void redeem() {
        PendingLogin pending = Requests.pendingLogin();
        if (pending == null) {
            problem = "Open the link in the browser where you entered your password, right after logging in.";
            return;
        }
        LoginResult result = loginService.mailLink(pending, token, Requests.sourceIp());
        if (result.status() == LoginResult.Status.REFUSED) {
            Requests.current().getSession().removeAttribute(SessionAttributes.PENDING_LOGIN);
            problem = result.message();
            return;
        }
        LoginView.finish(result, clock);
    }

    public String getProblem() {
        return problem;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }
}
