package io.keyswitch.compliance;

import java.util.Objects;

/**
 * One row of the IEC 62443-3-3 mapping.
 *
 * @param id the SR number, e.g. {@code 1.11}
 * @param title the standard's title of the requirement
 * @param status how far the portal meets it
 * @param how how it is met, the tests that prove it, or the plan (inline markdown, as the mapping has it)
 */
public record SystemRequirement(String id, String title, RequirementStatus status, String how) {

    public SystemRequirement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(how, "how");
    }
}
