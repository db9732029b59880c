package io.keyswitch.sms;

import java.util.stream.Collectors;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which gateway delivers SMS codes, as the page "SMS gateway" sets it (appliance-wide settings
 * {@code sms.*}): none (the SMS factor is not offered), a provider's HTTP API, or the log-only
 * gateway for tests and trials. The HTTP fields are those of {@link HttpSmsGatewaySettings}.
 *
 * @param kind which gateway
 * @param method GET, POST or PUT
 * @param url the URL template ({@code ${phone}}, {@code ${text}})
 * @param body the body template, blank for none
 * @param contentType the body's media type
 * @param headers {@code Name: value} lines, e.g. {@code Authorization: Bearer …}: the credential;
 *     never shown, logged or audited
 */
public record SmsGatewaySettings(Kind kind, String method, String url, String body, String contentType, String headers) {

    /** Which gateway delivers codes. */
    public enum Kind {
        /** No SMS: the factor is not offered. */
        NONE,
        /** A provider's HTTP API ({@link HttpSmsGateway}). */
        HTTP,
        /** Nothing is sent; messages are logged with codes masked ({@link LogOnlySmsGateway}). For tests and trials. */
        LOG_ONLY
    }

    public static final String KEY_KIND = "sms.gateway";
    public static final String KEY_METHOD = "sms.http.method";
    public static final String KEY_URL = "sms.http.url";
    public static final String KEY_BODY = "sms.http.body";
    public static final String KEY_CONTENT_TYPE = "sms.http.content-type";
    public static final String KEY_HEADERS = "sms.http.headers";

    public SmsGatewaySettings {
        kind = kind == null ? Kind.NONE : kind;
        method = blank(method) ? HttpSmsGatewaySettings.DEFAULT_METHOD : method.strip().toUpperCase(Locale.ROOT);
        url = url == null ? "" : url.strip();
        body = body == null ? "" : body;
        contentType = blank(contentType) ? HttpSmsGatewaySettings.DEFAULT_CONTENT_TYPE : contentType.strip();
        headers = headers == null ? "" : headers.strip();
    }

    /** Nothing configured: no SMS. */
    public static SmsGatewaySettings none() {
        return new SmsGatewaySettings(Kind.NONE, null, null, null, null, null);
    }

    /** Whether codes can be sent. */
    public boolean configured() {
        return kind != Kind.NONE;
    }

    /**
     * The HTTP gateway's settings, checked as at start (method, URL, templates, headers), with the
     * default timeouts.
     *
     * @throws IllegalArgumentException naming the {@code keyswitch.sms.http.*} key that is wrong
     */
    public HttpSmsGatewaySettings http() {
        Map<String, String> values = new HashMap<>();
        values.put(HttpSmsGatewaySettings.KEY_METHOD, method);
        values.put(HttpSmsGatewaySettings.KEY_URL, url);
        values.put(HttpSmsGatewaySettings.KEY_BODY, body.isBlank() ? null : body);
        values.put(HttpSmsGatewaySettings.KEY_CONTENT_TYPE, contentType);
        values.put(HttpSmsGatewaySettings.KEY_HEADERS, headers);
        return HttpSmsGatewaySettings.from(values::get);
    }

    /** The settings for the log and the audit: no header values, no URL query (either may hold credentials), no body. */
    public String describe() {
        return shown().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /**
     * Each field as the log and the audit trail show it: the URL without its query, the body only as {@code (set)},
     * the headers' names only — never a credential.
     */
    public Map<String, String> shown() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("gateway", kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (kind != Kind.HTTP) {
            return shown;
        }
        int query = url.indexOf('?');
        String names = headers.lines().filter(l -> l.indexOf(':') > 0).map(l -> l.substring(0, l.indexOf(':')).strip())
                .reduce((a, b) -> a + "," + b).orElse("(none)");
        shown.put("method", method);
        shown.put("url", query < 0 ? url : url.substring(0, query) + "?…");
        shown.put("content-type", contentType);
        shown.put("body", body.isBlank() ? "(none)" : "(set)");
        shown.put("headers", names);
        return shown;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
