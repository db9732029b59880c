package io.keyswitch.testing;

import io.keyswitch.launcher.PortalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser reduced to HTTP: keeps cookies, follows redirects, and submits Faces forms
 * (form id, fields, the pressed button and the view state) as a real browser would.
 */
public final class FacesClient {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    /** PrimeFaces' CSP mode: its script puts the page's nonce into every form as primefaces.nonce, and the server checks it. */
    private static final Pattern CSP_NONCE = Pattern.compile("PrimeFaces\\.csp\\.init\\('([^']+)'\\)");

    private final String base;
    private final HttpClient http;
    private final Map<String, String> headers;

    /** What the server answered, after following redirects. */
    public record Page(int status, String path, String body) {

        public boolean contains(String text) {
            return body.contains(text);
        }
    }

    public FacesClient(String baseUrl) {
        this(baseUrl, Map.of());
    }

    /**
     * A browser that sends {@code headers} with every request, e.g. a forged {@code Host} (the test JVM allows it:
     * {@code jdk.httpclient.allowRestrictedHeaders=host} in the failsafe configuration).
     */
    public FacesClient(String baseUrl, Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        HttpClient trusting = PortalProcess.trustingClient();
        this.http = HttpClient.newBuilder()
                .sslContext(trusting.sslContext())
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Submits the form {@code formId} of {@code page} with {@code fields} (ids without the form prefix) by pressing {@code button}. */
    public Page submit(Page page, String formId, Map<String, String> fields, String button) {
        Matcher m = VIEW_STATE.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no Faces form on " + page.path());
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put(formId, formId);
        fields.forEach((k, v) -> form.put(formId + ":" + k, v));
        form.put(formId + ":" + button, "");
        form.put("jakarta.faces.ViewState", m.group(1).replace("&#58;", ":"));
        Matcher nonce = CSP_NONCE.matcher(page.body());
        if (nonce.find()) {
            form.put("primefaces.nonce", nonce.group(1));
        }
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + page.path()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * What PrimeFaces' script sends for an ajax event of {@code source} (e.g. a wizard's "Next"): the form's
     * {@code fields}, {@code params} of the component, and the partial execute/render of {@code source}.
     * Returns the partial response (XML) as the page body; the page's view state is kept.
     */
    public Page ajax(Page page, String formId, String source, Map<String, String> fields, Map<String, String> params) {
        Matcher m = VIEW_STATE.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no Faces form on " + page.path());
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("jakarta.faces.partial.ajax", "true");
        form.put("jakarta.faces.source", source);
        form.put("jakarta.faces.partial.execute", source);
        form.put("jakarta.faces.partial.render", source);
        form.put(source, source);
        form.putAll(params);
        form.put(formId, formId);
        fields.forEach((k, v) -> form.put(formId + ":" + k, v));
        form.put("jakarta.faces.ViewState", m.group(1).replace("&#58;", ":"));
        Matcher nonce = CSP_NONCE.matcher(page.body());
        if (nonce.find()) {
            form.put("primefaces.nonce", nonce.group(1));
        }
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + page.path()))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Faces-Request", "partial/ajax")
                .header("X-Requested-With", "XMLHttpRequest")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Page send(HttpRequest.Builder request) {
        headers.forEach(request::header);
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Page(r.statusCode(), r.uri().getRawPath(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
