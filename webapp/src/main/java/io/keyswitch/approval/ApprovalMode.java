package io.keyswitch.approval;

/** Whether connections need approval: as the project says (devices only), never, or by the members of a user group. */
public enum ApprovalMode {
    INHERIT("as its project"),
    NONE("no approval"),
    GROUP("approval by a group");

    private final String words;

    ApprovalMode(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** A mode a person or a program named; a bad one goes into {@code errors} under {@code mode}. */
    static ApprovalMode parse(String text, boolean device, java.util.Map<String, String> errors) {
        try {
            ApprovalMode m = ApprovalMode.valueOf(text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT));
            if (m == INHERIT && !device) {
                errors.put("mode", "A project has nothing to inherit from: choose NONE or GROUP.");
                return null;
            }
            return m;
        } catch (IllegalArgumentException e) {
            errors.put("mode", device ? "Choose INHERIT, NONE or GROUP." : "Choose NONE or GROUP.");
            return null;
        }
    }
}
