package io.keyswitch.security.web;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;

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
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
