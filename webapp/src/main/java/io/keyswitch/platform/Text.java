package io.keyswitch.platform;

import java.util.Map;
import java.util.Optional;

/**
 * The rules every piece of text a person or a program gives the portal follows before it is stored, whichever way it
 * came (a form, the API, a CSV file): valid Unicode (no lone surrogate, which the database would store as {@code ?};
 * no U+FFFD, which is what a decoder makes of bytes that were not UTF-8), no control characters in one-line text
 * (names, serial numbers, addresses), only line breaks and tabs in multi-line text (descriptions, reasons), and a
 * length the database column holds, counted in characters as the database counts them (code points).
 */
public final class Text {

    private Text() {
    }

    /**
     * One-line text: stripped of blanks at either end, {@code null} when blank; a problem is put into {@code errors}
     * under {@code field} (the first problem of a field wins) and {@code null} returned.
     *
     * @param label what the field is, for the message ("The name")
     */
    public static String oneLine(Map<String, String> errors, String field, String label, String value, int max) {
        return check(errors, field, label, value, max, false);
    }

    /** Multi-line text (line breaks and tabs allowed): stripped, {@code null} when blank; a problem goes into {@code errors}. */
    public static String multiLine(Map<String, String> errors, String field, String label, String value, int max) {
        return check(errors, field, label, value, max, true);
    }

    /**
     * What is wrong with {@code value} as one-line or multi-line text of at most {@code max} characters, as the end of a
     * sentence that starts with the field's label ("… contains a control character (U+0001)."), or empty when it is fine.
     */
    public static Optional<String> problem(String value, int max, boolean multiLine) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("is not valid Unicode text (a lone surrogate " + hex(c) + "); send UTF-8.");
            } else if (c == '\uFFFD') {
                return Optional.of("contains U+FFFD, the mark of text that was not valid UTF-8; send UTF-8.");
            } else if (Character.getType(c) == Character.CONTROL && !(multiLine && (c == '\n' || c == '\r' || c == '\t'))) {
                return Optional.of("contains a control character (" + hex(c) + ")"
                        + (multiLine ? "; only line breaks and tabs are allowed." : "; it must be one line of text."));
            }
        }
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            return Optional.of("has " + length + " characters; at most " + max + " are allowed.");
        }
        return Optional.empty();
    }

    private static String check(Map<String, String> errors, String field, String label, String value, int max, boolean multiLine) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        // the characters are judged as given: a control character at either end is refused, not stripped away
        Optional<String> problem = problem(value, Integer.MAX_VALUE, multiLine).or(() -> problem(stripped, max, multiLine));
        if (problem.isPresent()) {
            errors.putIfAbsent(field, label + " " + problem.get());
            return null;
        }
        return stripped;
    }

    private static String hex(char c) {
        return String.format("U+%04X", (int) c);
    }
}
