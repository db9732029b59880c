package io.keyswitch.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The HTTP SMS gateway, against a real HTTP server on 127.0.0.1")
class HttpSmsGatewayTest {

    private static final String PHONE = "+49 170 1234-567";
    private static final String TEXT = "Your Keyswitch code: 123 456 & \"don't\" share\nit ✓";

    /** What the server received, and what it answers. */
    private static final class Provider {
        volatile String method;
        volatile String rawUri;
        volatile String contentType;
        volatile String authorization;
        volatile String body;
        volatile int status = 200;
        volatile String answer = "{\"status\":\"queued\"}";
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean hold;
    }

    private HttpServer server;
    private ExecutorService serverThreads;
    private Provider provider;
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        provider = new Provider();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newFixedThreadPool(2);
        server.setExecutor(serverThreads);
        server.createContext("/", this::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        provider.release.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
        serverThreads.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        provider.method = exchange.getRequestMethod();
        provider.rawUri = exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery();
        provider.contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        provider.authorization = exchange.getRequestHeaders().getFirst("Authorization");
        provider.body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (provider.hold) {
            try {
                provider.release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] answer = provider.answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(provider.status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Test
    @DisplayName("POSTs a JSON body with the values JSON-escaped, and sends the configured headers")
    void jsonBody() {
        // Arrange
        HttpSmsGateway gateway = new HttpSmsGateway(HttpSmsGatewaySettings.post(base + "/v1/messages?account=acme",
                "application/json", "{\"to\":\"${phone}\",\"body\":\"${text}\"}", Map.of("Authorization", "Bearer s3cr3t")));

        // Act
        gateway.send(PHONE, TEXT);

        // Assert
        assertEquals("POST", provider.method);
        assertEquals("/v1/messages?account=acme", provider.rawUri);
        assertEquals("application/json", provider.contentType);
        assertEquals("Bearer s3cr3t", provider.authorization);
        assertEquals("{\"to\":\"+491701234567\",\"body\":\"Your Keyswitch code: 123 456 & \\\"don't\\\" share\\nit ✓\"}", provider.body);
    }

    @Test
    @DisplayName("POSTs a form body with the values form-encoded")
    void formBody() {
        HttpSmsGateway gateway = new HttpSmsGateway(HttpSmsGatewaySettings.post(base + "/send",
                "application/x-www-form-urlencoded", "to=${phone}&text=${text}&from=Keyswitch", Map.of()));

        gateway.send(PHONE, TEXT);

        assertEquals("application/x-www-form-urlencoded", provider.contentType);
        assertEquals("to=%2B491701234567&text=Your+Keyswitch+code%3A+123+456+%26+%22don%27t%22+share%0Ait+%E2%9C%93&from=Keyswitch",
                provider.body);
        assertNull(provider.authorization);
    }

    @Test
    @DisplayName("GETs a URL template with the values percent-encoded")
    void urlTemplate() {
        HttpSmsGateway gateway = new HttpSmsGateway(HttpSmsGatewaySettings.get(
                base + "/api/sms?key=k3y&to=${phone}&msg=${text}", Map.of()));

        gateway.send(PHONE, "Code 123456 & more");

        assertEquals("GET", provider.method);
        assertEquals("/api/sms?key=k3y&to=%2B491701234567&msg=Code%20123456%20%26%20more", provider.rawUri);
        assertEquals("", provider.body);
    }

    @Test
    @DisplayName("turns an HTTP 500 into a clear exception without the text or the API key")
    void serverError() {
        // Arrange
        provider.status = 500;
        provider.answer = "Internal error: could not deliver '" + "Your code: 424242" + "'";
        HttpSmsGateway gateway = new HttpSmsGateway(HttpSmsGatewaySettings.post(base + "/send?apikey=k3y",
                "application/x-www-form-urlencoded", "to=${phone}&text=${text}", Map.of("Authorization", "Basic dXNlcjpwYXNz")));

        // Act
        SmsDeliveryException failure = assertThrows(SmsDeliveryException.class, () -> gateway.send(PHONE, "Your code: 424242"));

        // Assert
        String message = failure.getMessage();
        assertTrue(message.startsWith("SMS gateway refused the message: HTTP 500 from POST " + base + "/send?…"), message);
        assertTrue(message.contains("Internal error: could not deliver '[text]'"), message);
        assertFalse(message.contains("424242"), message);
        assertFalse(message.contains("k3y"), message);
        assertFalse(message.contains("dXNlcjpwYXNz"), message);
    }

    @Test
    @DisplayName("counts any 2xx as accepted")
    void accepted202() {
        provider.status = 202;
        HttpSmsGateway gateway = new HttpSmsGateway(HttpSmsGatewaySettings.get(base + "/send?to=${phone}&text=${text}", Map.of()));

        gateway.send(PHONE, "Code 123456");

        assertEquals("GET", provider.method);
    }

    @Test
    @DisplayName("gives up after the request timeout with a clear exception")
    void timeout() {
        provider.hold = true;
        HttpSmsGateway gateway = new HttpSmsGateway(HttpSmsGatewaySettings.get(base + "/send?to=${phone}&text=${text}", Map.of())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)));

        SmsDeliveryException failure = assertThrows(SmsDeliveryException.class, () -> gateway.send(PHONE, "Code 123456"));

        assertTrue(failure.getMessage().startsWith("SMS gateway did not answer in time (GET " + base + "/send?…"), failure.getMessage());
    }

    @Test
    @DisplayName("reports a gateway that cannot be reached")
    void unreachable() {
        int port = server.getAddress().getPort();
        server.stop(0);
        HttpSmsGateway gateway = new HttpSmsGateway(HttpSmsGatewaySettings.get(
                "http://127.0.0.1:" + port + "/send?to=${phone}&text=${text}", Map.of()));

        SmsDeliveryException failure = assertThrows(SmsDeliveryException.class, () -> gateway.send(PHONE, "Code 123456"));

        assertTrue(failure.getMessage().startsWith("SMS gateway could not be reached"), failure.getMessage());
    }

    @Test
    @DisplayName("refuses unknown placeholders and templates without the text when it is made")
    void checksTemplates() {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> new HttpSmsGateway(
                HttpSmsGatewaySettings.post(base + "/send", "application/json", "{\"to\":\"${phone}\",\"msg\":\"${message}\"}", Map.of())));
        IllegalArgumentException noText = assertThrows(IllegalArgumentException.class, () -> new HttpSmsGateway(
                HttpSmsGatewaySettings.get(base + "/send?to=${phone}", Map.of())));

        assertTrue(typo.getMessage().contains("${message}"), typo.getMessage());
        assertTrue(noText.getMessage().contains("${text}"), noText.getMessage());
    }

    @Test
    @DisplayName("refuses a phone number that is not in international form, before any request")
    void checksPhone() {
        HttpSmsGateway gateway = new HttpSmsGateway(HttpSmsGatewaySettings.get(base + "/send?to=${phone}&text=${text}", Map.of()));

        assertThrows(IllegalArgumentException.class, () -> gateway.send("0170 1234567", "Code 123456"));
        assertThrows(IllegalArgumentException.class, () -> gateway.send("+49170&admin=1", "Code 123456"));
        assertNull(provider.method);
    }
}
