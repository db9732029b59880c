package io.keyswitch.workreport;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of an account's own report fields, each with the one rule a value of it follows: text (one line, at most
 * {@link #MAX_TEXT} characters), a number (digits with an optional sign and decimal point, as the form and the API
 * send it), a date (ISO {@code 2026-12-03}) or one of the field's choices. A value is checked as text because that is
 * how both the form and the API give it; what is stored is the value normalized ({@code 007.50} → {@code 7.5}).
 */
public enum FieldKind {
    TEXT("text"),
    NUMBER("number"),
    DATE("date"),
    CHOICE("choice");

    /** A text field's value holds at most this many characters. */
    public static final int MAX_TEXT = 500;

    private final String word;

    FieldKind(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /**
     * The value normalized, or why it is not one of this kind: the end of a sentence beginning with the field's name
     * ("must be a number such as 12.5."). {@code value} is stripped and not blank (blank is "not given", checked by
     * the caller).
     */
    public Checked check(String value, List<String> choices) {
        return switch (this) {
            case TEXT -> io.keyswitch.platform.Text.problem(value, MAX_TEXT, false)
                    .map(Checked::wrong).orElseGet(() -> Checked.ok(value));
            case NUMBER -> number(value);
            case DATE -> date(value);
            case CHOICE -> choices.contains(value) ? Checked.ok(value)
                    : Checked.wrong("must be one of: " + String.join(", ", choices) + ".");
        };
    }

    private static Checked number(String value) {
        if (!value.matches("[+-]?(\\d{1,15}(\\.\\d{1,6})?|\\.\\d{1,6})")) {
            return Checked.wrong("must be a number such as 12 or 12.5 (at most 15 digits before the point and 6 after).");
        }
        return Checked.ok(new BigDecimal(value).stripTrailingZeros().toPlainString());
    }

    private static Checked date(String value) {
        try {
            return Checked.ok(LocalDate.parse(value).toString());
        } catch (DateTimeParseException e) {
            return Checked.wrong("must be a date such as 2026-12-03 (year-month-day).");
        }
    }

    /** A value checked: the normalized value, or the problem. */
    public record Checked(String value, String problem) {
        static Checked ok(String value) {
            return new Checked(value, null);
        }

        static Checked wrong(String problem) {
            return new Checked(null, problem);
        }

        public Optional<String> problemText() {
            return Optional.ofNullable(problem);
        }
    }
}
