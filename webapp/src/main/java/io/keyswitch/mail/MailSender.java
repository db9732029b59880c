package io.keyswitch.mail;

import java.util.List;

/** Sends a plain-text e-mail, with files attached if need be, through the configured SMTP account. */
public interface MailSender {

    /**
     * @throws MailDeliveryException if no SMTP account is configured or the server refused or could not be reached;
     *     the message names the server, never the password or the text
     */
    void send(String to, String subject, String text);

    /**
     * Sends a plain-text e-mail with {@code attachments} (none: as {@link #send(String, String, String)}) to one or
     * more addresses ({@code to} separated by commas), each file read from disk while it is sent.
     *
     * @throws MailDeliveryException as {@link #send(String, String, String)}
     */
    void send(String to, String subject, String text, List<MailAttachment> attachments);

    /**
     * Sends through {@code settings} instead of the stored account: the test mail of settings not yet saved.
     *
     * @throws MailDeliveryException as {@link #send}
     */
    void sendWith(SmtpSettings settings, String to, String subject, String text);

    /** Whether an SMTP account is configured at all. */
    boolean configured();
}
