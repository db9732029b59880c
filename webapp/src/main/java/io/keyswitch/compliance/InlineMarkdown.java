package io.keyswitch.compliance;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The little inline markdown the mapping's cells use, as HTML for the page: {@code `code`}, {@code **bold**} and
 * {@code [text](link)} (shown as its text: the links point into the docs, not the portal). Everything else is escaped
 * first, so no text of the file can become markup. For the PDF the same markup is left out ({@link #toPlain}).
 */
public final class InlineMarkdown {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\([^)\\s]+\\)");

    private InlineMarkdown() {
    }

    public static String toHtml(String markdown) {
        String html = escape(markdown);
        html = LINK.matcher(html).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        html = CODE.matcher(html).replaceAll(m -> Matcher.quoteReplacement("<code>" + m.group(1) + "</code>"));
        return BOLD.matcher(html).replaceAll(m -> Matcher.quoteReplacement("<strong>" + m.group(1) + "</strong>"));
    }

    /** The text without its markup, for a PDF: code and bold as their text, links as their text. */
    public static String toPlain(String markdown) {
        String plain = LINK.matcher(markdown).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        plain = CODE.matcher(plain).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        return BOLD.matcher(plain).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
