package io.keyswitch.mail;

/** One plain-text e-mail to one recipient, as a batch of {@link MailSender#sendAll} holds it. */
public record Mail(String to, String subject, String text) {
}
