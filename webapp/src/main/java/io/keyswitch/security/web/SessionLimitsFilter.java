package io.keyswitch.security.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Ends a session, before Shiro reads it, that has outlived the absolute timeout ({@link SessionRegistry}) however
 * active it was, or whose user may not log in now (user or account disabled or deleted, temporary access ended or
 * not begun: {@code LoginService.stillAllowed}, read at every request): the next page leads to the login.
 */
public class SessionLimitsFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SessionRegistry registry;

    @Inject
    transient io.keyswitch.security.LoginService logins;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        if (session != null && (registry.expired(session) || noLongerAllowed(session))) {
            session.invalidate();
        }
        chain.doFilter(request, response);
    }

    private boolean noLongerAllowed(HttpSession session) {
        Object userId;
        try {
            userId = session.getAttribute(SessionRegistry.USER_ID);
        } catch (IllegalStateException invalidated) {
            return false;
        }
        return userId instanceof Long id && logins.stillAllowed(id).isPresent();
    }
}
