package io.keyswitch.mail;

/** A mail could not be handed to the SMTP server; the message is safe to show and log. */
public class MailDeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
