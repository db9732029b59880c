package io.keyswitch.user.web;

import io.keyswitch.platform.PortalPrincipal;
import io.keyswitch.security.web.SessionAttributes;
import io.keyswitch.user.PasswordChange;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.shiro.SecurityUtils;

/** The password change page, forced after the first login with a one-time password. */
@Named
@RequestScoped
public class PasswordView {

    @Inject
    PasswordChange passwordChange;

    @Inject
    java.time.Clock clock;

    private String current;
    private String proposed;
    private String confirmation;

    public void change() {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext ctx = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) ctx.getRequest();
        PortalPrincipal principal = (PortalPrincipal) SecurityUtils.getSubject().getPrincipal();
        PasswordChange.Result result = passwordChange.change(principal.userId(), chars(current), chars(proposed),
                chars(confirmation), request.getRemoteAddr());
        current = proposed = confirmation = null;
        if (result.refusedUntil() != null) {
            try {
                io.keyswitch.security.web.JailFilter.refuse((jakarta.servlet.http.HttpServletResponse) ctx.getResponse(),
                        result.refusedUntil(), clock);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            faces.responseComplete();
            return;
        }
        if (!result.done()) {
            result.problems().forEach(p -> faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, p, null)));
            return;
        }
        request.getSession().removeAttribute(SessionAttributes.MUST_CHANGE_PASSWORD);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Your password has been changed.", null));
        ctx.getFlash().setKeepMessages(true);
        try {
            ctx.redirect(ctx.getRequestContextPath() + "/index.xhtml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isForced() {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        return request.getSession(false) != null
                && Boolean.TRUE.equals(request.getSession(false).getAttribute(SessionAttributes.MUST_CHANGE_PASSWORD));
    }

    private static char[] chars(String s) {
        return s == null ? new char[0] : s.toCharArray();
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getProposed() {
        return proposed;
    }

    public void setProposed(String proposed) {
        this.proposed = proposed;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }
}
