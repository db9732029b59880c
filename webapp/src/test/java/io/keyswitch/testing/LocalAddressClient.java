package io.keyswitch.testing;

import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.FacesClient.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * A browser reduced to HTTP, like {@link FacesClient}, whose connections come from a chosen
 * loopback address such as {@code 127.0.0.2} (all of 127/8 is loopback on Linux), so that a test
 * can be another client address for the portal. {@code java.net.http} cannot bind a local
 * address; {@link HttpsURLConnection} with a socket factory that binds before connecting can.
 */
public final class LocalAddressClient {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    /** PrimeFaces' CSP mode: its script puts the page's nonce into every form as primefaces.nonce, and the server checks it. */
    private static final Pattern CSP_NONCE = Pattern.compile("PrimeFaces\\.csp\\.init\\('([^']+)'\\)");

    private final String base;
    private final SSLSocketFactory sockets;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final List<String> setCookieHeaders = new java.util.ArrayList<>();
    private Map<String, List<String>> lastHeaders = Map.of();

    /** @param baseUrl e.g. {@code https://127.0.0.1:8443/}; the portal must listen on that address */
    public LocalAddressClient(String baseUrl, String localAddress) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.sockets = new BindingSocketFactory(PortalProcess.trustingClient().sslContext().getSocketFactory(),
                localAddress);
    }

    public Page get(String path) {
        return send("GET", base + path, null);
    }

    /** Submits a Faces form as {@link FacesClient#submit} does. */
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
        return send("POST", base + page.path(), body);
    }

    /** POSTs a JSON body with an {@code Authorization} header (an API call from this client's address). */
    public Page postJson(String path, String authorization, String json) {
        return send("POST", base + path, json, "application/json", authorization);
    }

    private Page send(String method, String url, String body) {
        return send(method, url, body, "application/x-www-form-urlencoded", null);
    }

    private Page send(String method, String url, String body, String contentType, String authorization) {
        try {
            for (int hops = 0; hops < 5; hops++) {
                HttpsURLConnection c = (HttpsURLConnection) URI.create(url).toURL().openConnection();
                c.setSSLSocketFactory(sockets);
                c.setHostnameVerifier((host, session) -> true); // loopback, the portal's self-signed certificate
                c.setInstanceFollowRedirects(false);
                c.setUseCaches(false);
                c.setRequestMethod(method);
                c.setRequestProperty("Connection", "close");
                if (authorization != null) {
                    c.setRequestProperty("Authorization", authorization);
                }
                if (!cookies.isEmpty()) {
                    c.setRequestProperty("Cookie", cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
                }
                if (body != null) {
                    c.setDoOutput(true);
                    c.setRequestProperty("Content-Type", contentType);
                    try (OutputStream out = c.getOutputStream()) {
                        out.write(body.getBytes(StandardCharsets.UTF_8));
                    }
                }
                int status = c.getResponseCode();
                lastHeaders = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                c.getHeaderFields().forEach((k, v) -> {
                    if (k != null) {
                        lastHeaders.put(k, v);
                    }
                });
                List<String> setCookies = lastHeaders.getOrDefault("Set-Cookie", List.of());
                setCookieHeaders.addAll(setCookies);
                for (String set : setCookies) {
                    String pair = set.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                    }
                }
                String location = c.getHeaderField("Location");
                if (status / 100 == 3 && location != null) {
                    url = URI.create(url).resolve(location).toString();
                    method = "GET";
                    body = null;
                    c.disconnect();
                    continue;
                }
                InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
                String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                c.disconnect();
                return new Page(status, URI.create(url).getRawPath(), text);
            }
            throw new AssertionError("too many redirects from " + url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The headers of the last response (after redirects), by case-insensitive name. */
    public Map<String, List<String>> lastHeaders() {
        return lastHeaders;
    }

    /** Every Set-Cookie header this client has received, redirects included. */
    public List<String> setCookieHeaders() {
        return List.copyOf(setCookieHeaders);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Hands out TLS sockets bound to the local address before they connect. */
    private static final class BindingSocketFactory extends SSLSocketFactory {

        private final SSLSocketFactory delegate;
        private final InetAddress local;

        BindingSocketFactory(SSLSocketFactory delegate, String localAddress) {
            this.delegate = delegate;
            try {
                this.local = InetAddress.getByName(localAddress);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Socket createSocket() throws IOException {
            Socket s = delegate.createSocket();
            s.bind(new InetSocketAddress(local, 0));
            return s;
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return delegate.createSocket(s, host, port, autoClose);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return delegate.createSocket(host, port, local, 0);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return delegate.createSocket(host, port, local, 0);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return delegate.createSocket(host, port, local, 0);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return delegate.createSocket(address, port, local, 0);
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }
    }
}
