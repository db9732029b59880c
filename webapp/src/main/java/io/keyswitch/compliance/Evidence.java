package io.keyswitch.compliance;

import java.util.Objects;

/**
 * One measured fact for one system requirement, in words with its numbers, e.g. SR {@code 1.1}: "authenticator app
 * enrolled by 67 % of active users (2 of 3)".
 */
public record Evidence(String requirement, String text) {

    public Evidence {
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(text, "text");
    }
}
