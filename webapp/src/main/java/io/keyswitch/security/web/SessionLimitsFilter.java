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
 * Ends a session that has outlived the absolute timeout ({@link SessionRegistry}), however active
 * it was, before Shiro reads it: the next page leads to the login.
 */
public class SessionLimitsFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SessionRegistry registry;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        if (session != null && registry.expired(session)) {
            session.invalidate();
        }
        chain.doFilter(request, response);
    }
}
