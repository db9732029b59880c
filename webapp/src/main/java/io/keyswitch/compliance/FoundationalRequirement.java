package io.keyswitch.compliance;

import java.util.Arrays;

/** The seven foundational requirements of IEC 62443-3-3 that group the system requirements: SR 1.x is FR 1, and so on. */
public enum FoundationalRequirement {

    FR1("Identification and authentication control"),
    FR2("Use control"),
    FR3("System integrity"),
    FR4("Data confidentiality"),
    FR5("Restricted data flow"),
    FR6("Timely response to events"),
    FR7("Resource availability");

    private final String title;

    FoundationalRequirement(String title) {
        this.title = title;
    }

    /** "FR 1 Identification and authentication control". */
    public String heading() {
        return "FR " + number() + " " + title;
    }

    public int number() {
        return ordinal() + 1;
    }

    /**
     * The FR an SR number belongs to ({@code 1.11} → FR 1).
     *
     * @throws IllegalArgumentException for a number that is no SR of FR 1 to 7
     */
    public static FoundationalRequirement of(String srId) {
        int dot = srId.indexOf('.');
        return Arrays.stream(values()).filter(fr -> dot > 0 && srId.substring(0, dot).equals(String.valueOf(fr.number())))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("SR " + srId + " belongs to no FR 1 to 7"));
    }
}
