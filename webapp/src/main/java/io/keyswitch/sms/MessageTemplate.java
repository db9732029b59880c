package io.keyswitch.sms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gateway request template with the placeholders {@code ${phone}} and {@code ${text}}, each
 * replaced by its value escaped for where the template puts it: percent-encoded in a URL,
 * form-encoded in a form body, JSON-escaped in JSON, XML-escaped in XML. Any other
 * {@code ${…}} is refused when the template is made, so a typo shows at start, not at the first
 * login.
 */
final class MessageTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    /** How values are escaped for the place the template is used. */
    enum Escaping {
        /** In a URL: UTF-8 percent-encoding, space as {@code %20}. */
        URL(value -> URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")),
        /** In an {@code application/x-www-form-urlencoded} body: space as {@code +}. */
        FORM(value -> URLEncoder.encode(value, StandardCharsets.UTF_8)),
        /** Inside a JSON string (the template supplies the quotes). */
        JSON(MessageTemplate::jsonEscape),
        /** In XML text or an attribute value. */
        XML(value -> value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;")),
        /** As is, for {@code text/plain} and anything unknown. */
        NONE(value -> value);

        private final UnaryOperator<String> escaper;

        Escaping(UnaryOperator<String> escaper) {
            this.escaper = escaper;
        }

        /** The escaping a body of this content type needs. */
        static Escaping forContentType(String contentType) {
            String type = contentType.toLowerCase(Locale.ROOT);
            if (type.contains("json")) {
                return JSON;
            }
            if (type.startsWith("application/x-www-form-urlencoded")) {
                return FORM;
            }
            if (type.contains("xml")) {
                return XML;
            }
            return NONE;
        }
    }

    private final String template;

    MessageTemplate(String template, String what) {
        Matcher placeholders = PLACEHOLDER.matcher(template);
        while (placeholders.find()) {
            String name = placeholders.group(1);
            if (!name.equals("phone") && !name.equals("text")) {
                throw new IllegalArgumentException(what + ": unknown placeholder ${" + name + "}; only ${phone} and ${text} exist");
            }
        }
        this.template = template;
    }

    /** The template with both placeholders replaced by their escaped values. */
    String expand(String phone, String text, Escaping escaping) {
        Matcher placeholders = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + text.length() * 2);
        while (placeholders.find()) {
            String value = placeholders.group(1).equals("phone") ? phone : text;
            placeholders.appendReplacement(out, Matcher.quoteReplacement(escaping.escaper.apply(value)));
        }
        placeholders.appendTail(out);
        return out.toString();
    }

    boolean mentions(String placeholder) {
        return template.contains("${" + placeholder + "}");
    }

    private static String jsonEscape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
