package io.keyswitch.audit.report;

import java.util.Locale;
import java.util.Set;

/**
 * The second factor a login event names, in words ("authenticator app", "recovery code", "e-mail link", "SMS code",
 * "none"), read from what the login code writes: a completed login's details say {@code second factor: <factor>}
 * ({@code none (password only)} where no second factor was asked), a wrong code's details or reason name its kind, a
 * mailed link or SMS is its own action. Empty for events that are not logins or did not reach a factor (a wrong
 * password).
 */
final class LoginFactor {

    /** The actions of the login family: their rows get a factor, and their failures count as failed logins. */
    static final Set<String> LOGIN_ACTIONS = Set.of("login", "login.password", "login.second-factor", "login.mail-link",
            "login.sms", "login.reauth", "vpn.login", "logout", "logout.everywhere", "console.authorize");

    private static final String SAID = "second factor: ";

    private LoginFactor() {
    }

    /** The factor of one event, or "" when it names none. */
    static String of(String action, String details, String reason) {
        if (!LOGIN_ACTIONS.contains(action)) {
            return "";
        }
        String text = ((details == null ? "" : details) + " | " + (reason == null ? "" : reason)).toLowerCase(Locale.ROOT);
        int said = text.indexOf(SAID);
        if (said >= 0) {
            return named(text.substring(said + SAID.length()));
        }
        return switch (action) {
            case "login.mail-link" -> "e-mail link";
            case "login.sms" -> "SMS code";
            default -> kind(text);
        };
    }

    /** "authenticator app, enrolled now" → "authenticator app"; "recovery code (3 left)" → "recovery code". */
    private static String named(String after) {
        int end = after.length();
        for (char stop : new char[] {',', '(', '|', ';'}) {
            int at = after.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String factor = after.substring(0, end).strip();
        return factor.equals("sms code") ? "SMS code" : factor;
    }

    /** The kind a wrong code names ("wrong authenticator code", "wrong SMS code", "e-mail link unknown …"). */
    private static String kind(String text) {
        if (text.contains("authenticator") || text.contains("current code")) {
            return "authenticator app";
        }
        if (text.contains("recovery code")) {
            return "recovery code";
        }
        if (text.contains("e-mail link")) {
            return "e-mail link";
        }
        if (text.contains("sms")) {
            return "SMS code";
        }
        return "";
    }
}
