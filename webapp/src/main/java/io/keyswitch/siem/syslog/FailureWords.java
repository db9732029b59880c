package io.keyswitch.siem.syslog;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** What went wrong with a syslog server, in words a person acts on ("Refused: nothing listens on …"), never a stack trace. */
public final class FailureWords {

    private FailureWords() {
    }

    public static String of(Throwable failure, Endpoint server, Duration timeout) {
        if (failure instanceof UnknownHostException) {
            return "Unknown host: '" + server.host() + "' does not resolve to an address.";
        }
        if (failure instanceof PortUnreachableException) {
            return "Refused: nothing listens on " + server + " (the host answered \"port unreachable\").";
        }
        if (failure instanceof ConnectException && String.valueOf(failure.getMessage()).toLowerCase().contains("refused")) {
            return "Refused: nothing listens on " + server + ", or a firewall refused the connection.";
        }
        if (failure instanceof NoRouteToHostException) {
            return "No route to " + server + ".";
        }
        if (failure instanceof SocketTimeoutException) {
            return "Timed out: " + server + " did not answer within " + timeout.toSeconds() + " s.";
        }
        if (failure instanceof SSLHandshakeException || failure instanceof SSLException) {
            return "TLS handshake with " + server + " failed: " + tlsReason(failure);
        }
        String message = failure.getMessage();
        return "Failed: " + (message == null || message.isBlank() ? failure.getClass().getSimpleName() : message)
                + " (" + server + ").";
    }

    private static String tlsReason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof CertificateException && (m.contains("No subject alternative") || m.contains("No name matching"))) {
                return "the server's certificate does not name this host.";
            }
            if (t instanceof CertPathValidatorException || m.contains("PKIX path") || m.contains("unable to find valid certification path")) {
                return "the server's certificate is not signed by the uploaded CA.";
            }
            if (t instanceof CertificateException && m.contains("expired")) {
                return "the server's certificate has expired.";
            }
            if (m.contains("protocol_version") || m.contains("No appropriate protocol")) {
                return "the server offers neither TLS 1.2 nor TLS 1.3.";
            }
        }
        String m = failure.getMessage();
        return m == null || m.isBlank() ? "the server ended the handshake." : m + ".";
    }
}
