package io.keyswitch.platform.api;

import io.keyswitch.platform.ValidationFailed;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * An RFC 9457 problem detail: what went wrong in plain words, never a stack trace.
 *
 * @param errors for validation problems: field name → message
 */
public record Problem(String type, String title, int status, String detail, Map<String, String> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(int status, String title, String detail, Map<String, String> errors) {
        return Response.status(status)
                .type(MediaType.valueOf(MEDIA_TYPE))
                .entity(new Problem("about:blank", title, status, detail, errors))
                .build();
    }

    public static Response response(int status, String title, String detail) {
        return response(status, title, detail, null);
    }

    /**
     * 429 for a jailed client: too many failed logins from its address (or for its name), with {@code Retry-After}
     * in whole seconds until {@code until}.
     */
    public static Response tooManyRequests(java.time.Instant until, java.time.Instant now) {
        long seconds = Math.max(1, java.time.Duration.between(now, until).toSeconds() + 1);
        return Response.fromResponse(response(429, "Too Many Requests",
                "Too many failed logins from this address; try again later.")).header("Retry-After", seconds).build();
    }

    /** 400 for input that cannot be stored, with a message per field: nothing was stored. */
    public static Response invalid(ValidationFailed e) {
        return response(400, "Invalid input", "Nothing was stored: " + e.getMessage(), e.fieldErrors());
    }

    /** The problem as JSON text, for answers written outside JAX-RS (servlet filters, the container's error pages). */
    public String toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder().add("type", type).add("title", title).add("status", status);
        if (detail != null) {
            json.add("detail", detail);
        }
        if (errors != null) {
            JsonObjectBuilder fields = Json.createObjectBuilder();
            errors.forEach(fields::add);
            json.add("errors", fields);
        }
        return json.build().toString();
    }
}
