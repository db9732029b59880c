package io.keyswitch.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input that cannot be stored, with a message per field (in plain words, for display next to the
 * field). Thrown inside a transaction, it rolls the whole change back: nothing is half stored.
 */
public class ValidationFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> fieldErrors;

    public ValidationFailed(Map<String, String> fieldErrors) {
        super(String.join(" ", fieldErrors.values()));
        this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    }

    public static ValidationFailed of(String field, String message) {
        return new ValidationFailed(Map.of(field, message));
    }

    /** Field name → message; the field is the form field's id. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
