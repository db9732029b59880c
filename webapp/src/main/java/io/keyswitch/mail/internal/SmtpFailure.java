package io.keyswitch.mail.internal;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Why the SMTP server did not take a mail, in words a person can act on: connection refused, no
 * answer, unknown name, the TLS handshake (and why), the login, the addresses. Never a Java class
 * name; what the server itself answered may be quoted.
 */
final class SmtpFailure {

    private SmtpFailure() {
    }

    static String explain(String host, int port, String security, MessagingException e) {
        String server = "The SMTP server " + host + ":" + port;
        if (has(e, UnknownHostException.class)) {
            return "The SMTP server name \"" + host + "\" is not known (DNS): please check the name.";
        }
        if (has(e, ConnectException.class)) {
            return server + " refused the connection: nothing listens on that port, or a firewall turns it away. "
                    + "Please check the server and the port.";
        }
        if (has(e, NoRouteToHostException.class)) {
            return "There is no route to the SMTP server " + host + ":" + port + ": please check the appliance's network and gateway.";
        }
        if (has(e, SocketTimeoutException.class)) {
            return server + " did not answer within " + Integer.parseInt(SmtpMailSender.TIMEOUT_MS) / 1000
                    + " seconds: please check the server, the port and the firewall.";
        }
        if (e instanceof AuthenticationFailedException) {
            return server + " refused the user name or password (authentication failed)" + said(e.getMessage()) + ".";
        }
        String text = all(e).toLowerCase(Locale.ROOT);
        if (text.contains("starttls is required")) {
            return server + " does not offer STARTTLS: choose TLS (usually port 465), or None on a trusted network only.";
        }
        if (has(e, SSLException.class) || text.contains("verify identity of server")) {
            return "The TLS handshake with the SMTP server " + host + ":" + port + " failed: " + handshake(host, security, e, text);
        }
        if (e instanceof SendFailedException) {
            return server + " refused an address of this mail" + said(e.getMessage()) + ". Please check the sender and recipient.";
        }
        return server + " did not take the mail" + said(e.getMessage()) + ".";
    }

    private static String handshake(String host, String security, MessagingException e, String text) {
        if (has(e, CertPathBuilderException.class) || has(e, CertPathValidatorException.class)
                || text.contains("unable to find valid certification path")) {
            return "the appliance does not trust the server's certificate (self-signed, or issued by a CA it does not know).";
        }
        if (text.contains("verify identity of server") || text.contains("no subject alternative") || text.contains("no name matching")) {
            return "the server's certificate is not for " + host + ".";
        }
        if (text.contains("unrecognized ssl message") || text.contains("unsupported or unrecognized")
                || text.contains("remote host terminated the handshake")) {
            return "the server does not speak TLS on this port" + ("TLS".equals(security)
                    ? " (choose STARTTLS, usually port 587)." : ".");
        }
        if (text.contains("protocol_version") || text.contains("no appropriate protocol")) {
            return "the server offers neither TLS 1.3 nor TLS 1.2.";
        }
        return "the server and the appliance found no common ground" + said(firstCause(e, SSLException.class)) + ".";
    }

    /** ": the server said …" with the first line of what it said, or nothing. */
    private static String said(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String line = message.lines().findFirst().orElse("").strip();
        int nested = line.indexOf("; nested exception is");
        if (nested >= 0) {
            line = line.substring(0, nested);
        }
        if (line.isBlank()) {
            return "";
        }
        return " (it said: " + (line.length() > 200 ? line.substring(0, 200) : line) + ")";
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        return firstCause(e, type) != null || cause(e, type) != null;
    }

    private static Throwable cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static String firstCause(Throwable e, Class<? extends Throwable> type) {
        Throwable t = cause(e, type);
        return t == null ? null : t.getMessage();
    }

    private static String all(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = next(t)) {
            out.append(t.getMessage()).append('\n');
        }
        return out.toString();
    }

    /** The cause, or a MessagingException's next exception (older Jakarta Mail keeps it there). */
    private static Throwable next(Throwable t) {
        Throwable cause = t.getCause();
        if (cause == null && t instanceof MessagingException m) {
            cause = m.getNextException();
        }
        return cause == t ? null : cause;
    }
}
