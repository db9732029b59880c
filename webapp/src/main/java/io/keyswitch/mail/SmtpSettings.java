package io.keyswitch.mail;

import java.util.stream.Collectors;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * The SMTP account the portal sends through, kept in the {@code setting} table (appliance-wide,
 * keys {@code mail.smtp.*}, {@code mail.from}) and changed on the page "E-mail (SMTP)".
 *
 * @param host the SMTP server; blank means "no mail"
 * @param port e.g. 25, 587 (STARTTLS) or 465 (TLS)
 * @param security how the connection is protected
 * @param user the login, blank for none
 * @param password the password, blank for none; never shown, logged or audited
 * @param from the sender address
 */
public record SmtpSettings(String host, int port, Security security, String user, String password, String from) {

    /** How the connection to the SMTP server is protected. */
    public enum Security {
        /** Plain SMTP: only for a relay on the same host or network. */
        NONE,
        /** STARTTLS, required (the mail is not sent if the server does not offer it). */
        STARTTLS,
        /** TLS from the first byte (SMTPS, usually port 465). */
        TLS
    }

    public static final String KEY_HOST = "mail.smtp.host";
    public static final String KEY_PORT = "mail.smtp.port";
    public static final String KEY_SECURITY = "mail.smtp.security";
    public static final String KEY_USER = "mail.smtp.user";
    public static final String KEY_PASSWORD = "mail.smtp.password";
    public static final String KEY_FROM = "mail.from";

    /** Nothing configured: no mail is sent. */
    public static SmtpSettings none() {
        return new SmtpSettings("", 587, Security.STARTTLS, "", "", "");
    }

    public boolean configured() {
        return host != null && !host.isBlank() && from != null && !from.isBlank();
    }

    public boolean authenticated() {
        return user != null && !user.isBlank();
    }

    /** The settings for the log and the audit: everything but the password. */
    public String describe() {
        return shown().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** Each field as the log and the audit trail show it: the password only as {@code (set)} or {@code (none)}. */
    public Map<String, String> shown() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("host", host);
        shown.put("port", Integer.toString(port));
        shown.put("security", security.name().toLowerCase(Locale.ROOT));
        shown.put("user", authenticated() ? user : "(none)");
        shown.put("password", password == null || password.isEmpty() ? "(none)" : "(set)");
        shown.put("from", from);
        return shown;
    }
}
