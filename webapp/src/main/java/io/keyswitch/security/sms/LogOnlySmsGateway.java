package io.keyswitch.security.sms;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
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
 */
public final class LogOnlySmsGateway implements SmsGateway {

    /** How many messages the outbox keeps. */
    public static final int OUTBOX_SIZE = 50;

    private static final Logger LOG = Logger.getLogger(LogOnlySmsGateway.class.getName());

    /** One message "sent". */
    public record Sms(String phoneNumber, String text) {
    }

    private final boolean revealText;
    private final Deque<Sms> outbox = new ArrayDeque<>();

    /** Production mode: codes masked in the log. */
    public LogOnlySmsGateway() {
        this(false);
    }

    private LogOnlySmsGateway(boolean revealText) {
        this.revealText = revealText;
        LOG.info(revealText
                ? "SMS gateway: log only, DEVELOPMENT mode: messages and codes are written to the log in full"
                : "SMS gateway: log only: nothing is sent; codes are masked in the log");
    }

    /** Development mode: texts, codes included, are logged in full. */
    public static LogOnlySmsGateway development() {
        return new LogOnlySmsGateway(true);
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
