package io.keyswitch.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * A tier runs only where its tools exist: a missing tool skips the test with the reason printed,
 * and fails it when {@code CI=true}, where every tier must run.
 */
public final class Tools {

    private Tools() {
    }

    public static void require(String tier, String... executables) {
        List<String> missing = java.util.Arrays.stream(executables)
                .filter(e -> !Files.isExecutable(Path.of(e)))
                .collect(Collectors.toList());
        if (missing.isEmpty()) {
            return;
        }
        String reason = "the " + tier + " tier needs " + String.join(", ", missing);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(reason + " (CI=true: a missing tool is a failure)");
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }
}
