package io.keyswitch.security.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Security headers on every response, and {@code SameSite=Strict} on every cookie.
 *
 * <ul>
 *   <li>{@code Strict-Transport-Security} (over HTTPS), {@code X-Content-Type-Options: nosniff},
 *       {@code X-Frame-Options: DENY}, {@code Referrer-Policy: no-referrer}.</li>
 *   <li>{@code Content-Security-Policy}: the policy of the context parameter
 *       {@code primefaces.CSP_POLICY} in {@code web.xml}. On Faces pages PrimeFaces' CSP mode
 *       ({@code primefaces.CSP=true}) sends that policy with the page's script nonce; it replaces
 *       the one set here, so a response never carries two policies.</li>
 *   <li>Payara ignores the {@code SameSite} cookie attribute of {@code web.xml}, so the
 *       {@code Set-Cookie} headers (the session cookie included, which the container adds itself)
 *       get {@code SameSite=Strict} here, before the response is committed: before its first byte
 *       is written, or at the end of the request.</li>
 * </ul>
 */
public class SecurityHeadersFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The context parameter holding the policy, shared with PrimeFaces. */
    public static final String CSP_PARAM = "primefaces.CSP_POLICY";

    private String policy;

    @Override
    public void init() throws ServletException {
        policy = getServletContext().getInitParameter(CSP_PARAM);
        if (policy == null || policy.isBlank()) {
            throw new ServletException("web.xml must set the context parameter " + CSP_PARAM);
        }
        policy = policy.strip();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HardenedResponse hardened = new HardenedResponse(response);
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", policy + ";");
        try {
            chain.doFilter(request, hardened);
        } finally {
            hardened.strictCookies();
        }
    }

    /** Keeps one CSP header, and makes every cookie SameSite=Strict before the response is committed. */
    static final class HardenedResponse extends HttpServletResponseWrapper {

        private ServletOutputStream stream;
        private PrintWriter writer;

        HardenedResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addHeader(String name, String value) {
            if ("Content-Security-Policy".equalsIgnoreCase(name)) {
                super.setHeader(name, value); // PrimeFaces' policy with the nonce replaces the default
            } else {
                super.addHeader(name, value);
            }
        }

        /**
         * Makes every Set-Cookie header {@code Secure; HttpOnly; SameSite=Strict}, whatever set it
         * (the container's session cookie, Faces' flash cookie, Shiro's {@code rememberMe=deleteMe}
         * with its own {@code SameSite=lax}).
         */
        void strictCookies() {
            HttpServletResponse real = (HttpServletResponse) getResponse();
            if (real.isCommitted() || !real.containsHeader("Set-Cookie")) {
                return;
            }
            List<String> cookies = new ArrayList<>(real.getHeaders("Set-Cookie"));
            List<String> strict = cookies.stream().map(HardenedResponse::strict).toList();
            if (strict.equals(cookies)) {
                return;
            }
            real.setHeader("Set-Cookie", strict.get(0));
            for (String cookie : strict.subList(1, strict.size())) {
                real.addHeader("Set-Cookie", cookie);
            }
        }

        static String strict(String cookie) {
            StringBuilder out = new StringBuilder();
            boolean secure = false;
            boolean httpOnly = false;
            for (String part : cookie.split(";")) {
                String attribute = part.strip();
                String name = attribute.toLowerCase(Locale.ROOT);
                if (name.startsWith("samesite")) {
                    continue;
                }
                secure |= name.equals("secure");
                httpOnly |= name.equals("httponly");
                out.append(out.length() == 0 ? "" : "; ").append(attribute);
            }
            if (!secure) {
                out.append("; Secure");
            }
            if (!httpOnly) {
                out.append("; HttpOnly");
            }
            return out.append("; SameSite=Strict").toString();
        }

        @Override
        public void flushBuffer() throws IOException {
            strictCookies();
            super.flushBuffer();
        }

        /**
         * A redirect within the portal goes out as the path only ({@code Location: /second-factor.xhtml}, RFC 9110
         * allows a relative reference): the container would make it absolute with the request's {@code Host} header,
         * which a client chooses, so the portal never repeats a forged host back.
         */
        @Override
        public void sendRedirect(String location) throws IOException {
            strictCookies();
            if (location.startsWith("/") && !location.startsWith("//")) {
                if (isCommitted()) {
                    throw new IllegalStateException("redirect after the response was committed");
                }
                resetBuffer();
                setStatus(SC_FOUND);
                setHeader("Location", location);
                getResponse().flushBuffer();
            } else {
                super.sendRedirect(location);
            }
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            strictCookies();
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            strictCookies();
            super.sendError(sc);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream real = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        strictCookies();
                        real.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        strictCookies();
                        real.write(b, off, len);
                    }

                    @Override
                    public void flush() throws IOException {
                        strictCookies();
                        real.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        strictCookies();
                        real.close();
                    }

                    @Override
                    public boolean isReady() {
                        return real.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        real.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                PrintWriter real = super.getWriter();
                writer = new PrintWriter(new Writer() {
                    @Override
                    public void write(char[] cbuf, int off, int len) {
                        strictCookies();
                        real.write(cbuf, off, len);
                    }

                    @Override
                    public void flush() {
                        strictCookies();
                        real.flush();
                    }

                    @Override
                    public void close() {
                        strictCookies();
                        real.close();
                    }
                }, false);
            }
            return writer;
        }
    }
}
