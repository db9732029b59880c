package io.keyswitch.sms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Sends SMS through a provider's HTTP API, described by {@link HttpSmsGatewaySettings}: method,
 * URL and body templates, content type, headers and timeouts. Any 2xx answer counts as
 * accepted; anything else, a timeout or a connection failure is an {@link SmsDeliveryException}
 * that says which, and never carries the text (it holds the code).
 *
 * <p>Uses the JDK's {@link HttpClient} (HTTP/1.1, redirects not followed so credentials go
 * nowhere else). Thread-safe; one instance serves all logins.
 */
public final class HttpSmsGateway implements SmsGateway {

    private static final Logger LOG = Logger.getLogger(HttpSmsGateway.class.getName());
    private static final int EXCERPT_CHARS = 200;

    private final HttpSmsGatewaySettings settings;
    private final MessageTemplate url;
    private final MessageTemplate body;
    private final MessageTemplate.Escaping bodyEscaping;
    private final HttpClient client;

    /**
     * Checks the templates and logs the gateway in use (without credentials).
     *
     * @throws IllegalArgumentException if a template holds an unknown placeholder, or neither
     *     template mentions {@code ${text}} or {@code ${phone}}
     */
    public HttpSmsGateway(HttpSmsGatewaySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.url = new MessageTemplate(settings.url(), HttpSmsGatewaySettings.KEY_URL);
        this.body = settings.body() == null ? null : new MessageTemplate(settings.body(), HttpSmsGatewaySettings.KEY_BODY);
        for (String placeholder : new String[] {"phone", "text"}) {
            if (!url.mentions(placeholder) && (body == null || !body.mentions(placeholder))) {
                throw new IllegalArgumentException("Neither " + HttpSmsGatewaySettings.KEY_URL + " nor "
                        + HttpSmsGatewaySettings.KEY_BODY + " mentions ${" + placeholder + "}");
            }
        }
        this.bodyEscaping = MessageTemplate.Escaping.forContentType(settings.contentType());
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .build();
        LOG.info("SMS gateway: " + settings);
    }

    @Override
    public void send(String phoneNumber, String text) {
        String phone = SmsGateway.e164(phoneNumber);
        Objects.requireNonNull(text, "text");
        HttpRequest request = request(phone, text);
        String target = settings.method() + " " + HttpSmsGatewaySettings.withoutQuery(request.uri().toString());
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new SmsDeliveryException("SMS gateway did not answer in time (" + target + ", connect timeout "
                    + settings.connectTimeout() + ", request timeout " + settings.requestTimeout() + ")", e);
        } catch (IOException e) {
            throw new SmsDeliveryException("SMS gateway could not be reached (" + target + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsDeliveryException("Interrupted while sending an SMS (" + target + ")", e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new SmsDeliveryException("SMS gateway refused the message: HTTP " + status + " from " + target
                    + "; answer: " + excerpt(response.body(), text));
        }
    }

    private HttpRequest request(String phone, String text) {
        URI uri;
        try {
            uri = URI.create(url.expand(phone, text, MessageTemplate.Escaping.URL));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(HttpSmsGatewaySettings.KEY_URL + " does not give a valid URL", e);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout());
        settings.headers().forEach(builder::header);
        if (body == null) {
            return builder.method(settings.method(), HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", settings.contentType())
                .method(settings.method(), HttpRequest.BodyPublishers.ofString(body.expand(phone, text, bodyEscaping), StandardCharsets.UTF_8))
                .build();
    }

    /** The start of the gateway's answer, for the administrator, without control characters or the text sent. */
    private static String excerpt(String answer, String text) {
        if (answer == null || answer.isBlank()) {
            return "(empty)";
        }
        String clean = answer.replace(text, "[text]").replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > EXCERPT_CHARS ? clean.substring(0, EXCERPT_CHARS) + "…" : clean;
    }
}
