package io.keyswitch.mail;

/**
 * What became of each mail of a batch ({@link MailSender#sendAll}), told as soon as the SMTP server answered it, so
 * that the caller can store each mail's outcome before the next one goes out.
 */
public interface MailOutcomes {

    /** The server took the {@code index}-th mail of the batch. */
    void sent(int index);

    /** The {@code index}-th mail was not taken; the exception's message says why (never the password or the text). */
    void failed(int index, MailDeliveryException reason);
}
