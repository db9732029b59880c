package io.keyswitch.platform.web;

import io.keyswitch.platform.Utf8;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every request must be before the portal reads it: a URL of at most {@link #MAX_URL} characters (414), whose
 * percent-escapes spell UTF-8 (the container would read other bytes as U+FFFD), and a {@code Content-Type} that can be
 * read and, if it names a charset, names UTF-8 (400). Under {@code /api/} the refusal is a problem+json; elsewhere it
 * is the neutral error page. The container answers a URL longer than its header buffer (32 KiB, see the Payara
 * settings) itself, before this filter.
 */
public class RequestShapeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The longest URL (path and query) the portal reads. */
    public static final int MAX_URL = 8192;

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern MEDIA_TYPE = Pattern.compile(TOKEN + "/" + TOKEN);
    private static final Pattern PARAMETER = Pattern.compile("[ \\t]*;[ \\t]*(" + TOKEN + ")=(" + TOKEN
            + "|\"(?:[\\t \\x21\\x23-\\x5B\\x5D-\\x7E]|\\\\[\\t \\x21-\\x7E])*\")");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String uri = request.getRequestURI();
        String query = request.getQueryString();
        int length = uri.length() + (query == null ? 0 : query.length() + 1);
        if (length > MAX_URL) {
            refuse(request, response, 414, "URI Too Long", "address", "The address has " + length
                    + " characters; at most " + MAX_URL + " are read.");
            return;
        }
        Optional<String> problem = percentEncoding(uri, "path").or(() -> percentEncoding(query, "query"));
        if (problem.isPresent()) {
            refuse(request, response, 400, "Bad Request", "address", problem.get());
            return;
        }
        Optional<String> contentType = contentType(request.getHeader("Content-Type"));
        if (contentType.isPresent()) {
            refuse(request, response, 400, "Bad Request", "Content-Type", contentType.get());
            return;
        }
        chain.doFilter(request, response);
    }

    /** What is wrong with the percent-escapes of {@code raw} (a URL's path or query as sent), if anything. */
    static Optional<String> percentEncoding(String raw, String part) {
        if (raw == null) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return Optional.of("The " + part + " of the address has a '%' that is not followed by two hex digits.");
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            Utf8.decode(bytes.toByteArray());
            return Optional.empty();
        } catch (Utf8.Invalid e) {
            return Optional.of("The " + part + " of the address is not UTF-8 once its %-escapes are read (byte "
                    + (e.offset() + 1) + "): escape UTF-8 text.");
        }
    }

    /** What is wrong with a Content-Type header (RFC 9110 §8.3), if anything: it must be readable, in UTF-8 if it says. */
    static Optional<String> contentType(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        Matcher type = MEDIA_TYPE.matcher(value);
        if (!type.lookingAt()) {
            return Optional.of("The Content-Type '" + shown(value) + "' cannot be read: send type/subtype, such as application/json.");
        }
        int at = type.end();
        String charset = null;
        Matcher parameter = PARAMETER.matcher(value);
        while (at < value.length()) {
            if (!parameter.find(at) || parameter.start() != at) {
                return Optional.of("The Content-Type '" + shown(value) + "' cannot be read after '" + shown(value.substring(0, at)) + "'.");
            }
            if (parameter.group(1).equalsIgnoreCase("charset")) {
                if (charset != null) {
                    return Optional.of("The Content-Type names a charset twice.");
                }
                charset = parameter.group(2).replace("\"", "");
            }
            at = parameter.end();
        }
        if (charset != null && !charset.toLowerCase(Locale.ROOT).equals("utf-8")) {
            return Optional.of("Send text in UTF-8 (charset=utf-8, or no charset), not " + shown(charset) + ".");
        }
        return Optional.empty();
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String title, String field,
                               String message) throws IOException {
        if (ApiProblems.isApi(request, request.getRequestURI())) {
            ApiProblems.write(response, status, title, "Nothing was stored: " + message, Map.of(field, message));
        } else {
            response.sendError(status);
        }
    }

    private static String shown(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "…" : printable;
    }
}
