package io.keyswitch.sms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Sends nothing: writes each message to the log and keeps the last
 * {@value #OUTBOX_SIZE} in memory ({@link #outbox()}), for tests and development.
 *
 * <p>The log must not become a way round the second factor, so by default
 * ({@link #LogOnlySmsGateway()}, "production mode") every run of four or more digits in the
 * text (also grouped, as in {@code 123 456}) is masked and only the last two digits of the number are shown. Only the explicit
 * {@link #development()} gateway logs the text in full, so a developer can log in; never use it
 * on an appliance.
 *
 * <p>{@link #writingTo(Path)} also appends each message, in full, to a file: what the container
 * tests read as a person reads their phone. Like development mode, never on an appliance.
 */
public final class LogOnlySmsGateway implements SmsGateway {

    /** How many messages the outbox keeps. */
    public static final int OUTBOX_SIZE = 50;

    private static final Logger LOG = Logger.getLogger(LogOnlySmsGateway.class.getName());

    /** One message "sent". */
    public record Sms(String phoneNumber, String text) {
    }

    private final boolean revealText;
    private final Path outboxFile;
    private final Deque<Sms> outbox = new ArrayDeque<>();

    /** Production mode: codes masked in the log. */
    public LogOnlySmsGateway() {
        this(false, null);
    }

    private LogOnlySmsGateway(boolean revealText, Path outboxFile) {
        this.revealText = revealText;
        this.outboxFile = outboxFile;
        if (outboxFile != null) {
            LOG.warning("SMS gateway: log only, codes masked in the log, but every message is written in full to "
                    + outboxFile + ": for tests only, never on an appliance");
        } else {
            LOG.info(revealText
                    ? "SMS gateway: log only, DEVELOPMENT mode: messages and codes are written to the log in full"
                    : "SMS gateway: log only: nothing is sent; codes are masked in the log");
        }
    }

    /** Development mode: texts, codes included, are logged in full. */
    public static LogOnlySmsGateway development() {
        return new LogOnlySmsGateway(true, null);
    }

    /**
     * Codes masked in the log, but each message appended in full to {@code file} (made with mode
     * 0600 if the file system allows), one line each: the number, a tab, the text with line breaks
     * as {@code \n}. For tests.
     */
    public static LogOnlySmsGateway writingTo(Path file) {
        return new LogOnlySmsGateway(false, Objects.requireNonNull(file, "file"));
    }

    @Override
    public void send(String phoneNumber, String text) {
        String phone = SmsGateway.e164(phoneNumber);
        synchronized (outbox) {
            if (outbox.size() == OUTBOX_SIZE) {
                outbox.removeFirst();
            }
            outbox.addLast(new Sms(phone, text));
        }
        LOG.info("SMS not sent (log-only gateway) to " + maskPhone(phone) + ": " + (revealText ? text : maskCodes(text)));
        if (outboxFile != null) {
            append(phone + "\t" + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "") + "\n");
        }
    }

    private synchronized void append(String line) {
        try {
            if (!Files.exists(outboxFile)) {
                try {
                    Files.createFile(outboxFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(outboxFile);
                } catch (java.nio.file.FileAlreadyExistsException fine) {
                    // made meanwhile
                }
            }
            Files.writeString(outboxFile, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new SmsDeliveryException("The log-only SMS gateway cannot write to " + outboxFile + ": " + e.getMessage(), e);
        }
    }

    /** The messages "sent", oldest first (at most {@value #OUTBOX_SIZE}). */
    public List<Sms> outbox() {
        synchronized (outbox) {
            return List.copyOf(outbox);
        }
    }

    static String maskCodes(String text) {
        // Four or more digits, also when grouped by single spaces or dashes ("123 456", "1 2 3 4").
        return text.replaceAll("\\d(?:[ -]?\\d){3,}", "******");
    }

    private static String maskPhone(String phone) {
        return phone.substring(0, 1) + "*".repeat(phone.length() - 3) + phone.substring(phone.length() - 2);
    }
}
