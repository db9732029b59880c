package io.keyswitch.connection;

/** The firewall could not be changed or read: the helper refused the request, or did not answer. */
public class FirewallException extends Exception {

    private static final long serialVersionUID = 1L;

    public FirewallException(String message) {
        super(message);
    }

    public FirewallException(String message, Throwable cause) {
        super(message, cause);
    }
}
