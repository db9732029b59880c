package io.keyswitch.mail;

/** Sends a plain-text e-mail through the configured SMTP account. */
public interface MailSender {

    /**
     * @throws MailDeliveryException if no SMTP account is configured or the server refused or could not be reached;
     *     the message names the server, never the password or the text
     */
    void send(String to, String subject, String text);

    /**
     * Sends through {@code settings} instead of the stored account: the test mail of settings not yet saved.
     *
     * @throws MailDeliveryException as {@link #send}
     */
    void sendWith(SmtpSettings settings, String to, String subject, String text);

    /** Whether an SMTP account is configured at all. */
    boolean configured();
}
