package io.keyswitch.mail;

import java.util.List;

/**
 * Sends plain-text e-mails, with files attached if need be, through the configured SMTP account: one at a time or a
 * batch over one connection.
 */
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

    /**
     * Sends {@code mails} in order over one connection to the SMTP server (the account read once), telling
     * {@code outcomes} of each mail as soon as the server answered it. A mail refused on its own (an address the server
     * does not take) fails alone and the batch goes on. When the server cannot be reached, or the connection breaks
     * and a new one fails too, the mail under way fails and the batch ends there: the mails after it are not tried and
     * get no outcome (they stay the caller's, to try again later). So each mail is told at most once, and a mail told
     * "sent" is never sent again by this call.
     *
     * @return how many mails got an outcome: {@code mails.size()} unless the batch ended early
     */
    int sendAll(List<Mail> mails, MailOutcomes outcomes);

    /** Whether an SMTP account is configured at all. */
    boolean configured();
}
