package io.keyswitch.mail;

import java.util.List;

/**
 * One plain-text e-mail to one or more recipients ({@code to} separated by commas), with files attached if need be, as
 * a batch of {@link MailSender#sendAll} holds it.
 */
public record Mail(String to, String subject, String text, List<MailAttachment> attachments) {

    public Mail {
        attachments = List.copyOf(attachments);
    }

    /** A mail without attachments. */
    public Mail(String to, String subject, String text) {
        this(to, subject, text, List.of());
    }
}
