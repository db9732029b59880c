package io.keyswitch.security.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** While a user must change their password, every page but the password page leads there. */
public class PasswordChangeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        String path = request.getServletPath();
        boolean forced = session != null
                && Boolean.TRUE.equals(session.getAttribute(SessionAttributes.MUST_CHANGE_PASSWORD));
        if (forced && !allowedWhileForced(path, request.getRequestURI())) {
            response.sendRedirect(request.getContextPath() + "/password.xhtml");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean allowedWhileForced(String path, String uri) {
        return "/password.xhtml".equals(path) || "/login.xhtml".equals(path)
                || uri.contains("/jakarta.faces.resource/");
    }
}
