package io.keyswitch.mail;

import java.nio.file.Path;

/**
 * A file attached to a mail: the name the recipient sees, its media type ({@code application/pdf}, {@code text/csv}),
 * and the file it is read from while the mail is sent (never held in memory whole). The caller owns the file.
 */
public record MailAttachment(String name, String contentType, Path file) {
}
