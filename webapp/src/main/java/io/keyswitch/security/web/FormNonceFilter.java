package io.keyswitch.security.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/**
 * A Faces form posted without the page's CSP nonce (a scripted post, a page saved and sent again) is a bad request:
 * 400 with the normal error page. PrimeFaces' CSP mode refuses such a post only when it renders the answer, by an
 * exception; the error page, dispatched for the same post, then failed the same way, and the client got an empty
 * 500. Here the post is refused before Faces sees it, and a nonce PrimeFaces finds wrong ({@code CspException}
 * while rendering, before anything is sent) gets the same answer. The error page is rendered as a fresh page:
 * forwarded as a GET without the form's fields, so PrimeFaces gives it a nonce of its own.
 */
public class FormNonceFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The field PrimeFaces' script adds to every form in CSP mode. */
    static final String NONCE = "primefaces.nonce";

    private static final String VIEW_STATE = "jakarta.faces.ViewState";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("POST".equals(request.getMethod()) && !multipart(request)) {
            if (request.getCharacterEncoding() == null) {
                request.setCharacterEncoding("UTF-8"); // as Faces would, before the form is read here
            }
            String nonce = request.getParameter(NONCE);
            if (request.getParameter(VIEW_STATE) != null && (nonce == null || nonce.isBlank())) {
                badRequest(request, response);
                return;
            }
        }
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!cspRefusal(e) || response.isCommitted()) {
                throw e;
            }
            badRequest(request, response);
        }
    }

    private static boolean multipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
    }

    private static boolean cspRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals("org.primefaces.csp.CspException")) {
                return true;
            }
        }
        return false;
    }

    private static void badRequest(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher("/error.xhtml").forward(new FreshGet(request), response);
    }

    /** The request as a plain GET without parameters: the error page renders as a new view, not a postback. */
    private static final class FreshGet extends HttpServletRequestWrapper {

        FreshGet(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }

        @Override
        public String getHeader(String name) {
            return "Faces-Request".equalsIgnoreCase(name) ? null : super.getHeader(name);
        }
    }
}
