package io.keyswitch.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * The container's error pages (web.xml): a request it refused itself inside the portal (a URL Shiro finds invalid, a
 * header it cannot read, an error no code of the portal caught) gets a problem+json under {@code /api/} with the
 * status the container chose, and the neutral error page ({@code /error.xhtml}) anywhere else. Never a stack trace,
 * never the container's own HTML page.
 */
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer c && c >= 400 && c <= 599 ? c : 500;
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (ApiProblems.isApi(request, uri)) {
            Response.StatusType type = Response.Status.fromStatusCode(status);
            String title = type == null ? (status < 500 ? "Bad Request" : "Error") : type.getReasonPhrase();
            ApiProblems.write(response, status, title, status < 500 ? "The request was refused: " + title + "."
                    : "Something went wrong; nothing was stored.", null);
            return;
        }
        response.setStatus(status);
        request.getRequestDispatcher("/error.xhtml").forward(request, response);
    }
}
