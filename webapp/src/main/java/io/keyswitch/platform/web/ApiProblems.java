package io.keyswitch.platform.web;

import io.keyswitch.platform.api.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Answers refused outside JAX-RS (by a servlet filter, or the container's own error dispatch): a problem+json body under
 * {@code /api/}, the portal's neutral error page anywhere else.
 */
final class ApiProblems {

    private ApiProblems() {
    }

    /** Whether {@code path} (context-relative, or the request URI when the portal runs at /) is under the API. */
    static boolean isApi(HttpServletRequest request, String uri) {
        String path = uri == null ? "" : uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        return path.startsWith("/api/") || path.equals("/api");
    }

    /** Writes the problem (status, title, detail, a message per field) as the whole answer. */
    static void write(HttpServletResponse response, int status, String title, String detail, Map<String, String> errors)
            throws IOException {
        byte[] body = new Problem("about:blank", title, status, detail, errors).toJson().getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
