package io.keyswitch.testing;

import io.keyswitch.launcher.PortalProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A program using the portal's REST API with a bearer token, over HTTPS on loopback. */
public final class ApiClient {

    private final String base;
    private final String authorization;
    private final HttpClient http = PortalProcess.trustingClient();

    /** An answer: status, content type and body. */
    public record Answer(int status, String contentType, String body) {

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public jakarta.json.JsonArray array() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readArray();
            }
        }
    }

    public ApiClient(String baseUrl, String token) {
        this(baseUrl, token == null ? null : "Bearer " + token, true);
    }

    private ApiClient(String baseUrl, String authorization, boolean asGiven) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = authorization;
    }

    /** A client that sends this {@code Authorization} header as it is ({@code Basic …}; {@code null}: none). */
    public static ApiClient withAuthorization(String baseUrl, String authorization) {
        return new ApiClient(baseUrl, authorization, true);
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    /** A GET that accepts {@code accept} ({@code text/csv}) instead of JSON. */
    public Answer get(String path, String accept) {
        return send(request(path).setHeader("Accept", accept).GET());
    }

    public Answer post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer postCsv(String path, String csv) {
        return send(request(path).header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)));
    }

    /** A file an answer carries (a ZIP), as bytes, with its status, content type and Content-Disposition ("" if none). */
    public record Download(int status, String contentType, byte[] bytes, String disposition) {
    }

    /** A JSON POST whose answer is a file (or a problem+json); the answer's bytes as they came. */
    public Download postForFile(String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("Accept", "application/zip, application/problem+json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<byte[]> r = exchange(b, HttpResponse.BodyHandlers.ofByteArray());
        return new Download(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                r.headers().firstValue("Content-Disposition").orElse(""));
    }

    /** A GET whose answer is a file (a PDF, a CSV) or a problem+json: the answer's bytes as they came. */
    public Download getForFile(String path, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("Accept", accept + ", application/problem+json").GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<byte[]> r = exchange(b, HttpResponse.BodyHandlers.ofByteArray());
        return new Download(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                r.headers().firstValue("Content-Disposition").orElse(""));
    }

    public Answer put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("Accept", "application/json");
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    private Answer send(HttpRequest.Builder request) {
        HttpResponse<String> r = exchange(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
