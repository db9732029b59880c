package io.keyswitch.sms;

import io.keyswitch.platform.SettingsReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How {@link HttpSmsGateway} calls the provider. Every setting has a key, a type and a default:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>type</th><th>default</th></tr>
 *   <tr><td>{@value #KEY_METHOD}</td><td>GET | POST | PUT</td><td>{@value #DEFAULT_METHOD}</td></tr>
 *   <tr><td>{@value #KEY_URL}</td><td>URL template</td><td>(required)</td></tr>
 *   <tr><td>{@value #KEY_BODY}</td><td>body template</td><td>(none: no body)</td></tr>
 *   <tr><td>{@value #KEY_CONTENT_TYPE}</td><td>media type</td><td>{@value #DEFAULT_CONTENT_TYPE}</td></tr>
 *   <tr><td>{@value #KEY_HEADERS}</td><td>{@code Name: value} lines</td><td>(none)</td></tr>
 *   <tr><td>{@value #KEY_CONNECT_TIMEOUT}</td><td>duration</td><td>PT5S</td></tr>
 *   <tr><td>{@value #KEY_REQUEST_TIMEOUT}</td><td>duration</td><td>PT10S</td></tr>
 * </table>
 *
 * <p>Templates may hold {@code ${phone}} (E.164, e.g. {@code +491701234567}) and {@code ${text}}.
 * Header values often hold credentials ({@code Authorization: Bearer …}), and the URL may hold
 * an API key in its query: {@link #toString()} shows neither.
 *
 * @param method the HTTP method
 * @param url the URL template; values are percent-encoded
 * @param body the body template, escaped as {@code contentType} needs, or {@code null} for none
 * @param contentType the body's media type, sent as {@code Content-Type}
 * @param headers extra request headers, e.g. {@code Authorization}
 * @param connectTimeout how long to wait for the TCP/TLS connection
 * @param requestTimeout how long to wait for the answer
 */
public record HttpSmsGatewaySettings(String method, String url, String body, String contentType,
        Map<String, String> headers, Duration connectTimeout, Duration requestTimeout) {

    public static final String KEY_METHOD = "keyswitch.sms.http.method";
    public static final String KEY_URL = "keyswitch.sms.http.url";
    public static final String KEY_BODY = "keyswitch.sms.http.body";
    public static final String KEY_CONTENT_TYPE = "keyswitch.sms.http.content-type";
    public static final String KEY_HEADERS = "keyswitch.sms.http.headers";
    public static final String KEY_CONNECT_TIMEOUT = "keyswitch.sms.http.connect-timeout";
    public static final String KEY_REQUEST_TIMEOUT = "keyswitch.sms.http.request-timeout";

    public static final String DEFAULT_METHOD = "POST";
    public static final String DEFAULT_CONTENT_TYPE = "application/x-www-form-urlencoded";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public HttpSmsGatewaySettings {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        method = method.trim().toUpperCase(Locale.ROOT);
        if (!method.matches("GET|POST|PUT")) {
            throw new IllegalArgumentException(KEY_METHOD + " must be GET, POST or PUT, not " + method);
        }
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw new IllegalArgumentException(KEY_URL + " must be an http:// or https:// URL template");
        }
        if (body != null && body.isEmpty()) {
            body = null;
        }
        if ("GET".equals(method) && body != null) {
            throw new IllegalArgumentException(KEY_BODY + " must be empty with GET");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("SMS gateway timeouts must be positive");
        }
        headers = Map.copyOf(headers);
    }

    /** A POST of a body template to a URL, with the default content type and timeouts. */
    public static HttpSmsGatewaySettings post(String url, String contentType, String body, Map<String, String> headers) {
        return new HttpSmsGatewaySettings("POST", url, body, contentType, headers, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    /** A GET of a URL template, with the default timeouts. */
    public static HttpSmsGatewaySettings get(String url, Map<String, String> headers) {
        return new HttpSmsGatewaySettings("GET", url, null, DEFAULT_CONTENT_TYPE, headers, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    /** A copy with other timeouts. */
    public HttpSmsGatewaySettings withTimeouts(Duration connect, Duration request) {
        return new HttpSmsGatewaySettings(method, url, body, contentType, headers, connect, request);
    }

    /**
     * Reads the settings by key; a key the lookup answers with {@code null} or blank keeps its default.
     *
     * @throws IllegalArgumentException naming the key that is missing or unusable
     */
    public static HttpSmsGatewaySettings from(UnaryOperator<String> lookup) {
        SettingsReader read = SettingsReader.of(lookup);
        String url = read.optionalText(KEY_URL)
                .orElseThrow(() -> new IllegalArgumentException(KEY_URL + " is required for the HTTP SMS gateway"));
        return new HttpSmsGatewaySettings(
                read.text(KEY_METHOD, DEFAULT_METHOD),
                url,
                lookup.apply(KEY_BODY),
                read.text(KEY_CONTENT_TYPE, DEFAULT_CONTENT_TYPE),
                read.value(KEY_HEADERS, "", HttpSmsGatewaySettings::headers),
                read.duration(KEY_CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT),
                read.duration(KEY_REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT));
    }

    /** Method, URL without its query, content type and header names; never credentials. */
    @Override
    public String toString() {
        return "HttpSmsGatewaySettings[" + method + " " + withoutQuery(url) + ", " + contentType
                + ", headers " + headers.keySet() + " (values hidden), connect " + connectTimeout + ", request " + requestTimeout + "]";
    }

    static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    private static Map<String, String> headers(String lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("each line must be 'Name: value'");
            }
            headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return headers;
    }
}
