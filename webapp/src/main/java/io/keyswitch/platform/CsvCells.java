package io.keyswitch.platform;

import java.util.regex.Pattern;

/**
 * Text for a CSV cell that a spreadsheet opens as text: a value that begins like a formula ({@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return) gets a leading apostrophe, so a device name, an order number or a
 * router's text value such as {@code =HYPERLINK(…)} is shown, never run (OWASP "CSV injection"). Plain numbers
 * ({@code -12.5}) stay as they are, so sums still work; every CSV export passes its free text through here.
 */
public final class CsvCells {

    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private CsvCells() {
    }

    /** {@code value} as a cell: text made safe, anything else (numbers, times, null) unchanged. */
    public static Object cell(Object value) {
        return value instanceof String s ? text(s) : value;
    }

    /** {@code s} with a leading apostrophe when a spreadsheet would read it as a formula; null stays null. */
    public static String text(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        char first = s.charAt(0);
        boolean formulaLike = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formulaLike && !NUMBER.matcher(s).matches() ? "'" + s : s;
    }
}
