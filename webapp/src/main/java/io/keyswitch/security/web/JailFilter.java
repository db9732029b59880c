package io.keyswitch.security.web;

import io.keyswitch.security.LoginResult;
import io.keyswitch.jail.Ban;
import io.keyswitch.jail.LoginJail;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * In front of the login pages: a form sent from a banned address gets HTTP 429 with a neutral page and
 * {@code Retry-After}, before Faces, Shiro or the database see it. Pages are still shown (GET), so the
 * person reads the same neutral answer on their next try. A banned user name is refused by
 * {@code LoginService} (after the form is read, before any password check), because a name's ban does not
 * apply at an address the user signed in from before, which needs the database.
 */
public class JailFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient LoginJail jail;

    @Inject
    transient Clock clock;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("POST".equals(request.getMethod())) {
            Optional<Ban> ban = jail.activeBan(request.getRemoteAddr(), null);
            if (ban.isPresent()) {
                refuse(response, ban.get(), clock);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Answers 429 with the neutral page; also used by views that meet a ban. */
    static void refuse(HttpServletResponse response, Ban ban, Clock clock) throws IOException {
        refuse(response, ban.until(), clock);
    }

    /** Answers 429 with the neutral page and {@code Retry-After} until {@code until}. */
    public static void refuse(HttpServletResponse response, java.time.Instant until, Clock clock) throws IOException {
        long seconds = Math.max(1, java.time.Duration.between(clock.instant(), until).toSeconds() + 1);
        response.resetBuffer();
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="UTF-8"/><title>Keyswitch · Please wait</title></head>
                <body><h1>Keyswitch</h1><p id="banned">%s</p></body></html>
                """.formatted(LoginResult.BANNED));
        response.flushBuffer();
    }
}
