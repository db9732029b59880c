package io.keyswitch.compliance;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How far the portal meets a system requirement, in the words of docs/secure/iec62443.md's status column. */
public enum RequirementStatus {

    /** Built and tested. */
    IMPLEMENTED,
    /** Partly built; the row says what is missing. */
    PARTLY,
    /** Not built yet. */
    PLANNED,
    /** The operator's duty, outside the appliance. */
    OPERATOR;

    /** The word the mapping uses ({@code implemented}, {@code partly}, …). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status a mapping row's word names, if it is one of the four. */
    public static Optional<RequirementStatus> ofWord(String word) {
        return Arrays.stream(values()).filter(s -> s.word().equals(word)).findFirst();
    }
}
