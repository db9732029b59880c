package io.keyswitch.security.web;

import io.keyswitch.security.PendingLogin;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;

/** Small helpers for the Faces request at hand. */
final class Requests {

    private Requests() {
    }

    static HttpServletRequest current() {
        return (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    }

    static String sourceIp() {
        return current().getRemoteAddr();
    }

    static void redirect(String path) {
        ExternalContext ctx = FacesContext.getCurrentInstance().getExternalContext();
        try {
            ctx.getFlash().setKeepMessages(true);
            ctx.redirect(ctx.getRequestContextPath() + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The login between password and second factor in this session, if any. */
    static PendingLogin pendingLogin() {
        HttpSession session = current().getSession(false);
        return session == null ? null : (PendingLogin) session.getAttribute(SessionAttributes.PENDING_LOGIN);
    }

    /**
     * A login completed in this request: a new session id, the pending login gone, and the session
     * counted by the {@link SessionRegistry} (which may end the user's oldest session).
     */
    static void completeLogin() {
        HttpServletRequest request = current();
        request.getSession().removeAttribute(SessionAttributes.PENDING_LOGIN);
        request.changeSessionId();
        if (org.apache.shiro.SecurityUtils.getSubject().getPrincipal() instanceof io.keyswitch.platform.PortalPrincipal p) {
            jakarta.enterprise.inject.spi.CDI.current().select(SessionRegistry.class).get()
                    .signedIn(request.getSession(), p, request.getRemoteAddr());
        }
    }

    /** Ends the response with 429 and the jail's neutral page. */
    static void tooManyAttempts(Instant until, Clock clock) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            JailFilter.refuse((HttpServletResponse) faces.getExternalContext().getResponse(), until, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }
}
