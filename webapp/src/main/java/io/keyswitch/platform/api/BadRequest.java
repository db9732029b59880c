package io.keyswitch.platform.api;

import io.keyswitch.platform.ValidationFailed;
import jakarta.ws.rs.WebApplicationException;
import java.util.Map;

/**
 * Input the API refuses before any resource runs (a body that is not UTF-8 JSON of the expected shape, a parameter
 * that is not what it claims): a 400 problem with a message per field, the same shape as {@link ValidationFailed}'s.
 * A {@link WebApplicationException}, because JAX-RS lets only those out of parameter converters and entity readers
 * unchanged.
 */
public class BadRequest extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    public BadRequest(Map<String, String> errors) {
        this(new ValidationFailed(errors));
    }

    public BadRequest(ValidationFailed invalid) {
        super(invalid.getMessage(), Problem.invalid(invalid));
    }

    public static BadRequest of(String field, String message) {
        return new BadRequest(Map.of(field, message));
    }
}
